#include "load_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>
#include <unordered_set>

namespace mltprep::load {
namespace {

constexpr const char* kHelp =
    R"(mltprep_load_generator: simulated students taking exams and drills through the API

  --students N        simulated students, each over one keep-alive connection (50)
  --seconds S         length of the run (20)
  --warmup S          seconds at the start left out of the figures (2)
  --think-ms MS       mean pause before each answer and over a drill's feedback,
                      drawn from MS/2 to 3MS/2; 0: none (0)
  --threads T         threads stepping the students (one per student when
                      --think-ms is 0, else at most 200)
  --sample-ms MS      the trivial route (GET /api/blueprints) is sampled this often (20)
  --trivial-only      students request only the trivial route (its throughput)
  --one-address       all students connect from 127.0.0.1 (else each from its
                      own loopback address, as from its own machine)
  --seed N            the students' random choices (1)
  --mltprep PATH      the program to start as the server (the one built with this)
  --db FILE           the database of the server started here (a new temporary one)
  --url URL           a server already running instead, e.g. http://127.0.0.1:8080
  --pid PID           its process (for --kill-after and its CPU figure)
  --kill-after S      SIGKILL the server S seconds into the run, then count the
                      acknowledged answers against the stored ones (exit 1 if any
                      is missing); with --url it needs --pid and --db
)";

double number(const std::string& option, const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && value >= 0) return value;
  } catch (const std::exception&) {
    // reported below
  }
  throw UsageError(option + " takes a number from 0, not '" + text + "'");
}

// "http://HOST:PORT[/]" → host, port.
std::pair<std::string, int> host_and_port(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) throw UsageError("--url must start with http://");
  std::string rest = url.substr(scheme.size());
  if (const auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return {rest, 80};
  return {rest.substr(0, colon), static_cast<int>(number("--url", rest.substr(colon + 1)))};
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
#ifdef MLTPREP_BINARY
  options.mltprep = MLTPREP_BINARY;
#endif
  const std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& name = args[i];
    if (name == "--help" || name == "-h") {
      std::cout << kHelp;
      return std::nullopt;
    }
    if (name == "--trivial-only") {
      options.trivial_only = true;
      continue;
    }
    if (name == "--one-address") {
      options.spread_addresses = false;
      continue;
    }
    if (i + 1 >= args.size()) throw UsageError("unknown option or missing value: " + name);
    const std::string& value = args[++i];
    if (name == "--students") {
      options.students = static_cast<int>(number(name, value));
    } else if (name == "--seconds") {
      options.seconds = number(name, value);
    } else if (name == "--warmup") {
      options.warmup_s = number(name, value);
    } else if (name == "--think-ms") {
      options.think_ms = static_cast<int>(number(name, value));
    } else if (name == "--threads") {
      options.threads = static_cast<int>(number(name, value));
    } else if (name == "--sample-ms") {
      options.sample_ms = std::max(1, static_cast<int>(number(name, value)));
    } else if (name == "--seed") {
      options.seed = static_cast<std::uint64_t>(number(name, value));
    } else if (name == "--mltprep") {
      options.mltprep = value;
    } else if (name == "--db") {
      options.db = value;
    } else if (name == "--url") {
      options.url = value;
      host_and_port(value);
    } else if (name == "--pid") {
      options.pid = static_cast<pid_t>(number(name, value));
    } else if (name == "--kill-after") {
      options.kill_after_s = number(name, value);
    } else {
      throw UsageError("unknown option " + name);
    }
  }
  if (options.students < 1) throw UsageError("--students must be at least 1");
  if (options.warmup_s >= options.seconds) throw UsageError("--warmup must be shorter than --seconds");
  if (options.kill_after_s > 0 && options.kill_after_s <= options.warmup_s) {
    throw UsageError("--kill-after must come after the warm-up");
  }
  if (options.url.empty() && options.mltprep.empty()) throw UsageError("--mltprep PATH or --url is needed");
  if (!options.url.empty() && options.kill_after_s > 0 && (options.pid <= 0 || options.db.empty())) {
    throw UsageError("--kill-after with --url needs --pid and --db");
  }
  if (options.threads <= 0)
    options.threads = options.think_ms == 0 ? options.students : std::min(options.students, 200);
  return options;
}

