// mltprep_load_generator: simulated students taking exams and drills through
// the JSON API as the browser quiz does (web/app.js), each over one keep-alive
// connection; prints acknowledged answers per second and the latency of the
// answer route and of a trivial route sampled in the same run. With
// --kill-after it SIGKILLs the server mid-run and counts the acknowledged
// answers against those stored in the database. Results and how to run it:
// docs/benchmarks.md, "Under load".
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "load_support.h"

namespace mltprep::load {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

// What one simulated student's requests found, kept per student and merged at the end.
struct Tally {
  std::vector<std::uint32_t> answer_us;    // answer route latencies inside the measured window
  std::vector<std::uint32_t> request_us;   // every request inside the window (any route)
  std::vector<Acknowledged> acknowledged;  // every answer answered 200, whenever
  long long answers_in_window = 0;
  long long requests_in_window = 0;
  long long sessions_finished = 0;
  long long failures = 0;  // non-200 answers and broken connections
};

struct Exams {
  std::string adaptive;  // blueprint ids, from GET /api/blueprints
  std::string linear;
  std::vector<std::string> disciplines;
};

// One simulated student: a state machine stepped by the pool. A step sends
// the requests a browser sends between two pauses of its student (reading an
// item, or a drill's feedback) and says how long the next pause is.
class Student {
 public:
  Student(int index, const Options& options, const Run& run, Tally& tally)
      : index_(index),
        options_(options),
        run_(run),
        tally_(tally),
        random_(options.seed * 7919 + static_cast<std::uint64_t>(index)),
        client_(make_client(options, index)) {}

  // Runs the next step; the pause before the following one.
  std::chrono::milliseconds step() {
    if (options_.trivial_only) {
      send("GET", "/api/blueprints");
      return think();
    }
    switch (state_) {
      case State::start_page:
        return load_start_page() ? std::chrono::milliseconds(0) : failed();
      case State::start_session:
        return start_session();
      case State::answer:
        return answer();
      case State::next_item:
        return load_item();
      case State::finish:
        return finish();
    }
    return failed();
  }

 private:
  enum class State { start_page, start_session, answer, next_item, finish };

  // One request, timed; nullopt when the connection failed.
  std::optional<httplib::Response> send(const std::string& method, const std::string& path,
                                        const std::string& body = "", bool answer = false) {
    const auto start = SteadyClock::now();
    httplib::Result result =
        method == "GET" ? client_->Get(path.c_str()) : client_->Post(path.c_str(), body, "application/json");
    const auto end = SteadyClock::now();
    if (!result) {
      ++tally_.failures;
      return std::nullopt;
    }
    if (run_.in_window(end)) {
      const auto us = static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(end - start).count());
      ++tally_.requests_in_window;
      tally_.request_us.push_back(us);
      if (answer && result->status == 200) {
        ++tally_.answers_in_window;
        tally_.answer_us.push_back(us);
      }
    }
    if (result->status != 200 && result->status != 410) ++tally_.failures;
    return *result;
  }

  std::chrono::milliseconds think() {
    if (options_.think_ms <= 0) return std::chrono::milliseconds(0);
    std::uniform_int_distribution<int> spread(options_.think_ms / 2, options_.think_ms * 3 / 2);
    return std::chrono::milliseconds(spread(random_));
  }

  // After a failed request: a new session, a moment later.
  std::chrono::milliseconds failed() {
    state_ = exams_.disciplines.empty() ? State::start_page : State::start_session;
    return std::chrono::milliseconds(100);
  }

  // The start page asks for the exams and the disciplines.
  bool load_start_page() {
    const auto blueprints = send("GET", "/api/blueprints");
    const auto disciplines = send("GET", "/api/disciplines");
    if (!blueprints || !disciplines || blueprints->status != 200 || disciplines->status != 200) return false;
    for (const auto& blueprint : json::parse(blueprints->body)) {
      auto& slot = blueprint["mode"] == "adaptive" ? exams_.adaptive : exams_.linear;
      if (slot.empty() || blueprint.value("default", false)) slot = blueprint["id"];
    }
    for (const auto& discipline : json::parse(disciplines->body))
      exams_.disciplines.push_back(discipline["id"]);
    state_ = State::start_session;
    return true;
  }

  json session_request() {
    // Half drills, a quarter each adaptive exams and fixed forms, as a class revising might.
    const int pick = std::uniform_int_distribution<int>(0, 3)(random_);
    json body = {{"student", "load-" + std::to_string(index_)}, {"time_multiplier", 1}};
    if (pick == 0 && !exams_.adaptive.empty()) {
      body.update({{"kind", "adaptive_exam"}, {"blueprint", exams_.adaptive}});
    } else if (pick == 1 && !exams_.linear.empty()) {
      body.update({{"kind", "linear_exam"}, {"blueprint", exams_.linear}});
    } else {
      const auto& all = exams_.disciplines;
      json chosen = json::array();
      if (!all.empty())
        chosen.push_back(all[std::uniform_int_distribution<std::size_t>(0, all.size() - 1)(random_)]);
      body.update({{"kind", "drill"}, {"disciplines", chosen}, {"count", 10}});
    }
    return body;
  }

