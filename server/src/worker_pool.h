// The server's workers: cpp-httplib hands each accepted connection to this
// queue, and the connection keeps its worker until it is closed
// (docs/api.md, "Limits"). Threads are started when a connection finds none
// idle, up to a maximum sized for the connections the server admits, so a
// quiet server holds a few threads and a busy one as many as it has
// connections.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mltprep {

class WorkerPool final : public httplib::TaskQueue {
 public:
  // REQUIRES: max_threads > 0.
  explicit WorkerPool(std::size_t max_threads);
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `task` on an idle worker, else on a new one while fewer than the
  // maximum run, else when a worker becomes free. Thread-safe.
  void enqueue(std::function<void()> task) override;
  // Lets queued tasks run, then joins every worker. Called once, by the
  // thread that accepted connections, after the listening socket is closed.
  void shutdown() override;

 private:
  void work();

  const std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;  // guarded by mutex_
  std::vector<std::thread> threads_;         // guarded by mutex_
  std::size_t idle_ = 0;                     // workers waiting for a task; guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
};

}  // namespace mltprep