Run::Run(const Options& options)
    : start_(Clock::now()), window_start_(after(options.warmup_s)), end_(after(options.seconds)) {}

Run::Clock::time_point Run::after(double seconds) const {
  return start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

bool Run::over() const { return ended_at_ != 0 || Clock::now() >= end_; }

bool Run::in_window(Clock::time_point t) const {
  const auto ended = ended_at_.load();
  const auto end = ended != 0 ? start_ + Clock::duration(ended) : end_;
  return t >= window_start_ && t <= end;
}

void Run::end_now() {
  Clock::rep expected = 0;
  ended_at_.compare_exchange_strong(expected, std::max<Clock::rep>(1, (Clock::now() - start_).count()));
}

double Run::window_seconds() const {
  const auto ended = ended_at_.load();
  const auto end = ended != 0 ? std::min(end_, start_ + Clock::duration(ended)) : end_;
  return std::chrono::duration<double>(end - window_start_).count();
}

void Run::sleep_unless_over(std::chrono::milliseconds pause) const {
  sleep_until_or_over(Clock::now() + pause);
}

void Run::sleep_until_or_over(Clock::time_point until) const {
  while (!over() && Clock::now() < until) {
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(20)));
  }
}

std::unique_ptr<httplib::Client> make_client(const Options& options, int student) {
  const auto [host, port] = host_and_port(options.url);
  auto client = std::make_unique<httplib::Client>(host, port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(std::chrono::seconds(5));
  client->set_read_timeout(std::chrono::seconds(60));
  client->set_write_timeout(std::chrono::seconds(10));
  if (options.spread_addresses && student >= 0 && host == "127.0.0.1") {
    // 127.1.0.1, 127.1.0.2, ...: every 127/8 address is this machine's.
    const std::uint32_t address = (127u << 24) | (1u << 16) | static_cast<std::uint32_t>(student + 1);
    client->set_socket_options([address](socket_t sock) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      local.sin_addr.s_addr = htonl(address);
      ::bind(sock, reinterpret_cast<const sockaddr*>(&local), sizeof local);
    });
  }
  return client;
}

ServerProcess::ServerProcess(const Options& options)
    : pid_(options.pid), database_(options.db), url_(options.url) {
  if (!url_.empty()) return;
  if (database_.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "mltprep-load-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
    temporary_dir_ = pattern;
    database_ = temporary_dir_ + "/mltprep.db";
  }
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    ::execl(options.mltprep.c_str(), "mltprep", "--db", database_.c_str(), "serve", "--port", "0",
            static_cast<char*>(nullptr));
    std::perror("mltprep_load_generator: exec");
    std::_Exit(127);
  }
  child_ = true;
  started_here_ = true;
  ::close(out[1]);
  // The server announces "... at http://127.0.0.1:PORT/ ..." once it listens
  // (a new database first gets the bundled banks: a few seconds).
  std::string announced;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (announced.find('\n') == std::string::npos && std::chrono::steady_clock::now() < until) {
    pollfd entry{out[0], POLLIN, 0};
    if (::poll(&entry, 1, 1000) <= 0) continue;
    char buffer[512];
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    announced.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);  // the server's later output (one line when it stops) is not needed
  const auto at = announced.find("http://");
  if (at == std::string::npos) {
    kill();
    throw std::runtime_error("the server did not announce its address: " + announced);
  }
  url_ = announced.substr(at, announced.find('/', at + 7) - at);
}

ServerProcess::~ServerProcess() {
  if (child_ && pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  if (!temporary_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temporary_dir_, ignored);
  }
}

