#include "guarded_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <system_error>

#include "worker_pool.h"

namespace mltprep {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Workers kept beyond the connection limit, so that a connection over a cap is
// refused at once even when every admitted connection holds its worker.
constexpr std::size_t kRefusalWorkers = 32;
// Request line, headers and chunk framing allowed beside the body limit.
constexpr std::size_t kHeaderAllowance = 64 * 1024;
// Buffered response bytes sent before the response is complete.
constexpr std::size_t kSendAt = 64 * 1024;
// How long a connection closed while its client may still be sending is
// drained first, so that the client reads our answer instead of a reset.
constexpr milliseconds kLingerTime{200};
constexpr std::size_t kLingerBytes = 64 * 1024;
// At most one line on standard error per this many milliseconds about refusals.
constexpr long long kRefusalLogEveryMs = 10'000;

int poll_milliseconds(SteadyClock::duration left) {
  const auto ms = std::chrono::ceil<milliseconds>(left).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 24 * 3600 * 1000));
}

// Waits for `events` on `fd` for at most `left`; false on time-out or error.
bool wait_for(int fd, short events, SteadyClock::duration left) {
  const auto until = SteadyClock::now() + left;
  for (;;) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, poll_milliseconds(until - SteadyClock::now()));
    if (ready > 0) return true;
    if (ready == 0 || errno != EINTR) return false;
  }
}

std::string http_response(int status, const char* reason, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n" + (status == 503 ? "Retry-After: 10\r\n" : "") + "\r\n" + body;
}

// Sends as much of `bytes` as the socket takes within `left`; false if not all.
bool send_all(int sock, const std::string& bytes, SteadyClock::duration left) {
  const auto until = SteadyClock::now() + left;
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(sock, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (SteadyClock::now() >= until || !wait_for(sock, POLLOUT, until - SteadyClock::now())) return false;
    } else {
      return false;
    }
  }
  return true;
}

// Closes a connection whose client may still be sending: our side first, then
// what the client sends is read and dropped for a moment, so that its kernel
// gets a FIN after our answer rather than a reset that could discard it.
void close_lingering(int sock) {
  ::shutdown(sock, SHUT_WR);
  const auto until = SteadyClock::now() + kLingerTime;
  char scratch[4096];
  for (std::size_t drained = 0; drained < kLingerBytes;) {
    if (!wait_for(sock, POLLIN, until - SteadyClock::now())) break;
    const ssize_t n = ::recv(sock, scratch, sizeof scratch, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) break;
    if (n > 0) drained += static_cast<std::size_t>(n);
  }
  ::close(sock);
}

struct Endpoint {
  std::string ip;
  int port = 0;
};

Endpoint endpoint_of(int sock, bool peer) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  if ((peer ? ::getpeername(sock, raw, &length) : ::getsockname(sock, raw, &length)) != 0) return {};
  char text[INET6_ADDRSTRLEN] = {};
  Endpoint endpoint;
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    endpoint.port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    endpoint.port = ntohs(v6->sin6_port);
  }
  endpoint.ip = text;
  return endpoint;
}

// The length a request declares for its body; none when it declares none or
// an unreadable one (cpp-httplib then reads no body), SIZE_MAX when it is too
// large to represent.
std::optional<std::size_t> declared_length(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  const std::string text = req.get_header_value("Content-Length");
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
  if (error == std::errc::result_out_of_range) return SIZE_MAX;
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return length;
}

// One connection's socket as cpp-httplib reads and writes it. Reads are
// buffered and bounded by the request's deadline, the longest pause and the
// request's size; writes are gathered and sent once per response (or every
// kSendAt bytes), bounded by the response's deadline. When a request does not
// arrive in time or is too large, the library's answer to it (a 400) is
// replaced by a 408 or 413 and the connection is closed.
class ConnectionStream final : public httplib::Stream {
 public:
  enum class Next { request, idle, stopping };
  enum class Failure { none, timed_out, too_large };

  ConnectionStream(int sock, Endpoint peer, const ServerOptions& options,
                   const GuardedHttpServer::ErrorBody& error_body)
      : sock_(sock), peer_(std::move(peer)), options_(options), error_body_(error_body) {}

