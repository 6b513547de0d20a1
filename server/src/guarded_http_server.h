// cpp-httplib's server with the connection handling of docs/api.md, "Limits":
// connections counted per client address and in all, deadlines on whole
// requests and responses rather than on single reads, TCP_NODELAY, idle
// connections closed at once when the server stops, and one send per
// response. cpp-httplib still parses requests and routes them; this class
// owns each connection from accept to close (it overrides the library's
// per-connection hook, as the library's TLS server does).
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "mltprep/server.h"

namespace mltprep {

class GuardedHttpServer final : public httplib::Server {
 public:
  // The body of a JSON error answered by this class itself (refusals, time-outs).
  using ErrorBody = std::function<std::string(const std::string& code, const std::string& message)>;

  // REQUIRES: options.max_connections > 0, options.max_connections_per_address > 0.
  GuardedHttpServer(const ServerOptions& options, ErrorBody error_body);
  ~GuardedHttpServer() override;
  GuardedHttpServer(const GuardedHttpServer&) = delete;
  GuardedHttpServer& operator=(const GuardedHttpServer&) = delete;

  // After binding: a listen queue long enough for a class connecting at once
  // (cpp-httplib listens with a queue of 5).
  void lengthen_listen_queue();
  // Stops accepting, closes idle connections at once and lets requests in
  // progress finish. Safe from any thread, more than once.
  void shut_down();

  // Connections open now (admitted, not yet closed). Thread-safe.
  std::size_t open_connections();

 private:
  enum class Admission { admitted, address_full, server_full };

  bool process_and_close_socket(socket_t sock) override;
  Admission admit(const std::string& address);
  void release(const std::string& address);
  void refuse(socket_t sock, Admission why, const std::string& address);
  void log_refusal(Admission why, const std::string& address);

  const ServerOptions options_;
  const ErrorBody error_body_;
  const int wake_fd_;  // an eventfd, readable once shut_down() was called
  std::atomic<bool> stopping_{false};
  std::atomic<long long> last_refusal_log_ms_{0};

  std::mutex counts_mutex_;
  std::size_t open_ = 0;                                          // guarded by counts_mutex_
  std::unordered_map<std::string, std::size_t> open_by_address_;  // guarded by counts_mutex_
};

}  // namespace mltprep
