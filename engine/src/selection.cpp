#include "mltprep/selection.h"

#include <algorithm>
#include <numeric>

#include "mltprep/error.h"
#include "mltprep/irt.h"

namespace mltprep {

AdaptiveSelector::AdaptiveSelector(const Blueprint& blueprint, const std::vector<StoredItem>& pool)
    : blueprint_(blueprint), target_shares_(blueprint.target_shares()), by_area_(blueprint.areas.size()) {
  for (const auto& stored : pool) {
    if (!stored.item.usable_in(blueprint.id)) continue;
    for (std::size_t area = 0; area < blueprint.areas.size(); ++area) {
      const auto& disciplines = blueprint.areas[area].disciplines;
      if (std::find(disciplines.begin(), disciplines.end(), stored.item.discipline) != disciplines.end()) {
        by_area_[area].push_back(&stored);
      }
    }
  }
}

std::vector<int> AdaptiveSelector::areas_by_deficit(const AdaptiveState& state) const {
  const int given = std::accumulate(state.area_counts.begin(), state.area_counts.end(), 0);
  // Kingsbury & Zara (1989): serve the area whose share so far falls furthest
  // below its target. Measured against the next item's count, so the first
  // item goes to the largest area and every prefix of the exam stays balanced.
  std::vector<double> deficit(by_area_.size());
  for (std::size_t area = 0; area < by_area_.size(); ++area) {
    deficit[area] = target_shares_[area] * (given + 1) - state.area_counts[area];
  }
  std::vector<int> order(by_area_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return deficit[a] > deficit[b]; });
  return order;
}

std::optional<Selection> AdaptiveSelector::choose(const AdaptiveState& state, Rng& rng) const {
  for (int area : areas_by_deficit(state)) {
    if (auto selection = choose_in_area(area, state, rng)) return selection;
  }
  return std::nullopt;
}

std::optional<Selection> AdaptiveSelector::choose_in_area(int area, const AdaptiveState& state,
                                                          Rng& rng) const {
  struct Candidate {
    const StoredItem* item;
    double information;
  };
  // Most informative first; ties by id, so the order is total and replays exactly.
  const auto more_informative = [](const Candidate& a, const Candidate& b) {
    if (a.information != b.information) return a.information > b.information;
    return a.item->item.id < b.item->item.id;
  };
  std::vector<Candidate> ranked;
  ranked.reserve(by_area_[area].size());
  for (const StoredItem* stored : by_area_[area]) {
    ranked.push_back({stored, item_information(stored->item.parameters, state.theta)});
  }
  // Only the best k + |given| + |recent| items can be drawn: at most
  // |given| + |recent| of them are excluded, so they hold the k best fresh
  // items whenever the area has k fresh ones, and otherwise they are the whole
  // area. The ids are looked up in those alone: hashing every id of a large
  // area cost more than computing its information (docs/benchmarks.md).
  const std::size_t k_wanted = static_cast<std::size_t>(std::max(blueprint_.randomesque_k, 1));
  const std::size_t top =
      std::min(ranked.size(), k_wanted + state.given_ids.size() + state.recent_ids.size());
  const auto top_end = ranked.begin() + static_cast<std::ptrdiff_t>(top);
  std::nth_element(ranked.begin(), top_end, ranked.end(), more_informative);  // no-op on the whole area

  std::vector<Candidate> fresh, recent;
  for (auto it = ranked.begin(); it != top_end; ++it) {
    const std::string& id = it->item->item.id;
    if (state.given_ids.count(id)) continue;
    (state.recent_ids.count(id) ? recent : fresh).push_back(*it);
  }
  auto& candidates = fresh.empty() ? recent : fresh;
  if (candidates.empty()) return std::nullopt;
  // Randomesque exposure control (Kingsbury & Zara 1989): one of the k most
  // informative at random, so the best item is not given to everyone.
  const std::size_t k = std::min(k_wanted, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k), candidates.end(),
                    more_informative);
  // Every item as informative as the k-th shares its place in the draw. With
  // the authors' three provisional difficulties most items tie, and taking
  // ties in id order gave the same few items to everyone (docs/measurement.md).
  const double threshold = candidates[k - 1].information;
  std::vector<const StoredItem*> draw;
  for (const auto& candidate : candidates) {
    if (candidate.information >= threshold) draw.push_back(candidate.item);
  }
  if (&candidates == &fresh) {
    for (auto it = top_end; it != ranked.end(); ++it) {
      if (it->information != threshold) continue;
      const std::string& id = it->item->item.id;
      if (!state.given_ids.count(id) && !state.recent_ids.count(id)) draw.push_back(it->item);
    }
  }
  return Selection{draw[rng.below(draw.size())], area};
}

namespace {

// The pool's items that pass `accepts`, fresh ones shuffled first, then recent ones shuffled.
template <typename Accepts>
std::vector<const StoredItem*> fresh_first(const std::vector<StoredItem>& pool,
                                           const std::unordered_set<std::string>& recent_ids, Rng& rng,
                                           Accepts accepts) {
  std::vector<const StoredItem*> fresh, recent;
  for (const auto& stored : pool) {
    if (accepts(stored.item)) (recent_ids.count(stored.item.id) ? recent : fresh).push_back(&stored);
  }
  shuffle_with(fresh, rng);
  shuffle_with(recent, rng);
  fresh.insert(fresh.end(), recent.begin(), recent.end());
  return fresh;
}

}  // namespace

std::vector<Selection> assemble_linear_form(const Blueprint& blueprint, const std::vector<StoredItem>& pool,
                                            const std::unordered_set<std::string>& recent_ids, Rng& rng) {
  std::vector<Selection> form;
  for (std::size_t area = 0; area < blueprint.areas.size(); ++area) {
    const auto& spec = blueprint.areas[area];
    const auto candidates = fresh_first(pool, recent_ids, rng, [&](const Item& item) {
      return item.usable_in(blueprint.id) && std::find(spec.disciplines.begin(), spec.disciplines.end(),
                                                       item.discipline) != spec.disciplines.end();
    });
    if (static_cast<int>(candidates.size()) < spec.item_count) {
      throw Error(ErrorCode::invalid_input, "blueprint " + blueprint.id + " needs " +
                                                std::to_string(spec.item_count) + " items in area '" +
                                                spec.name + "' but the banks have " +
                                                std::to_string(candidates.size()));
    }
    for (int i = 0; i < spec.item_count; ++i) form.push_back({candidates[i], static_cast<int>(area)});
  }
  shuffle_with(form, rng);
  return form;
}

std::vector<Selection> draw_drill_items(const std::vector<StoredItem>& pool, const ItemFilter& filter,
                                        int count, const std::unordered_set<std::string>& recent_ids,
                                        Rng& rng) {
  const auto candidates =
      fresh_first(pool, recent_ids, rng, [&](const Item& item) { return filter.accepts(item); });
  if (candidates.empty()) throw Error(ErrorCode::invalid_input, "no items match " + filter.describe());
  std::vector<Selection> drawn;
  for (std::size_t i = 0; i < candidates.size() && static_cast<int>(i) < count; ++i) {
    drawn.push_back({candidates[i], -1});
  }
  return drawn;
}

}  // namespace mltprep