  // As web/app.js: start the session, then load its item.
  std::chrono::milliseconds start_session() {
    const auto started = send("POST", "/api/sessions", session_request().dump());
    if (!started || started->status != 200) return failed();
    session_path_ = "/api/sessions/" + json::parse(started->body)["session"]["id"].get<std::string>();
    return load_item();
  }

  // The item the student is on; none left: the results page (finish).
  std::chrono::milliseconds load_item() {
    const auto current = send("GET", session_path_ + "/item");
    if (!current || current->status != 200) return failed();
    shown_ = json::parse(current->body);
    state_ = shown_["item"].is_null() ? State::finish : State::answer;
    return state_ == State::answer ? think() : std::chrono::milliseconds(0);
  }

  // An answer; then a drill's feedback is read before "Next item", an exam
  // loads its next item at once, and a fixed form is submitted after its last.
  std::chrono::milliseconds answer() {
    const auto& item = shown_["item"];
    const int position = item["position"];
    const int options = static_cast<int>(item["options"].size());
    const int choice = std::uniform_int_distribution<int>(0, options - 1)(random_);
    const auto answered = send("POST", session_path_ + "/answer",
                               json{{"position", position}, {"choice", choice}}.dump(), true);
    if (!answered) return failed();
    if (answered->status == 410) {  // the deadline passed: the exam is scored at it
      state_ = State::finish;
      return std::chrono::milliseconds(0);
    }
    if (answered->status != 200) return failed();
    tally_.acknowledged.push_back({session_path_.substr(session_path_.rfind('/') + 1), position, choice});
    if (json::parse(answered->body)["outcome"].contains("key")) {
      state_ = State::next_item;
      return think();
    }
    if (shown_["session"]["review_allowed"] == true && position + 1 == item["item_count"]) {
      state_ = State::finish;
      return std::chrono::milliseconds(0);
    }
    return load_item();
  }

  // Finishing returns the report the results page shows.
  std::chrono::milliseconds finish() {
    const auto report = send("POST", session_path_ + "/finish", "{}");
    if (!report || report->status != 200) return failed();
    ++tally_.sessions_finished;
    state_ = State::start_session;
    return std::chrono::milliseconds(0);
  }

  const int index_;
  const Options& options_;
  const Run& run_;
  Tally& tally_;
  std::mt19937_64 random_;
  std::unique_ptr<httplib::Client> client_;
  State state_ = State::start_page;
  Exams exams_;
  std::string session_path_;
  json shown_;  // the last GET .../item
};

// Steps the students on a pool of threads: each takes the student whose pause
// ends first, runs its step and puts it back with its next pause. Lateness
// (a student stepped after its pause ended) shows when the pool, not the
// server, holds students back.
class StudentPool {
 public:
  StudentPool(std::vector<std::unique_ptr<Student>>& students, const Run& run)
      : students_(students), run_(run) {
    for (std::size_t i = 0; i < students_.size(); ++i) due_.push({SteadyClock::now(), i});
  }

  void work(std::vector<std::uint32_t>& lateness_us) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!run_.over()) {
      const auto now = SteadyClock::now();
      if (due_.empty() || due_.top().at > now) {
        const auto wake = due_.empty() ? now + kRecheck : std::min(due_.top().at, now + kRecheck);
        ready_.wait_until(lock, wake);
        continue;
      }
      const Due next = due_.top();
      due_.pop();
      lock.unlock();
      if (run_.in_window(now)) {
        lateness_us.push_back(static_cast<std::uint32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(now - next.at).count()));
      }
      const auto pause = students_[next.student]->step();
      lock.lock();
      due_.push({SteadyClock::now() + pause, next.student});
      ready_.notify_one();
    }
  }

 private:
  struct Due {
    SteadyClock::time_point at;
    std::size_t student;
    bool operator>(const Due& other) const { return at > other.at; }
  };
  static constexpr std::chrono::milliseconds kRecheck{20};

  std::vector<std::unique_ptr<Student>>& students_;
  const Run& run_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
};

// GET /api/blueprints at a steady interval on its own connection.
void sample_trivial_route(const Options& options, const Run& run, std::vector<std::uint32_t>& latencies) {
  auto client = make_client(options, -1);
  while (!run.over()) {
    const auto start = SteadyClock::now();
    const auto result = client->Get("/api/blueprints");
    const auto end = SteadyClock::now();
    if (result && result->status == 200 && run.in_window(end)) {
      latencies.push_back(static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(end - start).count()));
    }
    run.sleep_unless_over(std::chrono::milliseconds(options.sample_ms));
  }
}

