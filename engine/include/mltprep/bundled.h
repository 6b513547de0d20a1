// The banks and blueprints shipped with mltprep, embedded at build time from
// question-banks/ (library mltprep_bundled).
#pragma once

#include <vector>

#include "mltprep/source_file.h"

namespace mltprep {

const std::vector<SourceFile>& bundled_bank_files();
const std::vector<SourceFile>& bundled_blueprint_files();

}  // namespace mltprep
