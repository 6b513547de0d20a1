// Kills the real `mltprep` binary with SIGKILL right after it acknowledged an
// answer, and checks the answer is stored and the session resumes after it.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "cli_support.h"

using namespace mltprep::testing;

namespace {

class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& args) {
    int to_child[2], from_child[2];
    REQUIRE(pipe(to_child) == 0);
    REQUIRE(pipe(from_child) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(to_child[0], STDIN_FILENO);
      dup2(from_child[1], STDOUT_FILENO);
      close(to_child[1]);
      close(from_child[0]);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(MLTPREP_BINARY));
      for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      execv(MLTPREP_BINARY, argv.data());
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    stdin_ = to_child[1];
    stdout_ = from_child[0];
  }

  ~ChildProcess() {
    if (pid_ > 0) kill_now();
    close(stdin_);
    close(stdout_);
  }

  void write_line(const std::string& line) {
    const std::string text = line + "\n";
    REQUIRE(write(stdin_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }

  // Reads until `marker` has appeared `times` times in all output so far; fails after 20 s.
  void wait_for(const std::string& marker, int times = 1) {
    while (count(marker) < times) {
      pollfd fd{stdout_, POLLIN, 0};
      REQUIRE(poll(&fd, 1, 20000) == 1);
      char buffer[4096];
      const ssize_t got = read(stdout_, buffer, sizeof buffer);
      REQUIRE(got > 0);
      output_.append(buffer, static_cast<std::size_t>(got));
    }
  }

  void kill_now() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // Sends SIGTERM and waits up to `seconds` for the exit; returns the wait status, or -1 on time-out.
  int terminate_and_wait(int seconds) {
    kill(pid_, SIGTERM);
    for (int waited_ms = 0; waited_ms < seconds * 1000; waited_ms += 20) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return status;
      }
      usleep(20 * 1000);
    }
    return -1;
  }

  const std::string& output() const { return output_; }

 private:
  int count(const std::string& marker) const {
    int found = 0;
    for (auto at = output_.find(marker); at != std::string::npos; at = output_.find(marker, at + 1)) ++found;
    return found;
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  std::string output_;
};

}  // namespace

TEST_CASE("an acknowledged drill answer survives SIGKILL and the drill resumes after it") {
  const auto db = fresh_database("sigkill-drill");
  {
    ChildProcess child(
        {"drill", "--discipline", "chemistry", "--count", "5", "--db", db, "--student", "kim"});
    child.wait_for("Item 1 of 5");
    child.wait_for("> ");
    child.write_line("c");
    child.wait_for("Reference:");  // the feedback is printed only after the answer is committed
    child.kill_now();
  }
  const auto resumed = run({"resume", "--db", db, "--student", "kim"}, "q\n");
  INFO(resumed.out << resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("at item 2"));
  CHECK_THAT(resumed.out, Catch::Contains("Item 2 of 5"));
  CHECK_THAT(run({"history", "--db", db, "--student", "kim"}).out, Catch::Contains("1/5"));
}

TEST_CASE("acknowledged answers of an adaptive exam survive SIGKILL and the exam resumes at the next item") {
  const auto db = fresh_database("sigkill-exam");
  {
    ChildProcess child({"exam", "--blueprint", "ascp-mlt", "--db", db, "--student", "kim", "--seed", "8"});
    for (int answered = 1; answered <= 3; ++answered) {
      child.wait_for("> ", answered);
      child.write_line("a");
      child.wait_for("Recorded.", answered);
    }
    child.kill_now();
  }
  const auto resumed = run({"resume", "--db", db, "--student", "kim"}, "q\n");
  INFO(resumed.out << resumed.err);
  CHECK_THAT(resumed.out, Catch::Contains("at item 4"));
  CHECK_THAT(resumed.out, Catch::Contains("Item 4 of 100"));
}

TEST_CASE("SIGTERM stops the server within 5 s with exit status 0") {
  const auto db = fresh_database("serve-stop");
  ChildProcess child({"serve", "--port", "0", "--db", db});
  child.wait_for("serving the quiz at http://127.0.0.1:");
  const int status = child.terminate_and_wait(5);
  REQUIRE(status != -1);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
