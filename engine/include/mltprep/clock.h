// Time comes in through this seam, so tests can move it by hand and no logic
// reads the system clock directly.
#pragma once

#include <cstdint>
#include <string>

namespace mltprep {

// Milliseconds since the Unix epoch, UTC.
using TimeMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimeMs now() const override;
};

// A clock that moves only when told to; for tests and simulations.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMs start = 1'767'225'600'000) : now_(start) {}  // 2026-01-01 UTC
  TimeMs now() const override { return now_; }
  void advance_seconds(double seconds) { now_ += static_cast<TimeMs>(seconds * 1000.0); }
  void set(TimeMs now) { now_ = now; }

 private:
  TimeMs now_;
};

// "2026-01-01 14:05:00 UTC"
std::string format_utc(TimeMs time);

}  // namespace mltprep