Tally merged(std::vector<Tally>& tallies) {
  Tally all;
  for (auto& tally : tallies) {
    all.answer_us.insert(all.answer_us.end(), tally.answer_us.begin(), tally.answer_us.end());
    all.request_us.insert(all.request_us.end(), tally.request_us.begin(), tally.request_us.end());
    all.acknowledged.insert(all.acknowledged.end(), tally.acknowledged.begin(), tally.acknowledged.end());
    all.answers_in_window += tally.answers_in_window;
    all.requests_in_window += tally.requests_in_window;
    all.sessions_finished += tally.sessions_finished;
    all.failures += tally.failures;
  }
  return all;
}

int run_load(Options options) {
  ServerProcess server(options);
  options.url = server.url();
  // The disk's flush time now, since other work on the machine moves it.
  std::vector<std::uint32_t> flushes;
  if (!server.database().empty()) {
    const auto folder = std::filesystem::path(server.database()).parent_path();
    flushes = flush_latencies(folder.empty() ? "." : folder.string(), 200);
  }
  Run run(options);
  std::vector<Tally> tallies(static_cast<std::size_t>(options.students));
  std::vector<std::unique_ptr<Student>> students;
  for (int i = 0; i < options.students; ++i) {
    students.push_back(std::make_unique<Student>(i, options, run, tallies[static_cast<std::size_t>(i)]));
  }
  StudentPool pool(students, run);
  std::vector<std::vector<std::uint32_t>> lateness(static_cast<std::size_t>(options.threads));
  std::vector<std::uint32_t> trivial;
  std::vector<std::thread> threads;
  for (auto& late : lateness) threads.emplace_back([&pool, &late] { pool.work(late); });
  threads.emplace_back([&] { sample_trivial_route(options, run, trivial); });

  // CPU of the server and of this program over the measured window.
  run.sleep_until_or_over(run.window_start());
  const double server_cpu_start = cpu_seconds(server.pid()), own_cpu_start = cpu_seconds(0);
  const auto cpu_window_start = SteadyClock::now();
  const auto end = options.kill_after_s > 0 ? run.after(options.kill_after_s) : run.planned_end();
  run.sleep_until_or_over(end - std::chrono::milliseconds(50));
  const double cpu_wall = std::chrono::duration<double>(SteadyClock::now() - cpu_window_start).count();
  const double server_cpu = server.pid() > 0 ? (cpu_seconds(server.pid()) - server_cpu_start) / cpu_wall : 0;
  const double own_cpu = (cpu_seconds(0) - own_cpu_start) / cpu_wall;
  const std::string server_threads = server.pid() > 0 ? process_status(server.pid(), "Threads") : "";
  const std::string server_peak = server.pid() > 0 ? process_status(server.pid(), "VmHWM") : "";
  if (options.kill_after_s > 0) {
    run.sleep_until_or_over(end);
    server.kill();
    run.end_now();
  }
  for (auto& thread : threads) thread.join();

  auto all = merged(tallies);
  std::vector<std::uint32_t> late;
  for (auto& part : lateness) late.insert(late.end(), part.begin(), part.end());
  const double window = run.window_seconds();
  std::cout << options.students << " students on " << options.threads << " threads, think time "
            << options.think_ms << " ms; " << server.describe() << "\n"
            << "measured " << format_fixed(window, 1) << " s after " << format_fixed(options.warmup_s, 0)
            << " s of warm-up; CPU: server " << format_fixed(100 * server_cpu, 0) << " %, generator "
            << format_fixed(100 * own_cpu, 0) << " % (of one core)";
  if (!server_threads.empty())
    std::cout << "; server threads " << server_threads << ", peak memory " << server_peak;
  std::cout << "\n";
  if (options.trivial_only) {
    std::cout << "trivial route: " << format_fixed(all.requests_in_window / window, 0) << " requests/s\n";
  } else {
    std::cout << "acknowledged answers: " << format_fixed(all.answers_in_window / window, 0) << "/s ("
              << all.answers_in_window << " in the window, " << all.acknowledged.size()
              << " in all); requests " << format_fixed(all.requests_in_window / window, 0)
              << "/s; sessions finished " << all.sessions_finished << "; failed requests " << all.failures
              << "\n";
  }
  print_latency(std::cout, "answer route (POST .../answer)", all.answer_us);
  print_latency(std::cout, "every request of the students", all.request_us);
  print_latency(std::cout,
                "trivial route (GET /api/blueprints every " + std::to_string(options.sample_ms) +
                    " ms, own connection)",
                trivial);
  print_latency(std::cout, "students stepped late (generator lag)", late);
  print_latency(std::cout, "disk flush before the run (4 KiB overwrite + fdatasync beside the database)",
                flushes, "flushes");
  if (options.kill_after_s <= 0) return 0;
  return check_durability(std::cout, server.database(), all.acknowledged);
}

}  // namespace
}  // namespace mltprep::load

int main(int argc, char** argv) {
  try {
    const auto options = mltprep::load::parse_options(argc, argv);
    if (!options) return 0;  // --help
    return mltprep::load::run_load(*options);
  } catch (const mltprep::load::UsageError& error) {
    std::cerr << "mltprep_load_generator: " << error.what() << " (--help lists the options)\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "mltprep_load_generator: " << error.what() << "\n";
    return 1;
  }
}
