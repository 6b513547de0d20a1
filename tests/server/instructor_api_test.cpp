#include <catch2/catch.hpp>

#include "api_support.h"
#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/instructor.h"

using namespace mltprep;
using namespace mltprep::testing;
using nlohmann::json;

namespace {

// Over the bundled bank: instructors edit authored items, which must follow the bank rules.
struct InstructorApi : ApiFixture {
  InstructorApi() : ApiFixture(0) {
    engine_fixture.engine.import_items(parse_banks(bundled_bank_files(), bundled_taxonomy()).all_items());
    token = issue_instructor_token(engine_fixture.store, counting_entropy(100), 0);
  }
  httplib::Headers auth() const { return {{"Authorization", "Bearer " + token}}; }
  json get(const std::string& path, int expected = 200) { return send("GET", path, "", auth(), expected); }
  json put(const std::string& path, const json& body, int expected = 200) {
    return send("PUT", path, body.dump(), auth(), expected);
  }
  json post(const std::string& path, const json& body, int expected = 200) {
    return send("POST", path, body.dump(), auth(), expected);
  }
  std::string token;
};

json bank_item(const Item& item) { return json::parse(item_to_json(item)); }

}  // namespace

TEST_CASE("instructor routes refuse requests without the instructor token") {
  InstructorApi api;
  for (const char* path : {"/api/instructor/items", "/api/instructor/items/HEM-000001",
                           "/api/instructor/analysis", "/api/instructor/calibration"}) {
    INFO(path);
    CHECK(api.send("GET", path, "", {}, 401)["error"]["code"] == "unauthorized");
    CHECK(api.send("GET", path, "", {{"Authorization", "Bearer " + std::string(64, '0')}},
                   401)["error"]["code"] == "unauthorized");
  }
  api.send("POST", "/api/instructor/items", "{}", {{"Authorization", "Basic x"}}, 401);
  CHECK(api.get("/api/instructor/items").size() == api.engine_fixture.engine.items().size());
}

TEST_CASE(
    "an instructor's edit is checked like a bank file and becomes a new version; past answers keep theirs") {
  InstructorApi api;
  const auto started =
      api.send("POST", "/api/sessions", json{{"kind", "drill"}, {"student", "kim"}, {"count", 1}}.dump(), {});
  const std::string id = started["item"]["item_id"];
  const std::string session = started["session"]["id"];
  api.send("POST", "/api/sessions/" + session + "/answer", json{{"position", 0}, {"choice", 0}}.dump(), {});
  const auto before = api.engine_fixture.store.final_responses(0).front().response.version_id;

  auto item = bank_item(api.item(id));
  item["explanation"] = "";
  item["answer"] = "F";
  const auto refused = api.put("/api/instructor/items/" + id, item, 400);
  std::string fields;
  for (const auto& problem : refused["error"]["problems"])
    fields += problem["field"].get<std::string>() + " ";
  CHECK_THAT(fields, Catch::Contains("explanation") && Catch::Contains("answer"));

  item = bank_item(api.item(id));
  item["stem"] = item["stem"].get<std::string>() + " (reworded by an instructor)";
  item["id"] = id.substr(0, 4) + "999999";  // another id of the same discipline
  CHECK_THAT(api.put("/api/instructor/items/" + id, item, 400).dump(),
             Catch::Contains("keeps the item's id"));
  item["id"] = id;
  const auto saved = api.put("/api/instructor/items/" + id, item);
  CHECK(saved["version"] == 2);
  CHECK(saved["changed"] == true);
  CHECK_THAT(api.item(id).stem, Catch::EndsWith("(reworded by an instructor)"));
  CHECK(api.engine_fixture.store.final_responses(0).front().response.version_id == before);
  CHECK_THAT(api.get("/api/sessions/" + session + "/report")["review"][0]["stem"].get<std::string>(),
             !Catch::Contains("reworded"));
}

TEST_CASE("instructors create items with unused ids, and retire items so they are no longer drawn") {
  InstructorApi api;
  const auto in_use = api.engine_fixture.engine.items().size();
  Item fresh = api.item(api.engine_fixture.engine.items().front().item.id);
  auto item = bank_item(fresh);
  CHECK_THAT(api.post("/api/instructor/items", item, 400).dump(), Catch::Contains("already used"));
  const std::string prefix = fresh.id.substr(0, 3);
  item["id"] = prefix + "-7001";
  item["stem"] = "A new instructor-written stem that no other item has?";
  const auto created = api.post("/api/instructor/items", item);
  CHECK(created["bank"] == "instructor");
  CHECK(created["version"] == 1);
  CHECK(api.get("/api/instructor/items/" + prefix + "-7001")["item"]["stem"] == item["stem"]);

  const auto retired = api.post("/api/instructor/items/" + prefix + "-7001/retire", {{"retired", true}});
  CHECK(retired["retired"] == true);
  for (const auto& stored : api.engine_fixture.engine.items()) CHECK(stored.item.id != prefix + "-7001");
  bool listed_as_retired = false;
  for (const auto& row : api.get("/api/instructor/items")) {
    if (row["id"] == prefix + "-7001") listed_as_retired = row["retired"].get<bool>();
  }
  CHECK(listed_as_retired);
  api.post("/api/instructor/items/" + prefix + "-7001/retire", {{"retired", false}});
  CHECK(api.engine_fixture.engine.items().size() == in_use + 1);
  api.post("/api/instructor/items/HEM-424242/retire", {{"retired", true}}, 404);
}

TEST_CASE("instructors read item analysis and a calibration report over HTTP") {
  InstructorApi api;
  for (int s = 0; s < 3; ++s) {
    const auto started = api.send(
        "POST", "/api/sessions",
        json{{"kind", "drill"}, {"student", "s" + std::to_string(s)}, {"count", 2}, {"seed", 5}}.dump(), {});
    const std::string session = started["session"]["id"];
    for (int position = 0; position < 2; ++position) {
      api.send("POST", "/api/sessions/" + session + "/answer",
               json{{"position", position}, {"choice", s % 4}}.dump(), {});
    }
  }
  const auto analysis = api.get("/api/instructor/analysis");
  CHECK(analysis["responses"] == 6);
  CHECK(analysis["sessions"] == 3);
  const auto calibration = api.get("/api/instructor/calibration?min_responses=1");
  CHECK(calibration["method"] == "Rasch, joint maximum likelihood");
  CHECK(calibration["applied"] == false);
  api.get("/api/instructor/calibration?min_responses=many", 400);
}
