#include "mltprep/blueprint.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "mltprep/bundled.h"
#include "test_support.h"

using namespace mltprep;
using mltprep::testing::find_problem;
using mltprep::testing::line_containing;

namespace {

std::string source_path(const std::string& relative) {
  return std::string(MLTPREP_SOURCE_DIR) + "/" + relative;
}

std::vector<Blueprint> parse_paths(const std::vector<std::string>& relative_paths,
                                   std::vector<SourceProblem>& problems) {
  std::vector<std::string> paths;
  for (const auto& relative : relative_paths) paths.push_back(source_path(relative));
  const auto files = read_json_files(paths, problems);
  REQUIRE(problems.empty());
  return parse_blueprints(files, bundled_taxonomy(), problems);
}

// A valid linear blueprint as text, with `areas` and `item_count` supplied by the test.
SourceFile linear_blueprint(const std::string& path, const std::string& id, int item_count,
                            const std::string& areas) {
  return {path, R"({"id": ")" + id + R"(", "name": "Test form", "mode": "linear", "item_count": )" +
                    std::to_string(item_count) + R"(, "time_limit_minutes": 60, "review_allowed": true,
  "areas": [)" + areas +
                    R"(],
  "scale": {"minimum": 0, "maximum": 100, "passing_score": 70, "theta_cut": 0, "points_per_logit": 10,
            "provisional": true, "basis": "test"}})"};
}

SourceFile adaptive_blueprint(const std::string& areas) {
  return {"adaptive.json", R"({"id": "test-cat", "name": "Test CAT", "mode": "adaptive", "item_count": 50,
  "time_limit_minutes": 60, "review_allowed": false, "randomesque_k": 3,
  "areas": [)" + areas + R"(],
  "scale": {"minimum": 100, "maximum": 999, "passing_score": 400, "theta_cut": 0.5, "points_per_logit": 100,
            "provisional": true, "basis": "test"}})"};
}

}  // namespace

TEST_CASE("the bundled blueprints parse cleanly from the source tree and from the binary") {
  std::vector<SourceProblem> problems;
  const auto from_files = parse_paths({"question-banks/blueprints"}, problems);
  for (const auto& problem : problems) FAIL(describe(problem));
  REQUIRE(from_files.size() == 2);
  problems.clear();
  const auto embedded = parse_blueprints(bundled_blueprint_files(), bundled_taxonomy(), problems);
  CHECK(problems.empty());
  CHECK(embedded.size() == 2);
}

TEST_CASE("the MLT(ASCP)-style blueprint is adaptive with the published content ranges") {
  std::vector<SourceProblem> problems;
  const auto blueprints = parse_paths({"question-banks/blueprints"}, problems);
  const Blueprint* ascp = find_blueprint(blueprints, "ascp-mlt");
  REQUIRE(ascp != nullptr);
  CHECK(ascp->mode == ExamMode::adaptive);
  CHECK(ascp->item_count == 100);
  CHECK(ascp->time_limit_minutes == 150);
  CHECK_FALSE(ascp->review_allowed);
  CHECK(ascp->randomesque_k == 5);
  REQUIRE(ascp->areas.size() == 7);
  CHECK(ascp->area_of("transfusion")->id == "blood_banking");
  CHECK(ascp->area_of("coagulation")->id == "hematology");
  CHECK(ascp->area_of("lab_operations")->min_percent == 5);
  CHECK(ascp->area_of("chemistry")->max_percent == 25);
  CHECK(ascp->area_of("cardiology") == nullptr);
  CHECK(ascp->scale.passing_score == 400);
  CHECK(ascp->scale.theta_cut == Approx(0.5));
  CHECK(ascp->scale.provisional);
  CHECK_FALSE(ascp->scale.basis.empty());
}