  // Waits for the first byte of the next request (or finds it buffered) and
  // starts its clock; `idle` when the connection was quiet for too long,
  // `stopping` when `wake_fd` says the server is stopping.
  Next await_request(int wake_fd) {
    if (in_pos_ == in_len_) {
      const auto until = SteadyClock::now() + options_.keep_alive_idle;
      for (;;) {
        pollfd entries[2] = {{sock_, POLLIN, 0}, {wake_fd, POLLIN, 0}};
        const int ready = ::poll(entries, 2, poll_milliseconds(until - SteadyClock::now()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return Next::idle;
        if (entries[1].revents != 0) return Next::stopping;
        break;
      }
    }
    request_deadline_ = SteadyClock::now() + options_.request_timeout;
    request_bytes_ = in_len_ - in_pos_;
    body_refused_ = false;
    response_started_ = false;
    replaced_ = false;
    return Next::request;
  }

  // The request declared a body over the limit: nothing more is read (the
  // library then answers 413) and the connection is closed after the answer.
  void refuse_body() { body_refused_ = true; }

  // Ends the exchange: answers a request that failed to arrive if the
  // library did not, and sends what is buffered. False when the connection
  // cannot be kept (broken, or a failed or refused request left unread bytes).
  bool end_exchange() {
    if (failure_ != Failure::none && !replaced_) replace_answer();
    const bool sent = send_buffered();
    return sent && failure_ == Failure::none && !body_refused_;
  }

  // Whether the client may still be sending when we close.
  bool may_have_unread_input() const { return failure_ != Failure::none || body_refused_; }

  bool is_readable() const override { return in_pos_ < in_len_ || wait_for(sock_, POLLIN, {}); }
  bool is_writable() const override { return failure_ == Failure::none; }

  ssize_t read(char* ptr, size_t size) override {
    if (failure_ != Failure::none || body_refused_) return -1;
    if (in_pos_ == in_len_) {
      const ssize_t filled = fill();
      if (filled <= 0) return filled;
    }
    const std::size_t n = std::min(size, in_len_ - in_pos_);
    std::memcpy(ptr, in_.get() + in_pos_, n);
    in_pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (failure_ != Failure::none) {
      if (!replaced_) replace_answer();
      return static_cast<ssize_t>(size);  // the library's own answer is dropped
    }
    start_response();
    out_.append(ptr, size);
    if (out_.size() >= kSendAt && !send_buffered()) return -1;
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_.ip;
    port = peer_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    const auto local = endpoint_of(sock_, false);
    ip = local.ip;
    port = local.port;
  }
  socket_t socket() const override { return sock_; }

 private:
  // Reads what has arrived into the buffer: bytes read, 0 at the end of the
  // stream, -1 on failure (a time-out or too many bytes marks failure_).
  ssize_t fill() {
    // A "100 Continue" must reach the client before it sends the body; the
    // response proper then has its own deadline.
    if (!send_buffered()) return -1;
    response_started_ = false;
    const std::size_t budget = options_.max_body_bytes + kHeaderAllowance;
    for (;;) {
      const auto now = SteadyClock::now();
      const auto left = std::min<SteadyClock::duration>(request_deadline_ - now, options_.read_pause);
      if (left <= SteadyClock::duration::zero() || !wait_for(sock_, POLLIN, left)) {
        failure_ = Failure::timed_out;
        return -1;
      }
      const ssize_t n = ::recv(sock_, in_.get(), kReadSize, MSG_DONTWAIT);
      if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
      if (n <= 0) return n < 0 ? -1 : 0;
      in_pos_ = 0;
      in_len_ = static_cast<std::size_t>(n);
      request_bytes_ += static_cast<std::size_t>(n);
      if (request_bytes_ > budget) {
        failure_ = Failure::too_large;
        return -1;
      }
      return n;
    }
  }

  void start_response() {
    if (response_started_) return;
    response_started_ = true;
    response_deadline_ = SteadyClock::now() + options_.response_timeout;
  }

  void replace_answer() {
    replaced_ = true;
    start_response();
    out_ = failure_ == Failure::timed_out
               ? http_response(408, "Request Timeout",
                               error_body_("request_timeout", "the request did not arrive in time"))
               : http_response(
                     413, "Payload Too Large",
                     error_body_("payload_too_large", "the request is larger than the server accepts"));
  }

  bool send_buffered() {
    if (out_.empty()) return true;
    const bool sent = send_all(sock_, out_, response_deadline_ - SteadyClock::now());
    out_.clear();
    return sent;
  }

  static constexpr std::size_t kReadSize = 16 * 1024;

  const int sock_;
  const Endpoint peer_;
  const ServerOptions& options_;
  const GuardedHttpServer::ErrorBody& error_body_;

  std::unique_ptr<char[]> in_ = std::make_unique<char[]>(kReadSize);  // bytes received
  std::size_t in_pos_ = 0;                                            // from here not yet read
  std::size_t in_len_ = 0;
  std::string out_;  // bytes written, not yet sent

  SteadyClock::time_point request_deadline_{};
  SteadyClock::time_point response_deadline_{};
  std::size_t request_bytes_ = 0;
  Failure failure_ = Failure::none;
  bool body_refused_ = false;
  bool response_started_ = false;
  bool replaced_ = false;
};

}  // namespace

GuardedHttpServer::GuardedHttpServer(const ServerOptions& options, ErrorBody error_body)
    : options_(options),
      error_body_(std::move(error_body)),
      wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (wake_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  const std::size_t workers = options_.max_connections + kRefusalWorkers;
  new_task_queue = [workers] { return new WorkerPool(workers); };
  set_tcp_nodelay(true);  // the listening socket; accepted ones are set again below
  set_payload_max_length(options_.max_body_bytes);
  // Used by the library's accept loop for the socket's own time-outs; the
  // deadlines that count are kept by ConnectionStream.
  set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(options_.read_pause));
  set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(options_.response_timeout));
  // What the Keep-Alive header of each response announces.
  set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(options_.keep_alive_idle).count());
  set_keep_alive_max_count(options_.max_requests_per_connection);
}

