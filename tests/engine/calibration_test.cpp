#include "mltprep/calibration.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "mltprep/random.h"
#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

namespace {

struct Simulated {
  std::vector<double> difficulties;
  std::vector<RaschResponse> responses;
};

// Rasch responses of `persons` simulees (θ ~ N(0, 1)) to `items` items
// (b ~ N(0, 1)); each simulee answers a random `answered` of the items.
Simulated simulate(int persons, int items, int answered, std::uint64_t seed) {
  Rng rng(seed);
  Simulated data;
  for (int i = 0; i < items; ++i) data.difficulties.push_back(rng.normal());
  std::vector<int> order(static_cast<std::size_t>(items));
  for (int p = 0; p < persons; ++p) {
    const double theta = rng.normal();
    std::iota(order.begin(), order.end(), 0);
    for (int k = 0; k < answered; ++k) {  // a partial Fisher-Yates shuffle picks the items
      std::swap(order[k], order[k + static_cast<int>(rng.below(static_cast<std::uint64_t>(items - k)))]);
      const int item = order[k];
      const double p_correct = 1.0 / (1.0 + std::exp(-(theta - data.difficulties[item])));
      data.responses.push_back({p, item, rng.uniform() < p_correct});
    }
  }
  return data;
}

double mean_of(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

struct Recovery {
  double correlation = 0;
  double mean_absolute_error = 0;
};

Recovery recovery(const Simulated& data, const RaschEstimates& estimates) {
  std::vector<double> truth, estimated;
  for (std::size_t i = 0; i < data.difficulties.size(); ++i) {
    if (!estimates.items[i].estimated) continue;
    truth.push_back(data.difficulties[i]);
    estimated.push_back(estimates.items[i].difficulty);
  }
  const double mt = mean_of(truth), me = mean_of(estimated);
  double xy = 0, xx = 0, yy = 0, error = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    xy += (truth[i] - mt) * (estimated[i] - me);
    xx += (truth[i] - mt) * (truth[i] - mt);
    yy += (estimated[i] - me) * (estimated[i] - me);
    error += std::abs(truth[i] - estimated[i]);
  }
  return {xy / std::sqrt(xx * yy), error / static_cast<double>(truth.size())};
}

RaschOptions centred_on(const std::vector<double>& difficulties) {
  RaschOptions options;
  options.origin = mean_of(difficulties);  // a Rasch scale's origin is arbitrary: use the true one
  return options;
}

// Simulates, estimates and checks the recovery; returns the estimates.
RaschEstimates check_recovery(int persons, int answered, std::uint64_t seed, double min_correlation,
                              double max_error, Simulated& data) {
  data = simulate(persons, 200, answered, seed);
  const auto estimates = estimate_rasch(persons, 200, data.responses, centred_on(data.difficulties));
  CHECK(estimates.converged);
  const auto result = recovery(data, estimates);
  INFO("r = " << result.correlation << ", mean absolute error = " << result.mean_absolute_error);
  CHECK(result.correlation >= min_correlation);
  CHECK(result.mean_absolute_error <= max_error);
  return estimates;
}

}  // namespace

TEST_CASE("Rasch calibration recovers known difficulties: 200 items, 1,000 simulees") {
  Simulated data;
  const auto estimates = check_recovery(1000, 200, 11, 0.98, 0.1, data);
  // Data that fit the model have mean squares near 1.
  double infit = 0;
  for (const auto& item : estimates.items) infit += item.infit / 200.0;
  CHECK(infit == Approx(1.0).margin(0.05));
}

TEST_CASE("Rasch calibration works on sparse data, each simulee answering a quarter of the items") {
  Simulated data;
  const auto estimates = check_recovery(2000, 50, 12, 0.97, 0.15, data);
  // The reported standard errors match the spread of the errors (within 25 %).
  double squared_error = 0, mean_se = 0;
  for (std::size_t i = 0; i < 200; ++i) {
    squared_error += std::pow(estimates.items[i].difficulty - data.difficulties[i], 2) / 200.0;
    mean_se += estimates.items[i].standard_error / 200.0;
  }
  CHECK(std::sqrt(squared_error) == Approx(mean_se).epsilon(0.25));
}

