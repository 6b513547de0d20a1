// The embedded HTTP server: a JSON API over the practice engine and the
// browser quiz's files (DESIGN.md, "Security principles"). Handlers translate
// JSON to one engine call and back; no exam logic lives here.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace mltprep {

class PracticeEngine;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                         // 0: any free port
  std::size_t max_body_bytes = 16 * 1024;  // larger request bodies get 413
};

class QuizServer {
 public:
  // The engine is used from the server's worker threads one request at a time.
  // REQUIRES: the engine outlives the server.
  QuizServer(PracticeEngine& engine, ServerOptions options);
  ~QuizServer();
  QuizServer(const QuizServer&) = delete;
  QuizServer& operator=(const QuizServer&) = delete;

  // Binds the listening socket and returns its port; throws Error(invalid_input)
  // naming the address when it cannot.
  int bind();
  // Serves until stop(); in-flight requests finish first.
  void serve();
  // Safe to call from any thread or a signal-watching thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mltprep