GuardedHttpServer::~GuardedHttpServer() { ::close(wake_fd_); }

void GuardedHttpServer::lengthen_listen_queue() {
  const socket_t sock = svr_sock_;
  const int backlog = static_cast<int>(std::min<std::size_t>(options_.max_connections, 4096));
  if (sock != INVALID_SOCKET) ::listen(sock, backlog);
}

void GuardedHttpServer::shut_down() {
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  // As httplib::Server::stop(), but also before the accept loop has started
  // (stop() then does nothing, and the loop would never end).
  const socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
  if (sock != INVALID_SOCKET) {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
}

std::size_t GuardedHttpServer::open_connections() {
  std::lock_guard<std::mutex> lock(counts_mutex_);
  return open_;
}

GuardedHttpServer::Admission GuardedHttpServer::admit(const std::string& address) {
  std::lock_guard<std::mutex> lock(counts_mutex_);
  if (open_ >= options_.max_connections) return Admission::server_full;
  auto& from_address = open_by_address_[address];
  if (from_address >= options_.max_connections_per_address) return Admission::address_full;
  ++from_address;
  ++open_;
  return Admission::admitted;
}

void GuardedHttpServer::release(const std::string& address) {
  std::lock_guard<std::mutex> lock(counts_mutex_);
  --open_;
  const auto found = open_by_address_.find(address);
  if (--found->second == 0) open_by_address_.erase(found);
}

void GuardedHttpServer::log_refusal(Admission why, const std::string& address) {
  const long long now_ms =
      std::chrono::duration_cast<milliseconds>(SteadyClock::now().time_since_epoch()).count();
  long long last = last_refusal_log_ms_;
  if (now_ms - last < kRefusalLogEveryMs || !last_refusal_log_ms_.compare_exchange_strong(last, now_ms))
    return;
  std::cerr << "mltprep serve: refusing connections from " << address << ": "
            << (why == Admission::address_full
                    ? std::to_string(options_.max_connections_per_address) + " already open from that address"
                    : std::to_string(options_.max_connections) + " already open in all")
            << " (docs/api.md, \"Limits\"; further refusals are not logged for 10 s)" << std::endl;
}

void GuardedHttpServer::refuse(socket_t sock, Admission why, const std::string& address) {
  log_refusal(why, address);
  const std::string message = why == Admission::address_full
                                  ? "too many connections from this address; try again shortly"
                                  : "the server has as many connections as it serves; try again shortly";
  send_all(sock, http_response(503, "Service Unavailable", error_body_("too_many_connections", message)),
           options_.response_timeout);
  close_lingering(sock);
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  const int on = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  Endpoint peer = endpoint_of(sock, true);
  const std::string address = peer.ip;
  if (const auto admission = admit(address); admission != Admission::admitted) {
    refuse(sock, admission, address);
    return false;
  }

  ConnectionStream stream(sock, std::move(peer), options_, error_body_);
  bool served = true;
  for (std::size_t count = 1; served; ++count) {
    if (stream.await_request(wake_fd_) != ConnectionStream::Next::request) break;
    const bool last = count >= options_.max_requests_per_connection || stopping_;
    bool client_closes = false;
    served = process_request(stream, last, client_closes, [&](httplib::Request& req) {
      // A chunked body is refused unread (server.cpp answers 411): its bytes
      // cannot be skipped, so the connection ends with the answer.
      const auto length = declared_length(req);
      const bool chunked = req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
      if (chunked || (length && *length > options_.max_body_bytes)) {
        stream.refuse_body();
        req.headers.erase("Connection");
        req.set_header("Connection", "close");
      }
    });
    served = stream.end_exchange() && served && !client_closes && !last;
  }

  if (stream.may_have_unread_input()) {
    close_lingering(sock);
  } else {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
  release(address);
  return true;
}

}  // namespace mltprep
