// Malformed requests of every kind get a 4xx with a JSON error (docs/api.md);
// a 5xx is only ever a fault of the server.
#include <catch2/catch.hpp>

#include "api_support.h"

using namespace mltprep;
using namespace mltprep::testing;
using nlohmann::json;

namespace {

// Sends a raw body and returns the status, checking that the error is JSON.
int status_of(ApiFixture& api, const std::string& path, const std::string& body) {
  const auto res = api.client->Post(path.c_str(), body, "application/json");
  REQUIRE(res);
  INFO(path << " " << body << " -> " << res->status << " " << res->body);
  if (res->status >= 400) CHECK(json::parse(res->body)["error"]["code"].is_string());
  return res->status;
}

}  // namespace

TEST_CASE("numbers out of range are refused, never wrapped into range") {
  ApiFixture api(300);
  const auto drill = api.post("/api/sessions", {{"kind", "drill"}, {"student", "kim"}, {"count", 3}});
  const std::string answer = "/api/sessions/" + drill["session"]["id"].get<std::string>() + "/answer";
  CHECK(status_of(api, answer, R"({"position": 4294967296, "choice": 0})") == 400);
  CHECK(status_of(api, answer, R"({"position": 4294967301, "choice": 0})") == 400);
  CHECK(status_of(api, answer, R"({"position": 0, "choice": -4294967295})") == 400);
  CHECK(status_of(api, answer, R"({"position": 0, "choice": 18446744073709551615})") == 400);
  CHECK(status_of(api, answer, R"({"position": 0.5, "choice": 0})") == 400);
  CHECK(status_of(api, "/api/sessions", R"({"kind": "drill", "student": "kim", "count": 4294967299})") ==
        400);
  CHECK(status_of(api, "/api/sessions", R"({"kind": "drill", "student": "kim", "count": 1e400})") == 400);
  CHECK(status_of(api, "/api/sessions",
                  R"({"kind": "adaptive_exam", "student": "kim", "time_multiplier": 1e400})") == 400);
  // Nothing was stored at a wrapped position.
  CHECK(api.get("/api/sessions/" + drill["session"]["id"].get<std::string>())["session"]["answered_count"] ==
        0);
}

TEST_CASE("bodies that are not UTF-8 or not JSON, and fields of the wrong type, get 400") {
  ApiFixture api(300);
  CHECK(status_of(api, "/api/sessions", "{\"kind\": \"drill\", \"student\": \"k\xff\xfe\"}") == 400);
  CHECK(status_of(api, "/api/sessions", "{\"kind\": \"drill\", \"student\": \"\\udc00\"}") == 400);
  CHECK(status_of(api, "/api/sessions", "[1, 2, 3]") == 400);
  CHECK(status_of(api, "/api/sessions", R"({"kind": 7, "student": "kim"})") == 400);
  CHECK(status_of(api, "/api/sessions",
                  R"({"kind": "drill", "student": "kim", "disciplines": "chemistry"})") == 400);
  CHECK(status_of(api, "/api/sessions",
                  R"({"kind": "drill", "student": "kim", "disciplines": ["CARDIOLOGY"]})") == 400);
}

TEST_CASE("unknown session ids get 404 on every session route") {
  ApiFixture api(300);
  const std::string unknown = "/api/sessions/" + std::string(48, '0');
  for (const char* tail : {"", "/item", "/form", "/report"}) {
    INFO(tail);
    CHECK(api.get(unknown + tail, 404)["error"]["code"] == "not_found");
  }
  for (const char* tail : {"/answer", "/goto", "/flag", "/finish", "/retake"}) {
    INFO(tail);
    CHECK(status_of(api, unknown + tail, R"({"position": 0, "choice": 0, "flagged": true})") == 404);
  }
}

TEST_CASE("a chunked body is refused before it is read, whatever its size, and nothing is stored") {
  ApiFixture api(300);
  const std::string big = R"({"kind": "drill", "student": ")" + std::string(40000, 'a') + R"("})";
  for (const std::string& body : {big, std::string(R"({"kind": "drill", "student": "kim"})")}) {
    httplib::Client client("127.0.0.1", api.port);
    // A provider without a length: the client sends the body chunked.
    const auto res = client.Post(
        "/api/sessions",
        [&](size_t offset, httplib::DataSink& sink) {
          if (offset >= body.size()) {
            sink.done();
            return true;
          }
          return sink.write(body.data() + offset, std::min<size_t>(body.size() - offset, 1000));
        },
        "application/json");
    REQUIRE(res);
    CHECK(res->status == 411);
    CHECK(json::parse(res->body)["error"]["code"] == "length_required");
  }
  CHECK(api.engine_fixture.store.all_sessions().empty());
}
