// The JSON shapes of the instructor routes (docs/api.md, "Instructor routes").
#pragma once

#include <nlohmann/json.hpp>

#include "mltprep/item_analysis.h"
#include "mltprep/source_file.h"
#include "mltprep/store.h"

namespace mltprep::api {

// One row of the item browser: what the item is, its provenance and its figures.
nlohmann::json item_summary_json(const StoredItem& stored, const ItemStatistics* stats);
// The whole item in bank format with its version, bank, retirement and figures.
nlohmann::json item_detail_json(const StoredItem& stored, const ItemStatistics* stats);
nlohmann::json problems_json(const std::vector<SourceProblem>& problems);

}  // namespace mltprep::api
