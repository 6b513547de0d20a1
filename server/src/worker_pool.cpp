#include "worker_pool.h"

#include <iostream>
#include <utility>

namespace mltprep {

WorkerPool::WorkerPool(std::size_t max_threads) : max_threads_(max_threads) {}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> task) {
  std::lock_guard<std::mutex> lock(mutex_);
  tasks_.push_back(std::move(task));
  // A waiting worker takes it; otherwise a new one, up to the maximum. Idle
  // workers already woken for earlier tasks are counted out below, in work().
  if (idle_ >= tasks_.size()) {
    ready_.notify_one();
  } else if (threads_.size() < max_threads_) {
    threads_.emplace_back([this] { work(); });
  }
}

void WorkerPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    threads.swap(threads_);
  }
  ready_.notify_all();
  for (auto& thread : threads) thread.join();
}

void WorkerPool::work() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    ++idle_;
    ready_.wait(lock, [this] { return !tasks_.empty() || stopping_; });
    --idle_;
    if (tasks_.empty()) return;  // stopping, and nothing left to run
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    // A task is one connection: cpp-httplib's connection code reports its
    // failures by return value, so an exception here is a fault to log, not
    // a reason to lose the worker.
    try {
      task();
    } catch (const std::exception& error) {
      std::cerr << "mltprep serve: a connection failed: " << error.what() << std::endl;
    }
    lock.lock();
  }
}

}  // namespace mltprep
