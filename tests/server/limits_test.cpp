// The server under slow and abusive clients (docs/api.md, "Limits"): the real
// server on a free loopback port, driven through raw sockets from several
// loopback addresses (127.0.0.1 to 127.0.0.9 are all this machine's), so that
// per-address caps can be told from the total.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "api_support.h"

using namespace mltprep;
using namespace mltprep::testing;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

// The server with chosen limits over an in-memory database.
struct LimitsFixture {
  explicit LimitsFixture(ServerOptions options)
      : engine_fixture(200),
        service(engine_fixture.store, engine_fixture.engine, engine_fixture.clock, counting_entropy(50)),
        server(service, with_any_port(std::move(options))) {
    port = server.bind();
    thread = std::thread([this] { server.serve(); });
  }
  ~LimitsFixture() { stop(); }

  void stop() {
    if (!thread.joinable()) return;
    server.stop();
    thread.join();
  }

  static ServerOptions with_any_port(ServerOptions options) {
    options.port = 0;
    return options;
  }

  // A keep-alive client whose connections come from `source` (a loopback address).
  std::unique_ptr<httplib::Client> client(const std::string& source = "127.0.0.1") const {
    auto made = std::make_unique<httplib::Client>("127.0.0.1", port);
    made->set_keep_alive(true);
    made->set_tcp_nodelay(true);
    made->set_socket_options([source](socket_t sock) {
      sockaddr_in address{};
      address.sin_family = AF_INET;
      ::inet_pton(AF_INET, source.c_str(), &address.sin_addr);
      ::bind(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    });
    return made;
  }

  EngineFixture engine_fixture;
  app::Service service;
  QuizServer server;
  int port = 0;
  std::thread thread;
};

// A raw TCP connection to the server from a chosen loopback address.
class RawConnection {
 public:
  RawConnection(int port, const std::string& source) : sock_(::socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(sock_ >= 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &local.sin_addr);
    REQUIRE(::bind(sock_, reinterpret_cast<const sockaddr*>(&local), sizeof local) == 0);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    REQUIRE(::connect(sock_, reinterpret_cast<const sockaddr*>(&server), sizeof server) == 0);
  }
  ~RawConnection() { close(); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void close() {
    if (sock_ >= 0) ::close(sock_);
    sock_ = -1;
  }

  // False once the server has closed or reset the connection.
  bool send(const std::string& bytes) {
    return ::send(sock_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }

  // What arrives until the server closes the connection or `limit` passes.
  std::string read_until_closed(std::chrono::milliseconds limit) {
    std::string received;
    const auto until = SteadyClock::now() + limit;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now());
      pollfd entry{sock_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&entry, 1, static_cast<int>(left.count())) <= 0) return received;
      char buffer[4096];
      const ssize_t n = ::recv(sock_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        return received;
      }
      received.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // One complete response to a request already sent (its headers and a body of Content-Length).
  std::string read_response(std::chrono::milliseconds limit = 2000ms) {
    std::string received;
    const auto until = SteadyClock::now() + limit;
    while (SteadyClock::now() < until) {
      const auto end = received.find("\r\n\r\n");
      if (end != std::string::npos) {
        const auto at = received.find("Content-Length: ");
        const std::size_t length = at == std::string::npos ? 0 : std::stoul(received.substr(at + 16));
        if (received.size() >= end + 4 + length) return received;
      }
      pollfd entry{sock_, POLLIN, 0};
      if (::poll(&entry, 1, 50) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(sock_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        return received;
      }
      received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
  }

  // Whether anything (an answer, or the end of the stream) arrives within `limit`.
  bool answered_within(std::chrono::milliseconds limit) {
    pollfd entry{sock_, POLLIN, 0};
    return ::poll(&entry, 1, static_cast<int>(limit.count())) > 0;
  }

  // Whether the server has closed the connection (nothing waiting to be read either).
  bool closed_by_server() {
    pollfd entry{sock_, POLLIN, 0};
    if (::poll(&entry, 1, 0) <= 0) return closed_;
    char byte;
    closed_ = ::recv(sock_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
    return closed_;
  }

 private:
  int sock_;
  bool closed_ = false;
};

const std::string kBlueprintsRequest = "GET /api/blueprints HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }

std::string body_of(const std::string& response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

std::chrono::milliseconds since(SteadyClock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
}

}  // namespace

TEST_CASE("with 64 connections trickling header lines open, a trivial route still answers promptly") {
  LimitsFixture api(ServerOptions{});
  // 16 slow clients on each of four addresses, under the per-address cap, so
  // the server admits all 64 and each holds a worker.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 64; ++i) {
    slow.push_back(std::make_unique<RawConnection>(api.port, "127.0.0." + std::to_string(2 + i % 4)));
    REQUIRE(slow.back()->send("GET /api/blueprints HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  }
  std::atomic<bool> done{false};
  std::thread trickler([&] {
    for (int line = 0; !done; ++line) {
      for (auto& connection : slow) connection->send("X-Trickle-" + std::to_string(line) + ": 1\r\n");
      std::this_thread::sleep_for(200ms);
    }
  });
  std::this_thread::sleep_for(300ms);

  const auto client = api.client("127.0.0.1");
  std::vector<std::chrono::milliseconds> took;
  for (int i = 0; i < 10; ++i) {
    const auto start = SteadyClock::now();
    const auto res = client->Get("/api/blueprints");
    took.push_back(since(start));
    REQUIRE(res);
    CHECK(res->status == 200);
    std::this_thread::sleep_for(50ms);
  }
  // Generous bounds: were the slow clients holding the workers, each request
  // would wait for them (seconds); the median leaves room for one hiccup of
  // a busy machine, and no request may wait long.
  std::sort(took.begin(), took.end());
  CHECK(took[took.size() / 2] < 100ms);
  CHECK(took.back() < 1000ms);
  done = true;
  trickler.join();
  int still_open = 0;
  for (auto& connection : slow) still_open += connection->closed_by_server() ? 0 : 1;
  CHECK(still_open == 64);  // they were held, not refused
}

TEST_CASE("a request whose headers trickle past its deadline is answered 408 and its connection closed") {
  ServerOptions options;
  options.request_timeout = 600ms;
  options.read_pause = 300ms;
  LimitsFixture api(options);
  RawConnection slow(api.port, "127.0.0.2");
  const auto start = SteadyClock::now();
  REQUIRE(slow.send("GET /api/blueprints HTTP/1.1\r\n"));
  // A header line every 100 ms, each well within the pause allowed, until the server answers.
  for (int line = 0; line < 20 && !slow.answered_within(100ms); ++line) {
    slow.send("X-Trickle: " + std::to_string(line) + "\r\n");
  }
  const auto response = slow.read_until_closed(2000ms);
  CHECK(status_line(response) == "HTTP/1.1 408 Request Timeout");
  CHECK(body_of(response).find("\"code\":\"request_timeout\"") != std::string::npos);
  CHECK(slow.closed_by_server());
  CHECK(since(start) < 1500ms);
}

TEST_CASE("a false Content-Length holds a worker no longer than the longest pause allowed") {
  ServerOptions options;
  options.read_pause = 300ms;
  LimitsFixture api(options);
  RawConnection liar(api.port, "127.0.0.2");
  const auto start = SteadyClock::now();
  REQUIRE(
      liar.send("POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                "Content-Length: 100\r\n\r\n{\"kind\":"));
  const auto response = liar.read_until_closed(3000ms);
  CHECK(status_line(response) == "HTTP/1.1 408 Request Timeout");
  CHECK(liar.closed_by_server());
  CHECK(since(start) < 1000ms);
}

TEST_CASE("a body declared over the limit is refused with 413 before it is sent, and the connection closed") {
  ServerOptions options;
  options.read_pause = 5000ms;  // the refusal must not wait for the body
  LimitsFixture api(options);
  RawConnection client(api.port, "127.0.0.2");
  const auto start = SteadyClock::now();
  REQUIRE(
      client.send("POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  "Content-Length: 1000000000\r\n\r\n"));
  const auto response = client.read_until_closed(3000ms);
  CHECK(status_line(response) == "HTTP/1.1 413 Payload Too Large");
  CHECK(body_of(response).find("\"code\":\"payload_too_large\"") != std::string::npos);
  CHECK(client.closed_by_server());
  CHECK(since(start) < 1000ms);
}

TEST_CASE("a chunked body that streams far past the limit is refused with 411 and the connection closed") {
  LimitsFixture api(ServerOptions{});
  RawConnection client(api.port, "127.0.0.2");
  REQUIRE(
      client.send("POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "1000\r\n" + std::string(0x1000, ' ') + "\r\n";
  int sent = 0;
  while (sent < 1024 && client.send(chunk)) ++sent;  // up to 4 MiB; the server reads none of it
  const auto response = client.read_until_closed(3000ms);
  CHECK(status_line(response) == "HTTP/1.1 411 Length Required");
  CHECK(client.closed_by_server());
}

TEST_CASE("connections over the per-address cap are refused while other addresses are served") {
  ServerOptions options;
  options.max_connections_per_address = 4;
  options.max_connections = 6;
  LimitsFixture api(options);

  std::vector<std::unique_ptr<RawConnection>> first;
  for (int i = 0; i < 4; ++i) {
    first.push_back(std::make_unique<RawConnection>(api.port, "127.0.0.1"));
    REQUIRE(first.back()->send(kBlueprintsRequest));
    REQUIRE(status_line(first.back()->read_response()) == "HTTP/1.1 200 OK");  // admitted, kept alive
  }

  RawConnection fifth(api.port, "127.0.0.1");
  fifth.send(kBlueprintsRequest);
  const auto refused = fifth.read_until_closed(2000ms);
  CHECK(status_line(refused) == "HTTP/1.1 503 Service Unavailable");
  CHECK(body_of(refused).find("\"code\":\"too_many_connections\"") != std::string::npos);
  CHECK(fifth.closed_by_server());

  const auto other = api.client("127.0.0.2");
  const auto served = other->Get("/api/blueprints");
  REQUIRE(served);
  CHECK(served->status == 200);

  SECTION("and a closed connection frees its place") {
    first.front()->close();
    bool admitted = false;
    for (int attempt = 0; attempt < 20 && !admitted; ++attempt) {
      RawConnection again(api.port, "127.0.0.1");
      again.send(kBlueprintsRequest);
      admitted = status_line(again.read_response()) == "HTTP/1.1 200 OK";
      if (!admitted) std::this_thread::sleep_for(50ms);  // the server notices the close
    }
    CHECK(admitted);
  }

  SECTION("and the total cap holds across addresses") {
    RawConnection sixth(api.port, "127.0.0.2");  // the fifth and sixth open connections
    sixth.send(kBlueprintsRequest);
    REQUIRE(status_line(sixth.read_response()) == "HTTP/1.1 200 OK");
    RawConnection seventh(api.port, "127.0.0.3");
    seventh.send(kBlueprintsRequest);
    CHECK(status_line(seventh.read_until_closed(2000ms)) == "HTTP/1.1 503 Service Unavailable");
  }
}

TEST_CASE("keep-alive requests are answered without waiting for delayed acknowledgements") {
  LimitsFixture api(ServerOptions{});
  const auto client = api.client();
  const auto start = SteadyClock::now();
  for (int i = 0; i < 50; ++i) {
    const auto res = client->Get("/api/blueprints");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  // Nagle's algorithm against delayed ACKs costs 40 ms a request on Linux;
  // the bound is half of that on average, far above a request's real cost.
  CHECK(since(start) < 1000ms);
}

TEST_CASE("stopping the server closes idle keep-alive connections at once") {
  ServerOptions options;
  options.keep_alive_idle = 60000ms;
  LimitsFixture api(options);
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 10; ++i) {
    idle.push_back(std::make_unique<RawConnection>(api.port, "127.0.0.2"));
    REQUIRE(idle.back()->send(kBlueprintsRequest));
    REQUIRE(status_line(idle.back()->read_response()) == "HTTP/1.1 200 OK");
  }
  const auto start = SteadyClock::now();
  api.stop();
  CHECK(since(start) < 1000ms);
  for (auto& connection : idle) {
    connection->read_until_closed(500ms);
    CHECK(connection->closed_by_server());
  }
}
