#include "mltprep/simulation.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "mltprep/error.h"
#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

namespace {

const Blueprint& ascp() {
  static const auto blueprints = bundled_blueprints();
  return *find_blueprint(blueprints, "ascp-mlt");
}

std::vector<Item> bank(int count, double sd, std::uint64_t seed = 3) {
  SyntheticBankSpec spec;
  spec.item_count = count;
  spec.difficulty_sd = sd;
  spec.seed = seed;
  return make_synthetic_items(spec);
}

}  // namespace

TEST_CASE("with identical items, the spread of the estimates matches the analytic standard error") {
  // 100 Rasch items at b = 0 for examinees at θ = 0: the posterior SD is
  // 1/√(100 · 0.25 + 1) = 0.196 (test information plus the prior's), and the
  // estimates' root mean square error should match it.
  SimulationOptions options;
  options.simulees = 150;
  options.thetas = {0.0};
  const auto report = simulate_adaptive_exam(bank(400, 0.0), ascp(), options);
  const auto& at_100 = report.adaptive.back();
  REQUIRE(at_100.items == 100);
  CHECK(at_100.mean_se.value() == Approx(1 / std::sqrt(26.0)).margin(0.005));
  CHECK(at_100.rmse.value() == Approx(1 / std::sqrt(26.0)).epsilon(0.15));
  CHECK(std::abs(at_100.bias.value()) < 0.05);
}

TEST_CASE("a fixed seed gives identical simulation figures") {
  SimulationOptions options;
  options.simulees = 30;
  options.seed = 9;
  const auto first = simulate_adaptive_exam(bank(500, 1.0), ascp(), options);
  const auto second = simulate_adaptive_exam(bank(500, 1.0), ascp(), options);
  for (std::size_t k = 0; k < first.adaptive.size(); ++k) {
    CHECK(first.adaptive[k].rmse == second.adaptive[k].rmse);
    CHECK(first.random_form[k].rmse == second.random_form[k].rmse);
  }
  CHECK(first.max_exposure == second.max_exposure);
}

TEST_CASE("the adaptive exam measures more precisely than a random form of the same length") {
  // A wide bank (SD of b = 1.5) makes targeting matter.
  SimulationOptions options;
  options.simulees = 150;
  const auto report = simulate_adaptive_exam(bank(1500, 1.5), ascp(), options);
  REQUIRE(report.adaptive.size() == 5);
  CHECK(report.adaptive[3].items == 50);
  CHECK(report.adaptive[3].rmse.value() < report.random_form[3].rmse.value());
  CHECK(report.adaptive[3].mean_se.value() < report.random_form[3].mean_se.value());
  CHECK(report.adaptive[4].correlation.value() > 0.95);
  CHECK(report.max_exposure < 0.6);
  CHECK(report.never_used_share < 0.5);
}

TEST_CASE("lengths no simulee reached are reported with no figures, not with zeros") {
  // 40 items across the ASCP areas run out long before 100; 150 is past the exam itself.
  SimulationOptions options;
  options.simulees = 20;
  options.checkpoints = {10, 50, 150};
  const auto report = simulate_adaptive_exam(bank(40, 1.0), ascp(), options);
  REQUIRE(report.adaptive.size() == 4);
  CHECK(report.adaptive[0].items == 10);
  CHECK(report.adaptive[0].simulees == 20);
  CHECK(report.adaptive[0].rmse.has_value());
  CHECK(report.adaptive[0].correlation.has_value());
  for (const auto* rows : {&report.adaptive, &report.random_form}) {
    for (std::size_t k = 1; k < rows->size(); ++k) {
      const auto& unreached = (*rows)[k];
      INFO("length " << unreached.items);
      CHECK(unreached.simulees == 0);
      CHECK_FALSE(unreached.rmse.has_value());
      CHECK_FALSE(unreached.bias.has_value());
      CHECK_FALSE(unreached.correlation.has_value());
      CHECK_FALSE(unreached.mean_se.has_value());
      CHECK_FALSE(unreached.classification_accuracy.has_value());
      CHECK_FALSE(unreached.false_pass_rate.has_value());
      CHECK_FALSE(unreached.false_fail_rate.has_value());
    }
  }
  CHECK(report.adaptive[1].items == 50);
  CHECK(report.adaptive[2].items == 100);  // the exam's own length is always reported
  CHECK(report.adaptive[3].items == 150);
}

TEST_CASE("the correlation is absent when every simulee has the same true ability") {
  SimulationOptions options;
  options.simulees = 10;
  options.thetas = {0.5};
  const auto report = simulate_adaptive_exam(bank(400, 1.0), ascp(), options);
  for (const auto& row : report.adaptive) {
    CHECK(row.simulees == 10);
    CHECK_FALSE(row.correlation.has_value());  // θ does not vary: r is undefined, not 0
    CHECK(row.rmse.has_value());
  }
}

TEST_CASE("simulation refuses a fixed-form blueprint") {
  const auto blueprints = bundled_blueprints();
  SimulationOptions options;
  options.simulees = 1;
  CHECK_THROWS_AS(simulate_adaptive_exam(bank(300, 1.0), *find_blueprint(blueprints, "amt-mlt"), options),
                  Error);
}
