// Reading and validating one blueprint file's JSON. Private to the engine.
#pragma once

#include <optional>
#include <vector>

#include "json_fields.h"
#include "json_text.h"
#include "mltprep/blueprint.h"
#include "mltprep/discipline.h"

namespace mltprep {

// The blueprint in `root`, or nullopt after appending every problem found
// (naming the file, the area and the field, with the line where it can be found).
// Areas may name only disciplines of `taxonomy`.
std::optional<Blueprint> read_blueprint(const Json& root, const SourceFile& file, const JsonKeyLines& lines,
                                        const Taxonomy& taxonomy, std::vector<SourceProblem>& problems);

}  // namespace mltprep
