// Attacks a student who wants the key would try while an exam is in progress:
// answer, read the report and the history, change the answer, read again; or
// drill the exam's items. None of them may recover anything derived from the key.
#include <catch2/catch.hpp>
#include <set>

#include "api_support.h"

using namespace mltprep;
using namespace mltprep::testing;
using nlohmann::json;

namespace {

std::string session_path(const std::string& id, const std::string& tail = "") {
  return "/api/sessions/" + id + tail;
}

// What reading an exam in progress shows: progress only.
void require_progress_only(const json& report) {
  INFO(report.dump());
  CHECK(report["scores_withheld"] == true);
  for (const char* field : {"correct", "percent", "ability", "scaled_score", "pass_probability", "band",
                            "areas", "disciplines", "difficulties"}) {
    CHECK_FALSE(report.contains(field));
  }
  CHECK(report["review"].empty());
}

// The report and the history entry of a session, as one text to compare.
std::string readings(ApiFixture& api, const std::string& id) {
  const auto report = api.get(session_path(id, "/report"));
  const auto history = api.get("/api/history?ids=" + id);
  require_progress_only(report);
  REQUIRE(history.size() == 1);
  require_progress_only(history[0]);
  return report.dump() + history.dump();
}

std::set<std::string> served_item_ids(ApiFixture& api, const std::string& session_id) {
  std::set<std::string> ids;
  for (const auto& served : api.engine_fixture.store.served_items(session_id)) {
    ids.insert(api.engine_fixture.store.item_version(served.version_id).item.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("changing a fixed-form answer and reading the report and history between changes reveals no key") {
  ApiFixture api;
  const auto started =
      api.post("/api/sessions", {{"kind", "linear_exam"}, {"student", "kim"}, {"blueprint", "amt-mlt"}});
  const std::string id = started["session"]["id"];
  for (int position = 0; position < 20; ++position) {
    std::set<std::string> seen;
    for (int choice = 0; choice < 4; ++choice) {
      api.post(session_path(id, "/answer"), {{"position", position}, {"choice", choice}});
      seen.insert(readings(api, id));
    }
    INFO("position " << position);
    CHECK(seen.size() == 1);  // the four answers, one right and three wrong, read the same
  }
}

TEST_CASE("an adaptive exam's report and history show progress only, whichever answer was given") {
  ApiFixture api;
  std::set<std::string> seen;
  for (int choice = 0; choice < 4; ++choice) {
    // The same exam (same seed) answered differently at the first item.
    const auto started = api.post(
        "/api/sessions",
        {{"kind", "adaptive_exam"}, {"student", "kim" + std::to_string(choice)}, {"blueprint", "ascp-mlt"}});
    const std::string id = started["session"]["id"];
    api.post(session_path(id, "/answer"), {{"position", 0}, {"choice", choice}});
    auto report = api.get(session_path(id, "/report"));
    require_progress_only(report);
    require_progress_only(api.get("/api/history?ids=" + id)[0]);
    CHECK(report["answered"] == 1);
    seen.insert(json{report["answered"], report["item_count"], report["blueprint_name"]}.dump());
  }
  CHECK(seen.size() == 1);
}

TEST_CASE(
    "a drill never serves an item of the student's unfinished exam, and takes no item ids from the client") {
  ApiFixture api;
  const auto exam =
      api.post("/api/sessions", {{"kind", "linear_exam"}, {"student", "kim"}, {"blueprint", "amt-mlt"}});
  const std::string exam_id = exam["session"]["id"];
  const auto on_screen = served_item_ids(api, exam_id);
  REQUIRE(on_screen.size() == 210);

  const std::vector<std::string> wanted(on_screen.begin(), std::next(on_screen.begin(), 5));
  const auto refused =
      api.post("/api/sessions", {{"kind", "drill"}, {"student", "kim"}, {"item_ids", wanted}}, 400);
  CHECK_THAT(refused["error"]["message"].get<std::string>(), Catch::Contains("retake"));

  const auto drill = api.post("/api/sessions", {{"kind", "drill"}, {"student", "kim"}, {"count", 500}});
  const std::string drill_id = drill["session"]["id"];
  CHECK(drill["session"]["item_count"] == 500);
  for (const auto& item_id : served_item_ids(api, drill_id)) CHECK_FALSE(on_screen.count(item_id));

  // Another student's drill may draw them: the rule protects one student's own exam.
  const auto other = api.post("/api/sessions", {{"kind", "drill"}, {"student", "lee"}, {"count", 500}});
  std::size_t shared = 0;
  for (const auto& item_id : served_item_ids(api, other["session"]["id"])) shared += on_screen.count(item_id);
  CHECK(shared > 0);

  // A retake is derived on the server, from a finished session only.
  CHECK(api.post(session_path(exam_id, "/retake"), json::object(), 409)["error"]["code"] == "conflict");
}

TEST_CASE("retaking a finished drill serves exactly the items missed, and keys come after each answer") {
  ApiFixture api;
  const auto drill = api.post("/api/sessions", {{"kind", "drill"}, {"student", "kim"}, {"count", 6}});
  const std::string id = drill["session"]["id"];
  std::set<std::string> missed;
  for (int position = 0; position < 6; ++position) {
    const auto reply = api.post(session_path(id, "/answer"), {{"position", position}, {"choice", 0}});
    if (!reply["outcome"]["correct"].get<bool>()) {
      missed.insert(api.get(session_path(id, "/report"))["review"][position]["item_id"].get<std::string>());
    }
  }
  api.post(session_path(id, "/finish"), json::object());
  if (missed.empty()) {
    CHECK(api.post(session_path(id, "/retake"), json::object(), 409)["error"]["code"] == "conflict");
    return;
  }
  const auto retake = api.post(session_path(id, "/retake"), json::object());
  CHECK(retake["session"]["kind"] == "drill");
  CHECK(retake["session"]["student"] == "kim");
  CHECK(served_item_ids(api, retake["session"]["id"]) == missed);
}
