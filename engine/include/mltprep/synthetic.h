// Synthetic item banks with known parameters, for tests, simulations and
// benchmarks. Never study content: every item says so in its stem and bank name.
#pragma once

#include <cstdint>
#include <vector>

#include "mltprep/item.h"

namespace mltprep {

struct SyntheticBankSpec {
  int item_count = 1000;
  std::uint64_t seed = 1;
  double difficulty_mean = 0;  // b ~ N(mean, sd), logits
  double difficulty_sd = 1;
  bool rasch = true;  // false: a ~ lognormal(0, 0.25), c = 0.2 for 3PL
};

// Items spread over the disciplines in proportion to the ASCP MLT content
// weights, ids "SYN-000001"..., bank "synthetic", parameters marked calibrated
// with source "synthetic" (they are the true values). Same spec, same items.
std::vector<Item> make_synthetic_items(const SyntheticBankSpec& spec);

}  // namespace mltprep
