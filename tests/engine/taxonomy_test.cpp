// The taxonomy as data: disciplines, their item-id prefixes and the default
// blueprint come from taxonomy files, checked like banks and blueprints.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "mltprep/bundled.h"
#include "mltprep/discipline.h"

using namespace mltprep;

namespace {

std::vector<std::string> described(const std::vector<SourceProblem>& problems) {
  std::vector<std::string> lines;
  for (const auto& problem : problems) lines.push_back(describe(problem));
  return lines;
}

SourceFile file_at(const std::string& relative) {
  std::ifstream in(std::string(MLTPREP_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return SourceFile{relative, text.str()};
}

}  // namespace

TEST_CASE("the bundled taxonomy holds the nine disciplines and names ascp-mlt as the default blueprint") {
  const auto& taxonomy = bundled_taxonomy();
  CHECK(taxonomy.disciplines().size() == 9);
  CHECK(taxonomy.default_blueprint() == "ascp-mlt");
  CHECK(taxonomy.find("blood_bank")->name == "Blood bank (immunohematology)");
  CHECK(taxonomy.id_list().rfind("blood_bank, transfusion, ", 0) == 0);
}

TEST_CASE("a broken taxonomy file is refused with file, line and field of every problem") {
  std::vector<SourceProblem> problems;
  const auto taxonomy = parse_taxonomy({file_at("tests/data/bad-taxonomy/taxonomy.json")}, problems);
  CHECK(taxonomy.disciplines().empty());
  const std::string file = "tests/data/bad-taxonomy/taxonomy.json";
  CHECK(described(problems) ==
        std::vector<std::string>{
            file + ":5: field disciplines[1].id: \"Cytology\" must be lower-case letters, digits and "
                   "underscores, e.g. blood_bank",
            file + ":6: field disciplines[2].prefix: HTL is the prefix of another discipline already",
            file + ":8: field disciplines[4].colour: unknown field",
            file + ":8: field disciplines[4].prefix: \"hem\" must be 2 to 5 upper-case letters, e.g. BBK"});
}

TEST_CASE("a later taxonomy adds disciplines but never gives a known id or prefix a second meaning") {
  Taxonomy taxonomy = bundled_taxonomy();
  std::vector<SourceProblem> problems;
  const auto added =
      parse_taxonomy({SourceFile{"more.json",
                                 R"({"taxonomy": "more", "default_blueprint": "other", "disciplines": [
    {"id": "histology", "name": "Histotechnology", "prefix": "HTL"},
    {"id": "chemistry", "name": "Chemistry", "prefix": "CHX"},
    {"id": "cytology", "name": "Cytology", "prefix": "CHM"},
    {"id": "hematology", "name": "Hematology", "prefix": "HEM"}]})"}},
                     problems);
  REQUIRE(problems.empty());
  taxonomy.extend(added, "more.json", problems);
  CHECK(described(problems) ==
        std::vector<std::string>{
            "more.json: field prefix: discipline chemistry already has prefix CHM",
            "more.json: field prefix: prefix CHM already belongs to discipline chemistry"});
  CHECK(taxonomy.find("histology")->id_prefix == "HTL");
  CHECK(taxonomy.find("cytology") == nullptr);
  CHECK(taxonomy.disciplines().size() == 10);         // hematology again, with its own prefix, is no change
  CHECK(taxonomy.default_blueprint() == "ascp-mlt");  // the first taxonomy to name one decides
}
