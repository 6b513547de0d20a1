// Malformed requests of every kind get a 4xx with a JSON error (docs/api.md);
// a 5xx is only ever a fault of the server.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>

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
  for (const std::size_t size : {std::size_t{40000}, std::size_t{30}}) {
    // Over a plain socket: the headers and the first chunk only, then the answer
    // (a client that kept writing could see its connection closed first).
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(api.port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    char chunk_size[32];
    std::snprintf(chunk_size, sizeof chunk_size, "%zx\r\n", size);
    const std::string request = std::string("POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n") +
                                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                chunk_size + std::string(std::min<std::size_t>(size, 1000), 'a');
    REQUIRE(::send(socket_fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size()));
    std::string response;
    char buffer[4096];
    for (ssize_t got; (got = ::recv(socket_fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, got);
    ::close(socket_fd);
    INFO(response);
    CHECK(response.rfind("HTTP/1.1 411", 0) == 0);
    CHECK_THAT(response, Catch::Contains("\"length_required\""));
  }
  CHECK(api.engine_fixture.store.all_sessions().empty());
}
