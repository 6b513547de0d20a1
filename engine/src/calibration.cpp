#include "mltprep/calibration.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "mltprep/bank.h"

namespace mltprep {
namespace {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct Tally {
  int count = 0;
  int right = 0;
};

// Persons and items with every counted response right, or every one wrong,
// have no finite estimate; leaving one out can make another extreme, so
// this repeats until nothing changes.
void exclude_extremes(int person_count, int item_count, const std::vector<RaschResponse>& responses,
                      std::vector<bool>& person_out, std::vector<bool>& item_out) {
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<Tally> persons(static_cast<std::size_t>(person_count)),
        items(static_cast<std::size_t>(item_count));
    for (const auto& r : responses) {
      if (person_out[r.person] || item_out[r.item]) continue;
      ++persons[r.person].count, persons[r.person].right += r.correct;
      ++items[r.item].count, items[r.item].right += r.correct;
    }
    const auto extreme = [](const Tally& t) { return t.count == 0 || t.right == 0 || t.right == t.count; };
    for (int p = 0; p < person_count; ++p) {
      if (!person_out[p] && extreme(persons[p])) person_out[p] = changed = true;
    }
    for (int i = 0; i < item_count; ++i) {
      if (!item_out[i] && extreme(items[i])) item_out[i] = changed = true;
    }
  }
}

// Σ (x − P) and Σ P Q for each person (by_person) or item (!by_person).
void gradients(const std::vector<RaschResponse>& responses, const std::vector<double>& theta,
               const std::vector<double>& b, bool by_person, std::vector<double>& residual,
               std::vector<double>& information) {
  std::fill(residual.begin(), residual.end(), 0.0);
  std::fill(information.begin(), information.end(), 0.0);
  for (const auto& r : responses) {
    const double p = logistic(theta[r.person] - b[r.item]);
    const int at = by_person ? r.person : r.item;
    residual[at] += (r.correct ? 1.0 : 0.0) - p;
    information[at] += p * (1.0 - p);
  }
}

void centre(std::vector<double>& theta, std::vector<double>& b, const std::vector<bool>& item_out,
            double origin) {
  double sum = 0;
  int n = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!item_out[i]) sum += b[i], ++n;
  }
  const double shift = n ? origin - sum / n : 0;
  for (auto& value : b) value += shift;
  for (auto& value : theta) value += shift;  // the model depends on θ − b only
}

double newton_steps(std::vector<double>& values, const std::vector<double>& residual,
                    const std::vector<double>& information, const std::vector<bool>& out, double sign) {
  double largest = 0;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (out[k] || information[k] <= 0) continue;
    const double step = std::clamp(sign * residual[k] / information[k], -1.0, 1.0);
    values[k] += step;
    largest = std::max(largest, std::abs(step));
  }
  return largest;
}

void item_fit(const std::vector<RaschResponse>& responses, const std::vector<double>& theta,
              const std::vector<double>& b, RaschEstimates& estimates) {
  std::vector<double> squared(b.size(), 0.0), information(b.size(), 0.0), z_squared(b.size(), 0.0);
  for (const auto& r : responses) {
    const double p = logistic(theta[r.person] - b[r.item]);
    const double residual = (r.correct ? 1.0 : 0.0) - p;
    squared[r.item] += residual * residual;
    information[r.item] += p * (1.0 - p);
    z_squared[r.item] += residual * residual / (p * (1.0 - p));
  }
  for (std::size_t i = 0; i < b.size(); ++i) {
    auto& item = estimates.items[i];
    if (!item.estimated) continue;
    item.standard_error = 1.0 / std::sqrt(information[i]);
    item.infit = squared[i] / information[i];
    item.outfit = z_squared[i] / item.responses;
  }
}

// Version id → index in `current` for every version answered whose authored
// content is the current one's: a version that only changed calibrated
// values showed students the same item, so its answers count.
std::map<std::int64_t, int> versions_with_current_content(const Store& store,
                                                          const std::vector<StoredItem>& current,
                                                          const std::vector<SessionResponse>& answers) {
  std::map<std::int64_t, int> index_of_version;
  std::map<std::string, int> index_of_id;
  for (std::size_t i = 0; i < current.size(); ++i) {
    index_of_version[current[i].version_id] = static_cast<int>(i);
    index_of_id[current[i].item.id] = static_cast<int>(i);
  }
  std::map<std::int64_t, bool> seen;
  for (const auto& [session, response] : answers) {
    if (index_of_version.count(response.version_id) || !seen.emplace(response.version_id, true).second)
      continue;
    const auto older = store.item_version(response.version_id);
    const auto found = index_of_id.find(older.item.id);
    if (found != index_of_id.end() &&
        authored_content_hash(older.item) == authored_content_hash(current[found->second].item)) {
      index_of_version[response.version_id] = found->second;
    }
  }
  return index_of_version;
}

}  // namespace

