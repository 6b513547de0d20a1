// The embedded HTTP server: the JSON API of docs/api.md over the application
// layer, and the browser quiz's files (docs/design.md, "Security principles").
// Each route parses its request, makes one call into app::Service and renders
// the result; no exam logic lives here.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace mltprep::app {
class Service;
}

namespace mltprep {

// What the server promises and refuses (docs/api.md, "Limits"). Each open
// connection has a worker thread of its own, so that a slow client holds up
// only itself; the connection caps therefore bound the threads too.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                         // 0: any free port
  std::size_t max_body_bytes = 16 * 1024;  // larger request bodies get 413

  std::size_t max_connections = 2048;            // open at once in all; more get 503
  std::size_t max_connections_per_address = 32;  // open at once from one client address; more get 503
  // A whole request (line, headers, body) from its first byte, and the
  // longest silence within it; a request late on either gets 408 and its
  // connection is closed.
  std::chrono::milliseconds request_timeout{5000};
  std::chrono::milliseconds read_pause{2000};
  std::chrono::milliseconds response_timeout{10000};  // for the client to take a whole response
  std::chrono::milliseconds keep_alive_idle{10000};   // an idle connection is closed after this
  std::size_t max_requests_per_connection = 10000;    // then the connection is closed (Connection: close)
};

class QuizServer {
 public:
  // The service is used from the server's worker threads one request at a time.
  // Raises the process's soft limit of open files to fit max_connections; when
  // the hard limit is lower, admits fewer connections and says so on stderr.
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
