// Item analysis and calibration as JSON, one shape for `mltprep stats --json`,
// `mltprep bank calibrate --json` and the instructor pages.
#pragma once

#include <string>

#include "mltprep/calibration.h"
#include "mltprep/item_analysis.h"

namespace mltprep {

std::string item_analysis_to_json(const ItemAnalysis& analysis, int indent = 2);
// One item's figures, as an element of item_analysis_to_json's "items".
std::string item_statistics_to_json(const ItemStatistics& stats, int indent = 2);
std::string calibration_to_json(const Calibration& calibration, bool applied, int indent = 2);

}  // namespace mltprep
