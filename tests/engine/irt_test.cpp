// IRT values checked against hand computation. Reference values for the EAP
// cases were integrated independently on a grid of 400,001 points over
// [-10, 10] (python, see the comments); tolerances allow for the engine's
// coarser 201-point grid.
#include <catch2/catch.hpp>

#include <cmath>

#include "mltprep/irt.h"
#include "mltprep/random.h"

using namespace mltprep;

namespace {

ItemParameters three_pl(double a, double b, double c) {
  ItemParameters item;
  item.a = a;
  item.b = b;
  item.c = c;
  return item;
}

ItemParameters rasch(double b) { return three_pl(1, b, 0); }

std::vector<ScoredResponse> pattern(int right, int total, double b = 0) {
  std::vector<ScoredResponse> responses;
  for (int i = 0; i < total; ++i) responses.push_back({rasch(b), i < right});
  return responses;
}

}  // namespace

TEST_CASE("the 3PL probability matches hand-computed values") {
  CHECK(probability_correct(rasch(0.7), 0.7) == Approx(0.5).margin(1e-12));
  // 1 / (1 + e^-1)
  CHECK(probability_correct(rasch(0), 1.0) == Approx(0.7310585786).margin(1e-9));
  // a = 1.5, b = 0.5, c = 0.2 at θ = 1: 0.2 + 0.8 / (1 + e^-0.75) = 0.7433429593
  const auto item = three_pl(1.5, 0.5, 0.2);
  CHECK(probability_correct(item, 1.0) == Approx(0.7433429593).margin(1e-9));
  CHECK(probability_correct(item, -40) == Approx(0.2).margin(1e-9));  // the lower asymptote
}

TEST_CASE("item information matches hand-computed values") {
  CHECK(item_information(rasch(0.3), 0.3) == Approx(0.25).margin(1e-12));  // P·Q at θ = b
  CHECK(item_information(rasch(0), 2.0) == Approx(0.1049935854).margin(1e-9));
  // a² (Q/P) ((P − c)/(1 − c))² with P = 0.7433429593: 0.3583559188
  CHECK(item_information(three_pl(1.5, 0.5, 0.2), 1.0) == Approx(0.3583559188).margin(1e-9));
}

TEST_CASE("EAP with no responses returns the prior") {
  const auto estimate = estimate_eap({});
  CHECK(estimate.theta == Approx(0).margin(1e-9));
  CHECK(estimate.se == Approx(1).margin(1e-3));
  const auto shifted = estimate_eap({}, NormalPrior{0.5, 0.8});
  CHECK(shifted.theta == Approx(0.5).margin(1e-3));
  CHECK(shifted.se == Approx(0.8).margin(1e-3));
}

TEST_CASE("EAP matches independent numerical integration") {
  // One right answer to a Rasch item at b = 0, N(0,1) prior: mean 0.41324, SD 0.91062.
  const auto one = estimate_eap(pattern(1, 1));
  CHECK(one.theta == Approx(0.41324).margin(1e-3));
  CHECK(one.se == Approx(0.91062).margin(1e-3));
  // Seven of ten right at b = 0: mean 0.61233, SD 0.56433.
  const auto seven = estimate_eap(pattern(7, 10));
  CHECK(seven.theta == Approx(0.61233).margin(1e-3));
  CHECK(seven.se == Approx(0.56433).margin(1e-3));
}

TEST_CASE("all-right and all-wrong patterns give finite, sensible estimates") {
  const auto all_right = estimate_eap(pattern(20, 20));
  const auto all_wrong = estimate_eap(pattern(0, 20));
  CHECK(std::isfinite(all_right.theta));
  CHECK(std::isfinite(all_right.se));
  CHECK(all_right.theta > 1.5);
  CHECK(all_right.theta < 5);
  CHECK(all_wrong.theta == Approx(-all_right.theta).margin(1e-9));  // symmetric items and prior
  CHECK(all_right.se > 0);
  const auto mle_right = estimate_mle(pattern(20, 20));
  CHECK(mle_right.theta == Approx(4.0));  // bounded
  CHECK(std::isfinite(mle_right.se));
  CHECK(estimate_mle(pattern(0, 20)).theta == Approx(-4.0));
}

TEST_CASE("MLE matches the closed form for equal Rasch items") {
  // k of n right at b = 0: θ̂ = ln(k / (n − k)), SE = 1 / √(n p q).
  const auto symmetric = estimate_mle(pattern(1, 2));
  CHECK(symmetric.theta == Approx(0).margin(1e-6));
  CHECK(symmetric.se == Approx(std::sqrt(2.0)).margin(1e-6));
  const auto seven = estimate_mle(pattern(7, 10));
  CHECK(seven.theta == Approx(std::log(7.0 / 3.0)).margin(1e-6));
  CHECK(seven.se == Approx(1 / std::sqrt(10 * 0.7 * 0.3)).margin(1e-6));
}

TEST_CASE("the incremental posterior equals the estimate from scratch") {
  Rng rng(5);
  AbilityPosterior posterior;
  std::vector<ScoredResponse> responses;
  for (int i = 0; i < 60; ++i) {
    const auto item = three_pl(std::exp(0.3 * rng.normal()), rng.normal(), 0.15);
    const bool right = rng.uniform() < 0.6;
    posterior.add(item, right);
    responses.push_back({item, right});
  }
  const auto incremental = posterior.estimate();
  const auto scratch = estimate_eap(responses);
  CHECK(incremental.theta == Approx(scratch.theta).margin(1e-12));
  CHECK(incremental.se == Approx(scratch.se).margin(1e-12));
  CHECK(posterior.response_count() == 60);
}

TEST_CASE("over many simulees the EAP standard error matches the actual error") {
  // 2,000 simulees at θ = 1 answer 50 Rasch items at b = 1. The posterior SD
  // should agree with the root mean square error of the estimates within 10 %,
  // and the mean estimate sits between the truth and the prior mean (shrinkage).
  Rng rng(11);
  const int simulees = 2000, items = 50;
  double sum = 0, sum_sq = 0, se_sum = 0;
  for (int s = 0; s < simulees; ++s) {
    AbilityPosterior posterior;
    for (int i = 0; i < items; ++i) posterior.add(rasch(1), rng.uniform() < 0.5);
    const auto estimate = posterior.estimate();
    sum += estimate.theta;
    sum_sq += (estimate.theta - 1) * (estimate.theta - 1);
    se_sum += estimate.se;
  }
  const double mean = sum / simulees;
  const double rmse = std::sqrt(sum_sq / simulees);
  const double mean_se = se_sum / simulees;
  CHECK(mean > 0.6);
  CHECK(mean < 1.0);
  // Information 50 × 0.25 = 12.5 plus the prior's 1: posterior SD ≈ 1/√13.5 = 0.272.
  CHECK(mean_se == Approx(1 / std::sqrt(13.5)).margin(0.01));
  CHECK(rmse == Approx(mean_se).epsilon(0.10));
}

TEST_CASE("the standard normal distribution function matches table values") {
  CHECK(standard_normal_cdf(0) == Approx(0.5).margin(1e-12));
  CHECK(standard_normal_cdf(1.96) == Approx(0.9750021049).margin(1e-9));
  CHECK(standard_normal_cdf(-1) == Approx(0.1586552539).margin(1e-9));
}
