// The banks, blueprints and taxonomy shipped with mltprep, embedded at build
// time from question-banks/ (library mltprep_bundled).
#pragma once

#include <vector>

#include "mltprep/blueprint.h"
#include "mltprep/discipline.h"
#include "mltprep/source_file.h"

namespace mltprep {

const std::vector<SourceFile>& bundled_bank_files();
const std::vector<SourceFile>& bundled_blueprint_files();
const std::vector<SourceFile>& bundled_taxonomy_files();

// The shipped taxonomy and blueprints, parsed once. A problem in them is a
// defect of the build: Error(internal) naming it.
const Taxonomy& bundled_taxonomy();
const std::vector<Blueprint>& bundled_blueprints();

}  // namespace mltprep