TEST_CASE("Rasch calibration leaves out extreme scores and flags an item that does not fit") {
  auto data = simulate(500, 20, 20, 13);
  // Item 0: answered right by everyone. Item 1: right only by the weaker half (reversed).
  std::vector<int> score(500, 0);
  for (const auto& r : data.responses) score[r.person] += r.correct;
  for (auto& r : data.responses) {
    if (r.item == 0) r.correct = true;
    if (r.item == 1) r.correct = score[r.person] < 10;
    if (r.person == 0) r.correct = true;  // a perfect score: no finite ability
  }
  const auto estimates = estimate_rasch(500, 20, data.responses, RaschOptions{});
  CHECK_FALSE(estimates.items[0].estimated);
  CHECK(estimates.persons_extreme >= 1);
  REQUIRE(estimates.items[1].estimated);
  CHECK(estimates.items[1].infit > 1.3);
  CHECK(estimates.items[1].outfit > 1.3);
  CHECK(estimates.items[5].infit == Approx(1.0).margin(0.3));
}

TEST_CASE(
    "calibrating stored responses makes new calibrated versions, and re-importing the bank keeps them") {
  EngineFixture fixture(0);
  SyntheticBankSpec spec;
  spec.item_count = 12;
  auto items = make_synthetic_items(spec);
  for (auto& item : items) item.parameters = ItemParameters{};  // provisional, as authored items are
  fixture.engine.import_items(items);
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.id);

  Rng rng(5);
  for (int s = 0; s < 80; ++s) {
    SessionRequest request;
    request.student = "student" + std::to_string(s);
    request.item_ids = ids;
    request.item_count = static_cast<int>(ids.size());
    const auto session = fixture.engine.start(request);
    const double theta = rng.normal();
    for (int position = 0; position < static_cast<int>(ids.size()); ++position) {
      const auto shown = *fixture.engine.current_item(session.id);
      const auto& item = items[static_cast<std::size_t>(position)];
      const bool right = rng.uniform() < 1.0 / (1.0 + std::exp(-(theta - 0.2 * position + 1.0)));
      const int wrong = (item.answer_index + 1) % 4;
      fixture.engine.answer(session.id, shown.position, right ? item.answer_index : wrong);
    }
  }
  const auto before = fixture.store.final_responses(0).front().response.version_id;

  CalibrationOptions options;
  options.min_responses = 30;
  const auto calibration = calibrate_items(fixture.store, options);
  CHECK(calibration.sessions == 80);
  REQUIRE(calibration.items.size() == 12);
  double provisional_mean = 0;  // the scale keeps the origin of the authors' estimates
  for (const auto& item : items) provisional_mean += provisional_difficulty(item.difficulty) / 12.0;
  CHECK(calibration.origin == Approx(provisional_mean));
  // Later items were made harder: the estimates rise with position.
  CHECK(calibration.items.back().estimate.difficulty > calibration.items.front().estimate.difficulty);

  const auto summary = fixture.engine.import_items(calibrated_versions(calibration, "rasch-jml 2026-11-30"));
  CHECK(summary.revised == 12);
  // The next session uses the calibrated difficulties.
  SessionRequest next;
  next.student = "after-calibration";
  next.item_ids = ids;
  next.item_count = static_cast<int>(ids.size());
  const auto session = fixture.engine.start(next);
  for (int position = 0; position < static_cast<int>(ids.size()); ++position)
    fixture.engine.answer(session.id, position, 0);
  const auto report = fixture.engine.report(session.id);
  CHECK(report.calibrated_items == 12);
  CHECK(report.provisional_items == 0);
  for (const auto& stored : fixture.store.current_items()) {
    CHECK(stored.version == 2);
    CHECK(stored.item.parameters.calibrated);
    CHECK(stored.item.parameters.calibration_n >= 70);  // sessions with a perfect or zero score are left out
    CHECK(stored.item.parameters.calibration_n <= 80);
    CHECK(stored.item.parameters.source == "rasch-jml 2026-11-30");
  }
  CHECK(fixture.store.final_responses(0).front().response.version_id ==
        before);  // past answers: the version shown

  const auto again = fixture.store.import_items(items);  // the bank file, still provisional
  CHECK(again.unchanged == 12);
  CHECK(fixture.store.current_items().front().item.parameters.calibrated);
  items[0].stem += " (reworded)";
  CHECK(fixture.store.import_items(items).revised == 1);  // changed content starts provisional again
}