RaschEstimates estimate_rasch(int person_count, int item_count,
                              const std::vector<RaschResponse>& all_responses, const RaschOptions& options) {
  std::vector<bool> person_out(static_cast<std::size_t>(person_count), false);
  std::vector<bool> item_out(static_cast<std::size_t>(item_count), false);
  exclude_extremes(person_count, item_count, all_responses, person_out, item_out);
  std::vector<RaschResponse> responses;
  for (const auto& r : all_responses) {
    if (!person_out[r.person] && !item_out[r.item]) responses.push_back(r);
  }

  RaschEstimates estimates;
  estimates.items.resize(static_cast<std::size_t>(item_count));
  std::vector<Tally> persons(static_cast<std::size_t>(person_count)),
      items(static_cast<std::size_t>(item_count));
  for (const auto& r : responses) {
    ++persons[r.person].count, persons[r.person].right += r.correct;
    ++items[r.item].count, items[r.item].right += r.correct;
  }
  // Starting values: the log odds of each raw score (PROX without its expansion factors).
  std::vector<double> theta(static_cast<std::size_t>(person_count), 0.0),
      b(static_cast<std::size_t>(item_count), 0.0);
  for (int p = 0; p < person_count; ++p) {
    if (!person_out[p])
      theta[p] = std::log(static_cast<double>(persons[p].right) / (persons[p].count - persons[p].right));
    else
      ++estimates.persons_extreme;
  }
  for (int i = 0; i < item_count; ++i) {
    if (!item_out[i]) b[i] = std::log(static_cast<double>(items[i].count - items[i].right) / items[i].right);
  }
  centre(theta, b, item_out, options.origin);

  std::vector<double> residual_p(theta.size()), info_p(theta.size()), residual_i(b.size()), info_i(b.size());
  for (estimates.iterations = 1; estimates.iterations <= options.max_iterations; ++estimates.iterations) {
    gradients(responses, theta, b, true, residual_p, info_p);
    const double person_change = newton_steps(theta, residual_p, info_p, person_out, +1.0);
    gradients(responses, theta, b, false, residual_i, info_i);
    const double item_change = newton_steps(b, residual_i, info_i, item_out, -1.0);
    centre(theta, b, item_out, options.origin);
    if (std::max(person_change, item_change) < options.tolerance) {
      estimates.converged = true;
      break;
    }
  }
  estimates.iterations = std::min(estimates.iterations, options.max_iterations);

  estimates.persons_used = person_count - estimates.persons_extreme;
  for (int i = 0; i < item_count; ++i) {
    estimates.items[i].estimated = !item_out[i];
    estimates.items[i].responses = items[i].count;
  }
  item_fit(responses, theta, b, estimates);
  const double mean_length =
      estimates.persons_used ? static_cast<double>(responses.size()) / estimates.persons_used : 0;
  const double shrink = mean_length > 1 ? (mean_length - 1) / mean_length : 1.0;
  for (int i = 0; i < item_count; ++i) {
    if (!item_out[i]) estimates.items[i].difficulty = options.origin + (b[i] - options.origin) * shrink;
  }
  return estimates;
}

Calibration calibrate_items(const Store& store, const CalibrationOptions& options) {
  const auto current = store.current_items();
  const auto answers = store.final_responses(0);
  const auto index_of_version = versions_with_current_content(store, current, answers);

  std::vector<int> counts(current.size(), 0);
  for (const auto& [session, response] : answers) {
    const auto found = index_of_version.find(response.version_id);
    if (found != index_of_version.end()) ++counts[found->second];
  }

  Calibration calibration;
  std::map<int, int> estimated_index;  // index in `current` → item index in the estimation
  std::vector<int> chosen;
  for (std::size_t i = 0; i < current.size(); ++i) {
    if (counts[i] == 0) continue;
    if (counts[i] < options.min_responses) {
      calibration.skipped.push_back({current[i].item.id, counts[i],
                                     "fewer than " + std::to_string(options.min_responses) + " responses"});
      continue;
    }
    estimated_index[static_cast<int>(i)] = static_cast<int>(chosen.size());
    chosen.push_back(static_cast<int>(i));
  }

  std::map<std::string, int> person_of;
  std::vector<RaschResponse> responses;
  for (const auto& [session, response] : answers) {
    const auto version = index_of_version.find(response.version_id);
    if (version == index_of_version.end()) continue;
    const auto item = estimated_index.find(version->second);
    if (item == estimated_index.end()) continue;
    const int person = person_of.emplace(session, static_cast<int>(person_of.size())).first->second;
    responses.push_back({person, item->second, response.correct});
  }
  calibration.sessions = static_cast<int>(person_of.size());

  double origin = 0;
  for (const int i : chosen) origin += current[i].item.parameters.b / static_cast<double>(chosen.size());
  calibration.origin = origin;
  RaschOptions rasch = options.rasch;
  rasch.origin = origin;
  calibration.estimates =
      estimate_rasch(calibration.sessions, static_cast<int>(chosen.size()), responses, rasch);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const auto& estimate = calibration.estimates.items[k];
    const auto& stored = current[chosen[k]];
    if (!estimate.estimated) {
      calibration.skipped.push_back(
          {stored.item.id, counts[chosen[k]], "every response right or every one wrong: no finite estimate"});
      continue;
    }
    calibration.items.push_back({stored, estimate});
  }
  return calibration;
}

std::vector<Item> calibrated_versions(const Calibration& calibration, const std::string& source) {
  std::vector<Item> calibrated;
  for (const auto& entry : calibration.items) {
    Item item = entry.current.item;
    item.parameters = ItemParameters{};
    item.parameters.b = entry.estimate.difficulty;
    item.parameters.calibrated = true;
    item.parameters.calibration_n = entry.estimate.responses;
    item.parameters.source = source;
    calibrated.push_back(std::move(item));
  }
  return calibrated;
}

}  // namespace mltprep