std::string ServerProcess::describe() const {
  return std::string(started_here_ ? "server started here" : "server") + " at " + url_ +
         (pid_ > 0 ? " (pid " + std::to_string(pid_) + ")" : "") +
         (database_.empty() ? "" : ", database " + database_);
}

void ServerProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  if (child_) ::waitpid(pid_, nullptr, 0);
  child_ = false;
}

std::vector<std::uint32_t> flush_latencies(const std::string& folder, int rounds) {
  std::vector<std::uint32_t> latencies;
  std::string path = folder + "/flush-probe-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return latencies;
  const std::string block(4096, 'x');
  // Written once first, so that the timed writes overwrite (as SQLite reuses
  // its write-ahead log) and the flush carries no change of the file's size.
  for (int i = 0; i < rounds; ++i) {
    if (::pwrite(fd, block.data(), block.size(), static_cast<off_t>(i) * 4096) < 0) break;
  }
  ::fsync(fd);
  for (int i = 0; i < rounds; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (::pwrite(fd, block.data(), block.size(), static_cast<off_t>(i) * 4096) < 0 || ::fdatasync(fd) != 0)
      break;
    latencies.push_back(static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
            .count()));
  }
  ::close(fd);
  ::unlink(path.c_str());
  return latencies;
}

double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + (pid > 0 ? std::to_string(pid) : std::string("self")) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int index = 3; fields >> field; ++index) {  // field 3 is the state
    if (index == 14) utime = std::stoll(field);
    if (index == 15) {
      stime = std::stoll(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::string process_status(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field + ":", 0) != 0) continue;
    const auto value = line.find_first_not_of(" \t", field.size() + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "";
}

std::string format_fixed(double value, int decimals) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(decimals) << value;
  return text.str();
}

void print_latency(std::ostream& out, const std::string& label, std::vector<std::uint32_t>& latencies_us,
                   const std::string& what) {
  out << label << ": ";
  if (latencies_us.empty()) {
    out << "no samples\n";
    return;
  }
  std::sort(latencies_us.begin(), latencies_us.end());
  const auto at = [&](double fraction) {
    const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(latencies_us.size() - 1) + 0.5);
    return format_fixed(latencies_us[rank] / 1000.0, 2);
  };
  out << "p50 " << at(0.50) << " ms, p95 " << at(0.95) << " ms, p99 " << at(0.99) << " ms, max " << at(1.0)
      << " ms (" << latencies_us.size() << " " << what << ")\n";
}

int check_durability(std::ostream& out, const std::string& database,
                     const std::vector<Acknowledged>& acknowledged) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    out << "cannot open " << database << ": " << sqlite3_errmsg(db) << "\n";
    sqlite3_close(db);
    return 1;
  }
  std::unordered_set<std::string> stored;
  const auto key = [](const std::string& session, int position, int choice) {
    return session + "/" + std::to_string(position) + "/" + std::to_string(choice);
  };
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT session_id, position, choice FROM responses", -1, &statement, nullptr);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    stored.insert(key(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                      sqlite3_column_int(statement, 1), sqlite3_column_int(statement, 2)));
  }
  sqlite3_finalize(statement);
  std::string check = "(not run)";
  sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &statement, nullptr);
  if (statement && sqlite3_step(statement) == SQLITE_ROW)
    check = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);

  std::vector<const Acknowledged*> lost;
  for (const auto& answer : acknowledged) {
    if (!stored.count(key(answer.session_id, answer.position, answer.choice))) lost.push_back(&answer);
  }
  out << "after SIGKILL: " << acknowledged.size() << " acknowledged answers, " << stored.size()
      << " stored responses; acknowledged but not stored: " << lost.size()
      << "; PRAGMA quick_check: " << check << "\n";
  for (std::size_t i = 0; i < lost.size() && i < 10; ++i) {
    out << "  lost: session " << lost[i]->session_id << " position " << lost[i]->position << " choice "
        << lost[i]->choice << "\n";
  }
  return lost.empty() && !acknowledged.empty() && check == "ok" ? 0 : 1;
}

}  // namespace mltprep::load
