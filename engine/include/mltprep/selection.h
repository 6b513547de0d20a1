// Which items a session gets: adaptive choice (Kingsbury–Zara content
// balancing, then randomesque among the most informative), fixed forms with
// exact area counts, and drill draws. Items the student saw recently are
// avoided while others remain.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "mltprep/blueprint.h"
#include "mltprep/random.h"
#include "mltprep/session.h"
#include "mltprep/store.h"

namespace mltprep {

struct Selection {
  const StoredItem* item = nullptr;
  int area = -1;  // index into the blueprint's areas; -1 for drills
};

struct AdaptiveState {
  double theta = 0;                            // current ability estimate, logits
  std::vector<int> area_counts;                // items given so far, per blueprint area
  std::unordered_set<std::string> given_ids;   // never the same item twice in a session
  std::unordered_set<std::string> recent_ids;  // seen in the student's recent sessions
};

class AdaptiveSelector {
 public:
  // Buckets the items usable in the blueprint by area. The pool must outlive the selector.
  AdaptiveSelector(const Blueprint& blueprint, const std::vector<StoredItem>& pool);

  // The area furthest below its target share that still has an item to give,
  // then one of the k most informative items there at θ. nullopt: nothing left.
  std::optional<Selection> choose(const AdaptiveState& state, Rng& rng) const;
  // The order in which areas are preferred now, most under-represented first.
  std::vector<int> areas_by_deficit(const AdaptiveState& state) const;
  int area_count() const { return static_cast<int>(by_area_.size()); }

 private:
  std::optional<Selection> choose_in_area(int area, const AdaptiveState& state, Rng& rng) const;

  const Blueprint& blueprint_;
  std::vector<double> target_shares_;
  std::vector<std::vector<const StoredItem*>> by_area_;
};

// A fixed form with exactly each area's count, in shuffled order. Throws
// Error(invalid_input) naming the area when the pool has too few items for it.
std::vector<Selection> assemble_linear_form(const Blueprint& blueprint, const std::vector<StoredItem>& pool,
                                            const std::unordered_set<std::string>& recent_ids, Rng& rng);

// Up to `count` items the filter accepts, fresh ones first, in random order.
// Throws Error(invalid_input) when none match.
std::vector<Selection> draw_drill_items(const std::vector<StoredItem>& pool, const ItemFilter& filter,
                                        int count, const std::unordered_set<std::string>& recent_ids,
                                        Rng& rng);

// Fisher–Yates with our own Rng, so the order replays on any platform.
template <typename T>
void shuffle_with(std::vector<T>& values, Rng& rng) {
  for (std::size_t i = values.size(); i > 1; --i) {
    std::swap(values[i - 1], values[rng.below(i)]);
  }
}

}  // namespace mltprep
