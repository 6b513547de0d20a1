// Exams as data over HTTP: a discipline and an exam imported from data files
// (tests/data/new-exam) are listed by the API and taken like any other.
#include <catch2/catch.hpp>

#include "api_support.h"

using namespace mltprep;
using namespace mltprep::testing;
using nlohmann::json;

TEST_CASE("an exam and a discipline imported as data files are listed and taken through the API") {
  ApiFixture api(0);
  REQUIRE(api.service.import_files({std::string(MLTPREP_SOURCE_DIR) + "/tests/data/new-exam"}).added == 8);

  const auto blueprints = api.get("/api/blueprints");
  const auto quiz = std::find_if(blueprints.begin(), blueprints.end(),
                                 [](const json& blueprint) { return blueprint["id"] == "histology-quiz"; });
  REQUIRE(quiz != blueprints.end());
  CHECK((*quiz)["name"] == "Histotechnology practice form");
  CHECK((*quiz)["item_count"] == 5);
  CHECK((*quiz)["default"] == false);
  const auto disciplines = api.get("/api/disciplines");
  CHECK(std::any_of(disciplines.begin(), disciplines.end(), [](const json& discipline) {
    return discipline["id"] == "histology" && discipline["name"] == "Histotechnology" &&
           discipline["items"] == 8;
  }));

  auto started = api.post("/api/sessions",
                          {{"kind", "linear_exam"}, {"student", "kim"}, {"blueprint", "histology-quiz"}});
  const std::string id = started["session"]["id"];
  CHECK(started["session"]["item_count"] == 5);
  for (int position = 0; position < 5; ++position) {
    api.post("/api/sessions/" + id + "/answer", {{"position", position}, {"choice", 0}});
  }
  const auto report = api.post("/api/sessions/" + id + "/finish", json::object());
  CHECK(report["answered"] == 5);
  REQUIRE(report["disciplines"].size() == 1);
  CHECK(report["disciplines"][0]["name"] == "Histotechnology");
  CHECK(report["areas"][0]["id"] == "histotechnology");
}
