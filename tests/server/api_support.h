// The real server in tests: a fixture that serves the application layer over
// an in-memory engine on a free loopback port and records every response body.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "mltprep/app/service.h"
#include "mltprep/server.h"
#include "test_support.h"

namespace mltprep::testing {

using nlohmann::json;

// The real server on a free loopback port over an in-memory database.
struct ApiFixture {
  explicit ApiFixture(int items = 2000)
      : engine_fixture(items),
        service(engine_fixture.store, engine_fixture.engine, engine_fixture.clock, counting_entropy(50)),
        server(service, options()) {
    port = server.bind();
    thread = std::thread([this] { server.serve(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
  }
  ~ApiFixture() {
    server.stop();
    thread.join();
  }

  static ServerOptions options() {
    ServerOptions o;
    o.port = 0;
    return o;
  }

  json post(const std::string& path, const json& body, int expected = 200) {
    const auto res = client->Post(path.c_str(), body.dump(), "application/json");
    REQUIRE(res);
    INFO(path << " -> " << res->body);
    REQUIRE(res->status == expected);
    bodies.push_back(res->body);
    return json::parse(res->body);
  }

  json get(const std::string& path, int expected = 200) {
    const auto res = client->Get(path.c_str());
    REQUIRE(res);
    INFO(path << " -> " << res->body);
    REQUIRE(res->status == expected);
    bodies.push_back(res->body);
    return json::parse(res->body);
  }

  // Any method, with headers (e.g. Authorization), expecting a status.
  json send(const std::string& method, const std::string& path, const std::string& body,
            const httplib::Headers& headers, int expected = 200) {
    httplib::Result res = method == "GET"   ? client->Get(path.c_str(), headers)
                          : method == "PUT" ? client->Put(path.c_str(), headers, body, "application/json")
                                            : client->Post(path.c_str(), headers, body, "application/json");
    REQUIRE(res);
    INFO(method << " " << path << " -> " << res->body);
    REQUIRE(res->status == expected);
    bodies.push_back(res->body);
    return json::parse(res->body);
  }

  const Item& item(const std::string& id) {
    for (const auto& stored : engine_fixture.engine.items()) {
      if (stored.item.id == id) return stored.item;
    }
    FAIL("no item " << id);
    throw;
  }

  EngineFixture engine_fixture;
  app::Service service;
  QuizServer server;
  int port = 0;
  std::thread thread;
  std::unique_ptr<httplib::Client> client;
  std::vector<std::string> bodies;  // every response body, to check for leaks
};

}  // namespace mltprep::testing