TEST_CASE("the MLT(AMT)-style blueprint is a linear form whose area counts sum to 210") {
  std::vector<SourceProblem> problems;
  const auto blueprints = parse_paths({"question-banks/blueprints"}, problems);
  const Blueprint* amt = find_blueprint(blueprints, "amt-mlt");
  REQUIRE(amt != nullptr);
  CHECK(amt->mode == ExamMode::linear);
  CHECK(amt->item_count == 210);
  CHECK(amt->time_limit_minutes == 180);
  CHECK(amt->review_allowed);
  REQUIRE(amt->areas.size() == 9);
  int total = 0;
  for (const auto& area : amt->areas) total += area.item_count;
  CHECK(total == 210);
  CHECK(amt->area_of("blood_bank")->id == "immunohematology");
  CHECK(amt->area_of("transfusion")->item_count == 17);
  CHECK(amt->scale.minimum == 0);
  CHECK(amt->scale.maximum == 100);
  CHECK(amt->scale.passing_score == 70);
  CHECK(find_blueprint(blueprints, "nope") == nullptr);
}

TEST_CASE("adaptive target shares are the range midpoints, normalised; linear shares are the counts") {
  std::vector<SourceProblem> problems;
  const auto blueprints = parse_paths({"question-banks/blueprints"}, problems);
  const auto ascp = find_blueprint(blueprints, "ascp-mlt")->target_shares();
  REQUIRE(ascp.size() == 7);
  // Midpoints 17.5, 7.5, 22.5, 22.5, 7.5, 17.5, 7.5 sum to 102.5.
  CHECK(ascp[0] == Approx(17.5 / 102.5));
  CHECK(ascp[2] == Approx(22.5 / 102.5));
  CHECK(std::accumulate(ascp.begin(), ascp.end(), 0.0) == Approx(1.0));
  const auto amt = find_blueprint(blueprints, "amt-mlt")->target_shares();
  REQUIRE(amt.size() == 9);
  CHECK(amt[0] == Approx(30.0 / 210.0));
  CHECK(std::accumulate(amt.begin(), amt.end(), 0.0) == Approx(1.0));
}

TEST_CASE("a scaled score is linear in theta, rounded, and kept within the scale") {
  ScoreScale scale;
  scale.minimum = 100;
  scale.maximum = 999;
  scale.passing_score = 400;
  scale.theta_cut = 0.5;
  scale.points_per_logit = 100;
  CHECK(scale.to_scaled(0.5) == 400);
  CHECK(scale.to_scaled(1.5) == 500);
  CHECK(scale.to_scaled(0.504) == 400);  // 400.4 rounds down
  CHECK(scale.to_scaled(0.506) == 401);  // 400.6 rounds up
  CHECK(scale.to_scaled(-10) == 100);
  CHECK(scale.to_scaled(20) == 999);
}

TEST_CASE("a blueprint with bad fields is refused, naming file, area and field of each problem") {
  std::vector<SourceProblem> problems;
  const auto blueprints = parse_paths({"tests/data/bad-blueprint"}, problems);
  CHECK(blueprints.empty());
  const auto path = source_path("tests/data/bad-blueprint/blueprints/bad-fields.json");
  for (const auto& problem : problems) CHECK(problem.file == path);

  CHECK(find_problem(problems, "", "id")->line == 2);
  CHECK(find_problem(problems, "", "item_count")->message == "must be at least 1");
  CHECK(find_problem(problems, "", "review_allowed")->message == "must be true or false, not a string");

  const auto* unknown = find_problem(problems, "chemistry", "areas[0].disciplines[1]");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->subject == "area");
  CHECK(unknown->line == line_containing(path, R"("id": "chemistry")"));
  CHECK_THAT(unknown->message, Catch::Contains("cardiology"));
  CHECK(find_problem(problems, "chemistry", "areas[0].percent")->message ==
        "must satisfy 0 <= minimum <= maximum <= 100");

  const auto* twice = find_problem(problems, "hematology", "areas[1].disciplines[1]");
  REQUIRE(twice != nullptr);
  CHECK_THAT(twice->message, Catch::Contains("already in area chemistry"));

  CHECK(find_problem(problems, "hematology", "areas[2].id")->message == "another area already has this id");
  CHECK_THAT(find_problem(problems, "hematology", "areas[2].items")->message, Catch::Contains("\"percent\""));
  CHECK(find_problem(problems, "hematology", "areas[2].percent")->message == "required field is missing");
  CHECK(find_problem(problems, "hematology", "areas[2].id")->line ==
        line_containing(path, R"("name": "Blood")"));

  CHECK(find_problem(problems, "", "scale.passing_score") != nullptr);
  CHECK(find_problem(problems, "", "scale.points_per_logit")->message == "must be above 0");
  CHECK(find_problem(problems, "", "scale.slope")->message == "unknown field");
  // Every problem, in file order, and nothing else.
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& problem : problems) found.emplace_back(problem.item_id, problem.field);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"", "id"},
      {"", "item_count"},
      {"", "review_allowed"},
      {"chemistry", "areas[0].disciplines[1]"},
      {"chemistry", "areas[0].percent"},
      {"hematology", "areas[1].disciplines[1]"},
      {"hematology", "areas[2].id"},
      {"hematology", "areas[2].items"},
      {"hematology", "areas[2].percent"},
      {"", "scale.slope"},
      {"", "scale.passing_score"},
      {"", "scale.points_per_logit"}};
  CHECK(found == expected);
  CHECK_THAT(
      describe(*unknown),
      Catch::EndsWith(": area chemistry: field areas[0].disciplines[1]: unknown discipline \"cardiology\""));
}

