// The load generator's parts other than the students: its options, the clock
// of a run, the server process it starts or is given, the figures it prints,
// and the count of acknowledged answers against the database after a kill.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mltprep::load {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  int students = 50;
  double seconds = 20;
  double warmup_s = 2;  // not counted: connections opening, first sessions starting
  int think_ms = 0;     // mean pause before each answer and over a drill's feedback
  int threads = 0;      // 0: one per student when think_ms is 0, else at most 200
  int sample_ms = 20;   // interval of the trivial-route sampler
  bool trivial_only = false;
  bool spread_addresses = true;  // each student from its own loopback address (127.1.x.y)
  std::uint64_t seed = 1;
  std::string mltprep;      // the program to start
  std::string db;           // the database of the server started here (default: a new temporary one)
  std::string url;          // a server already running, e.g. http://127.0.0.1:8080
  pid_t pid = 0;            // its process, for --kill-after and the CPU figure
  double kill_after_s = 0;  // SIGKILL the server this far into the run, then count
};

// Options from the command line; none after --help (printed).
std::optional<Options> parse_options(int argc, char** argv);

// The clock of one run. Thread-safe.
class Run {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Run(const Options& options);

  bool over() const;
  bool in_window(Clock::time_point t) const;  // inside the measured part
  Clock::time_point window_start() const { return window_start_; }
  Clock::time_point planned_end() const { return end_; }
  Clock::time_point after(double seconds) const;  // this far into the run
  void end_now();
  double window_seconds() const;
  void sleep_unless_over(std::chrono::milliseconds pause) const;
  void sleep_until_or_over(Clock::time_point until) const;

 private:
  Clock::time_point start_;
  Clock::time_point window_start_;
  Clock::time_point end_;
  std::atomic<Clock::rep> ended_at_{0};  // since start_, once end_now() was called; 0 before
};

// A keep-alive client with TCP_NODELAY, as browsers use; `student` >= 0 with
// spread addresses connects from that student's own loopback address.
std::unique_ptr<httplib::Client> make_client(const Options& options, int student);

// The server under load: started here (`mltprep --db FILE serve --port 0`)
// and stopped at the end, or the one at --url.
class ServerProcess {
 public:
  explicit ServerProcess(const Options& options);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::string describe() const;
  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }
  const std::string& database() const { return database_; }
  void kill();  // SIGKILL, then reaps it when it is our child

 private:
  pid_t pid_ = 0;
  bool child_ = false;  // still to be reaped
  bool started_here_ = false;
  std::string database_;
  std::string temporary_dir_;  // removed at the end when the database was made here
  std::string url_;
};

// How long the disk holding `folder` takes to make a 4 KiB write durable
// (an overwrite and fdatasync in a new file there, `rounds` times): the floor
// under a durable answer. Sorted latencies in microseconds; empty if it cannot write.
std::vector<std::uint32_t> flush_latencies(const std::string& folder, int rounds);

// CPU time of a process (utime + stime from /proc), in seconds; 0 = this one.
double cpu_seconds(pid_t pid);
// A field of /proc/PID/status ("Threads", "VmHWM", ...) as written there; "" if unknown.
std::string process_status(pid_t pid, const std::string& field);

std::string format_fixed(double value, int decimals);
// p50, p95, p99 and the maximum, in milliseconds. Sorts `latencies_us`.
void print_latency(std::ostream& out, const std::string& label, std::vector<std::uint32_t>& latencies_us,
                   const std::string& what = "requests");

// An answer the server acknowledged with 200.
struct Acknowledged {
  std::string session_id;
  int position = 0;
  int choice = 0;
};

// After a kill: every acknowledged answer must be in the database's responses
// (and the database must pass PRAGMA quick_check). Prints what it found; the
// exit status (0 when nothing acknowledged is missing and something was).
int check_durability(std::ostream& out, const std::string& database,
                     const std::vector<Acknowledged>& acknowledged);

}  // namespace mltprep::load
