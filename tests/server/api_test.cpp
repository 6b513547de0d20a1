#include <catch2/catch.hpp>

#include "api_support.h"

using namespace mltprep;
using namespace mltprep::testing;
using nlohmann::json;

namespace {

std::string session_path(const json& session, const std::string& tail = "") {
  return "/api/sessions/" + session["id"].get<std::string>() + tail;
}

}  // namespace

TEST_CASE("a complete adaptive exam over HTTP never reveals a key or explanation before it is finished") {
  ApiFixture api;
  const auto started =
      api.post("/api/sessions", {{"kind", "adaptive_exam"}, {"student", "kim"}, {"blueprint", "ascp-mlt"}});
  const auto session = started["session"];
  std::vector<std::string> explanations;
  json current = started["item"];
  int answered = 0;
  while (!current.is_null()) {
    const auto& item = api.item(current["item_id"]);
    explanations.push_back(item.explanation);
    CHECK_FALSE(current.contains("key"));
    api.engine_fixture.clock.advance_seconds(20);
    const auto reply =
        api.post(session_path(session, "/answer"), {{"position", current["position"]}, {"choice", 0}});
    CHECK_FALSE(reply["outcome"].contains("key"));
    ++answered;
    current = api.get(session_path(session, "/item"))["item"];
  }
  CHECK(answered == 100);
  for (const auto& body : api.bodies) {
    for (const auto& explanation : explanations) REQUIRE(body.find(explanation) == std::string::npos);
  }
  const auto report = api.post(session_path(session, "/finish"), json::object());
  CHECK(report["answered"] == 100);
  CHECK(report["scaled_score"].is_number());
  CHECK(report["review"].size() == 100);
  CHECK(report["review"][0].contains("explanation"));
  CHECK(report["notice"].get<std::string>().find("Practice estimate") != std::string::npos);
}

TEST_CASE("a fixed form over HTTP takes flags, navigation and changed answers") {
  ApiFixture api;
  const auto started =
      api.post("/api/sessions", {{"kind", "linear_exam"}, {"student", "kim"}, {"blueprint", "amt-mlt"}});
  const auto session = started["session"];
  CHECK(session["item_count"] == 210);
  api.post(session_path(session, "/answer"), {{"position", 0}, {"choice", 1}});
  const auto flagged = api.post(session_path(session, "/flag"), {{"position", 0}, {"flagged", true}});
  CHECK(flagged["form"][0]["flagged"] == true);
  const auto back = api.post(session_path(session, "/goto"), {{"position", 0}});
  CHECK(back["item"]["chosen"] == 1);
  api.post(session_path(session, "/answer"), {{"position", 0}, {"choice", 3}});
  const auto unfinished = api.get(session_path(session, "/report"));
  CHECK(unfinished["review"].empty());
  const auto report = api.post(session_path(session, "/finish"), json::object());
  CHECK(report["answered"] == 1);
  CHECK(report["review"][0]["choice"] == "D");
  CHECK(report["review"][0]["flagged"] == true);
}

TEST_CASE("a drill over HTTP returns the key and explanation right after each answer") {
  ApiFixture api;
  const auto started = api.post(
      "/api/sessions", {{"kind", "drill"}, {"student", "kim"}, {"disciplines", {"chemistry"}}, {"count", 3}});
  const auto item = started["item"];
  CHECK(item["discipline"] == "chemistry");
  const auto reply = api.post(session_path(started["session"], "/answer"), {{"position", 0}, {"choice", 2}});
  CHECK(reply["outcome"]["key"] == api.item(item["item_id"]).answer_index);
  CHECK(reply["outcome"]["explanation"] == api.item(item["item_id"]).explanation);
}

