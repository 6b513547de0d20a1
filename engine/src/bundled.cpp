// The parsed forms of the embedded data; compiled into mltprep_bundled beside
// the generated file that embeds it.
#include "mltprep/bundled.h"

#include "mltprep/error.h"

namespace mltprep {
namespace {

void require_no_problem(const std::vector<SourceProblem>& problems) {
  if (!problems.empty()) throw Error(ErrorCode::internal, "bundled data: " + describe(problems.front()));
}

}  // namespace

const Taxonomy& bundled_taxonomy() {
  static const Taxonomy taxonomy = [] {
    std::vector<SourceProblem> problems;
    auto parsed = parse_taxonomy(bundled_taxonomy_files(), problems);
    require_no_problem(problems);
    return parsed;
  }();
  return taxonomy;
}

const std::vector<Blueprint>& bundled_blueprints() {
  static const std::vector<Blueprint> blueprints = [] {
    std::vector<SourceProblem> problems;
    auto parsed = parse_blueprints(bundled_blueprint_files(), bundled_taxonomy(), problems);
    require_no_problem(problems);
    return parsed;
  }();
  return blueprints;
}

}  // namespace mltprep
