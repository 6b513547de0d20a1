// A seeded random source whose sequence is fixed by this code alone (not by the
// standard library's distributions), so a stored seed replays a session exactly
// on any platform.
#pragma once

#include <cstdint>

namespace mltprep {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  // A stream for one purpose (e.g. one position in a session) derived from a seed.
  static Rng derived(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t next();
  // Uniform in [0, n); REQUIRES: n > 0.
  std::uint64_t below(std::uint64_t n);
  // Uniform in [0, 1).
  double uniform();
  // Standard normal (Box-Muller).
  double normal();

 private:
  std::uint64_t state_[4];
};

}  // namespace mltprep