TEST_CASE("bad requests get JSON errors with the right status") {
  ApiFixture api(300);
  const auto malformed = api.client->Post("/api/sessions", "{not json", "application/json");
  CHECK(malformed->status == 400);
  CHECK(json::parse(malformed->body)["error"]["code"] == "invalid_input");
  CHECK(api.client->Get("/api/nothing-here")->status == 404);
  CHECK(api.client->Get(("/api/sessions/" + std::string(48, 'a')).c_str())->status == 404);
  CHECK(api.client->Get("/api/sessions/short")->status == 404);
  api.post("/api/sessions", {{"kind", "sightseeing"}, {"student", "kim"}}, 400);
  api.post("/api/sessions", {{"kind", "drill"}, {"student", ""}}, 400);
  const auto huge = api.client->Post("/api/sessions", std::string(64 * 1024, ' '), "application/json");
  CHECK(huge->status == 413);
  CHECK(json::parse(huge->body)["error"]["code"] == "payload_too_large");
}

TEST_CASE("an answer after the deadline gets 410 and is not stored") {
  ApiFixture api(300);
  const auto started =
      api.post("/api/sessions", {{"kind", "adaptive_exam"}, {"student", "kim"}, {"blueprint", "ascp-mlt"}});
  api.engine_fixture.clock.advance_seconds(151 * 60);
  const auto late =
      api.post(session_path(started["session"], "/answer"), {{"position", 0}, {"choice", 0}}, 410);
  CHECK(late["error"]["code"] == "expired");
  const auto session = api.get(session_path(started["session"]))["session"];
  CHECK(session["answered_count"] == 0);
  CHECK(session["status"] == "finished");
  CHECK(session["expired"] == true);
}

TEST_CASE("static files come from the embedded table, never from a path in the request") {
  ApiFixture api(50);
  const auto page = api.client->Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("<title>mltprep") != std::string::npos);
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                           "/web/../CMakeLists.txt", "/app.js/../../etc/passwd"}) {
    const auto res = api.client->Get(path);
    REQUIRE(res);
    INFO(path);
    CHECK(res->status == 404);
    CHECK(res->body.find("root:") == std::string::npos);
  }
}

TEST_CASE(
    "a session with no answer reports no score: null ability, scaled score, pass probability and band") {
  ApiFixture api;
  const auto session = api.post(
      "/api/sessions", {{"kind", "adaptive_exam"}, {"student", "kim"}, {"blueprint", "ascp-mlt"}})["session"];
  const auto id = session["id"].get<std::string>();
  const auto check_no_score = [](const json& report) {
    CHECK(report["answered"] == 0);
    CHECK(report["ability"].is_null());
    CHECK(report["scaled_score"].is_null());
    CHECK(report["pass_probability"].is_null());
    CHECK(report["band"].is_null());
    for (const auto& group : report["areas"]) CHECK(group["ability"].is_null());
    for (const auto& group : report["disciplines"]) CHECK(group["band"].is_null());
  };
  CHECK(api.get(session_path(session, "/report"))["scores_withheld"] == true);  // in progress
  check_no_score(api.post(session_path(session, "/finish"), json::object()));
  check_no_score(api.get(session_path(session, "/report")));
  check_no_score(api.get("/api/history?ids=" + id)[0]);
  // One answer later, a fixed form has a score.
  const auto form =
      api.post("/api/sessions", {{"kind", "linear_exam"}, {"student", "kim"}, {"blueprint", "amt-mlt"}});
  api.post(session_path(form["session"], "/answer"), {{"position", 0}, {"choice", 0}});
  const auto answered = api.post(session_path(form["session"], "/finish"), json::object());
  CHECK(answered["ability"]["theta"].is_number());
  CHECK(answered["scaled_score"].is_number());
  CHECK(answered["pass_probability"].is_number());
  CHECK(answered["band"].is_string());
}

TEST_CASE("history returns only the sessions whose ids the browser holds") {
  ApiFixture api(300);
  const auto mine =
      api.post("/api/sessions", {{"kind", "drill"}, {"student", "kim"}, {"count", 2}})["session"];
  api.post("/api/sessions", {{"kind", "drill"}, {"student", "lee"}, {"count", 2}});
  const auto history = api.get("/api/history?ids=" + mine["id"].get<std::string>() + ",unknown");
  REQUIRE(history.size() == 1);
  CHECK(history[0]["session"]["student"] == "kim");
  CHECK_FALSE(history[0].contains("review"));
}