TEST_CASE("a linear blueprint whose area counts do not fill the form is refused") {
  std::vector<SourceProblem> problems;
  const auto blueprints = parse_blueprints(
      {linear_blueprint(
          "short.json", "short-form", 30,
          R"({"id": "chemistry", "name": "Chemistry", "disciplines": ["chemistry"], "items": 20},
                           {"id": "hematology", "name": "Hematology", "disciplines": ["hematology"], "items": 5})")},
      bundled_taxonomy(), problems);
  CHECK(blueprints.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].field == "areas");
  CHECK(problems[0].message == "the areas' items sum to 25, but item_count is 30");
}

TEST_CASE("adaptive ranges that cannot make up 100 percent are refused") {
  std::vector<SourceProblem> problems;
  parse_blueprints(
      {adaptive_blueprint(
          R"({"id": "chemistry", "name": "Chemistry", "disciplines": ["chemistry"], "percent": [20, 40]},
                          {"id": "hematology", "name": "Hematology", "disciplines": ["hematology"], "percent": [10, 50]})")},
      bundled_taxonomy(), problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "the maximum percents sum to 90, below 100");
  problems.clear();
  parse_blueprints(
      {adaptive_blueprint(
          R"({"id": "chemistry", "name": "Chemistry", "disciplines": ["chemistry"], "percent": [60, 70]},
                          {"id": "hematology", "name": "Hematology", "disciplines": ["hematology"], "percent": [50, 60]})")},
      bundled_taxonomy(), problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "the minimum percents sum to 110, above 100");
  problems.clear();
  const auto good = parse_blueprints(
      {adaptive_blueprint(
          R"({"id": "all", "name": "All", "disciplines": ["chemistry"], "percent": [100, 100]})")},
      bundled_taxonomy(), problems);
  CHECK(problems.empty());
  REQUIRE(good.size() == 1);
  CHECK(good[0].randomesque_k == 3);
}

TEST_CASE("two blueprint files with the same id are refused on the second") {
  const auto areas = R"({"id": "chemistry", "name": "Chemistry", "disciplines": ["chemistry"], "items": 10})";
  std::vector<SourceProblem> problems;
  const auto blueprints = parse_blueprints({linear_blueprint("one.json", "same-id", 10, areas),
                                            linear_blueprint("two.json", "same-id", 10, areas)},
                                           bundled_taxonomy(), problems);
  CHECK(blueprints.size() == 1);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "two.json");
  CHECK(problems[0].field == "id");
  CHECK_THAT(problems[0].message, Catch::Contains("one.json"));
}

TEST_CASE("a blueprint with a JSON syntax error is reported with line and column") {
  std::vector<SourceProblem> problems;
  const auto blueprints = parse_blueprints(
      {{"broken.json", "{\n  \"id\": \"x\",\n  \"mode\": adaptive\n}\n"}}, bundled_taxonomy(), problems);
  CHECK(blueprints.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "broken.json");
  CHECK(problems[0].line == 3);
  CHECK(problems[0].column == 11);  // the first character the parser could not accept
  CHECK_THAT(problems[0].message, Catch::StartsWith("invalid JSON"));
}
