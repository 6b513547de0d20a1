// The embedded HTTP server: the JSON API of docs/api.md over the application
// layer, and the browser quiz's files (docs/design.md, "Security principles").
// Each route parses its request, makes one call into app::Service and renders
// the result; no exam logic lives here.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace mltprep::app {
class Service;
}

namespace mltprep {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                         // 0: any free port
  std::size_t max_body_bytes = 16 * 1024;  // larger request bodies get 413
};

class QuizServer {
 public:
  // The service is used from the server's worker threads one request at a time.
  // REQUIRES: the service outlives the server.
  QuizServer(app::Service& service, ServerOptions options);
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
