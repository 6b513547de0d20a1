// IRT values checked against hand computation. Reference values for the EAP
// cases were integrated independently on a grid of 400,001 points over
// [-10, 10] (python, see the comments), or are integrated here by
// reference_eap; tolerances allow for the engine's coarser 401-point grid.
#include "mltprep/irt.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

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

std::vector<ScoredResponse> same_answers(const ItemParameters& item, bool correct, int count) {
  return std::vector<ScoredResponse>(static_cast<std::size_t>(count), ScoredResponse{item, correct});
}

// The posterior integrated independently of the engine: the 3PL model with
// D = 1 written out, a standard normal prior, and the trapezoidal rule on
// 20,001 points from -10 to 10 (step 0.001). Q is formed as (1 - c) / (1 + e^z),
// never as 1 - P, so it keeps its precision far below b; a density that
// underflows to 0 there only drops points that carry no weight.
AbilityEstimate reference_eap(const std::vector<ScoredResponse>& responses) {
  constexpr int kPoints = 20001;
  constexpr double kLow = -10, kStep = 0.001;
  std::vector<double> log_density(kPoints);
  for (int i = 0; i < kPoints; ++i) {
    const double theta = kLow + kStep * i;
    double sum = -0.5 * theta * theta;
    for (const auto& [item, correct] : responses) {
      const double z = item.a * (theta - item.b);
      sum += correct ? std::log(item.c + (1 - item.c) / (1 + std::exp(-z)))
                     : std::log((1 - item.c) / (1 + std::exp(z)));
    }
    log_density[i] = sum;
  }
  const double peak = *std::max_element(log_density.begin(), log_density.end());
  std::vector<double> weight(kPoints);
  for (int i = 0; i < kPoints; ++i) {
    weight[i] = std::exp(log_density[i] - peak) * (i == 0 || i == kPoints - 1 ? 0.5 : 1.0);
  }
  double total = 0, first = 0;
  for (int i = 0; i < kPoints; ++i) total += weight[i], first += weight[i] * (kLow + kStep * i);
  const double mean = first / total;
  double second = 0;
  for (int i = 0; i < kPoints; ++i) second += weight[i] * std::pow(kLow + kStep * i - mean, 2);
  return {mean, std::sqrt(second / total)};
}

// θ and SE within 0.005 logits of the reference, the accuracy docs/measurement.md states.
void check_against_reference(const std::vector<ScoredResponse>& responses) {
  const auto reference = reference_eap(responses);
  const auto engine = estimate_eap(responses);
  INFO("reference θ " << reference.theta << ", SE " << reference.se << "; engine θ " << engine.theta
                      << ", SE " << engine.se);
  CHECK(engine.theta == Approx(reference.theta).margin(0.005));
  CHECK(engine.se == Approx(reference.se).margin(0.005));
}

// `count` items with parameters drawn over the whole range the bank rules
// accept (a in (0.3, 4], |b| ≤ 6, c in [0, 0.3)), answered with the model's
// probability by an examinee at `theta`; `targeted` puts every b within 0.25
// of θ at a = 4, which makes the narrowest posterior of `count` answers.
std::vector<ScoredResponse> model_answers(int count, double theta, bool targeted, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<ScoredResponse> responses;
  for (int i = 0; i < count; ++i) {
    const auto item = targeted ? three_pl(4, theta + 0.5 * (rng.uniform() - 0.5), 0)
                               : three_pl(0.3 + 3.7 * rng.uniform(), -6 + 12 * rng.uniform(),
                                          rng.uniform() < 0.5 ? 0 : 0.3 * rng.uniform());
    responses.push_back({item, rng.uniform() < probability_correct(item, theta)});
  }
  return responses;
}

}  // namespace

TEST_CASE("the 3PL probability matches hand-computed values") {
  CHECK(probability_correct(rasch(0.7), 0.7) == Approx(0.5).margin(1e-12));
  // 1 / (1 + e^-1) = 1 / 1.3678794412
  CHECK(probability_correct(rasch(0), 1.0) == Approx(0.7310585786).margin(1e-9));
  // a = 1.5, b = 0.5, c = 0.2 at θ = 1: a(θ − b) = 0.75, e^-0.75 = 0.4723665527,
  // 0.2 + 0.8 / 1.4723665527 = 0.2 + 0.5433429593 = 0.7433429593
  const auto item = three_pl(1.5, 0.5, 0.2);
  CHECK(probability_correct(item, 1.0) == Approx(0.7433429593).margin(1e-9));
  CHECK(probability_correct(item, -40) == Approx(0.2).margin(1e-9));  // the lower asymptote
}

TEST_CASE("item information matches hand-computed values") {
  CHECK(item_information(rasch(0.3), 0.3) == Approx(0.25).margin(1e-12));  // P·Q at θ = b
  // Rasch at θ − b = 2: P = 0.8807970780, P·Q = 0.1049935854
  CHECK(item_information(rasch(0), 2.0) == Approx(0.1049935854).margin(1e-9));
  // a² (Q/P) ((P − c)/(1 − c))² with P = 0.7433429593: Q/P = 0.3452740588,
  // (P − c)/(1 − c) = 0.6791786992, squared 0.4612837054; 2.25 × 0.3452740588 × 0.4612837054 = 0.3583559188
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
  // Twenty right at b = 0 with the N(0,1) prior: mean 2.21455, SD 0.59832 by
  // fine integration; the engine's grid gives 2.21445 and 0.59807.
  const auto all_right = estimate_eap(pattern(20, 20));
  const auto all_wrong = estimate_eap(pattern(0, 20));
  CHECK(all_right.theta == Approx(2.21455).margin(1e-3));
  CHECK(all_right.se == Approx(0.59832).margin(1e-3));
  CHECK(all_wrong.theta == Approx(-all_right.theta).margin(1e-9));  // symmetric items and prior
  CHECK(all_wrong.se == Approx(all_right.se).margin(1e-9));
  CHECK(all_wrong.theta < 0);
  CHECK(all_right.theta > 0);
}

TEST_CASE("100 right or 100 wrong answers match the integrated posterior, at b = ±1 and at the bank limits") {
  // At the limits the bank rules accept (b = ±6, a up to 4) the posterior of
  // 100 right answers has its mean at θ 7.0 to 8.4 (100 wrong: -7.0 to -8.4),
  // beyond the end of the grid the engine once had (±5), which left θ at 5.0
  // or even at the prior; at b = 1, 100 right answers gave θ 4.16 for 4.22
  // and an SE of 0.40 for 0.46.
  for (const double b : {-6.0, -1.0, 1.0, 6.0}) {
    for (const double a : {1.0, 4.0}) {
      for (const double c : {0.0, 0.25}) {
        for (const bool correct : {true, false}) {
          INFO("100 " << (correct ? "right" : "wrong") << " answers at a = " << a << ", b = " << b
                      << ", c = " << c);
          check_against_reference(same_answers(three_pl(a, b, c), correct, 100));
        }
      }
    }
  }
}

TEST_CASE("a wrong answer to a very easy, steep item moves the estimate as the integrated posterior does") {
  // b = -6: a wrong answer puts θ below -6. With P clamped to 1e-12 the engine
  // once found every θ of its grid equally unlikely after such an answer (a
  // above about 28) and left θ at 0.00.
  check_against_reference(same_answers(three_pl(4, -6, 0), false, 1));  // θ -3.93, SE 0.94
  // A stored item need not keep the authoring rules: a = 30 holds too.
  const auto steeper = same_answers(three_pl(30, -6, 0), false, 1);
  check_against_reference(steeper);
  CHECK(estimate_eap(steeper).theta < -6);
  // And the mirror image: a right answer to a very hard, steep item.
  check_against_reference(same_answers(three_pl(4, 6, 0), true, 1));
}

TEST_CASE("mixed patterns match the integrated posterior") {
  SECTION("items across the whole range the bank rules accept") {
    for (const double theta : {-3.0, -0.5, 0.0, 1.2, 3.5}) {
      for (const int count : {5, 30, 100}) {
        INFO(count << " answers at θ = " << theta);
        check_against_reference(model_answers(count, theta, false, static_cast<std::uint64_t>(count + 7)));
      }
    }
  }
  SECTION("100 items at a = 4 aimed at the examinee: the narrowest posterior, SE about 0.05") {
    for (const double theta : {-2.0, 0.3, 2.7}) {
      INFO("θ = " << theta);
      check_against_reference(model_answers(100, theta, true, 21));
    }
  }
  SECTION("the hand-made pattern of the MLE tests") {
    check_against_reference({{three_pl(1.5, -1, 0.2), true},
                             {three_pl(1.0, 0, 0.2), false},
                             {three_pl(0.8, 0.5, 0.2), true},
                             {three_pl(1.2, 1, 0.2), false},
                             {three_pl(2.0, -0.5, 0.2), true}});
  }
}

TEST_CASE("MLE of an all-right or all-wrong pattern stops at the bound with a finite SE") {
  // At θ = 4, P = 1/(1 + e^-4) = 0.982014, 20 P Q = 0.353250: SE = 1.682505.
  const auto right = estimate_mle(pattern(20, 20));
  CHECK(right.theta == 4.0);
  CHECK(right.se == Approx(1.682505).margin(1e-6));
  const auto wrong = estimate_mle(pattern(0, 20));
  CHECK(wrong.theta == -4.0);
  CHECK(wrong.se == Approx(1.682505).margin(1e-6));
  // Narrower bounds are honoured: at θ = 3, 20 P Q = 0.903535, SE = 1.052030.
  const auto narrow = estimate_mle(pattern(20, 20), -3, 3);
  CHECK(narrow.theta == 3.0);
  CHECK(narrow.se == Approx(1.052030).margin(1e-6));
  CHECK(estimate_mle(pattern(0, 20), -3, 3).theta == -3.0);
}

TEST_CASE("MLE with no responses has no information") {
  const auto none = estimate_mle({});
  CHECK(none.theta == 0);
  CHECK(std::isinf(none.se));
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

TEST_CASE("MLE finds the maximum of a 3PL likelihood") {
  // Reference maxima from a brute-force search of the log-likelihood over
  // [-4, 4] (800,001 points, then golden-section refinement).
  SECTION("a mixed pattern") {
    const std::vector<ScoredResponse> responses{{three_pl(1.5, -1, 0.2), true},
                                                {three_pl(1.0, 0, 0.2), false},
                                                {three_pl(0.8, 0.5, 0.2), true},
                                                {three_pl(1.2, 1, 0.2), false},
                                                {three_pl(2.0, -0.5, 0.2), true}};
    const auto estimate = estimate_mle(responses);
    CHECK(estimate.theta == Approx(0.0976857).margin(1e-6));
    CHECK(estimate.se == Approx(0.9219679).margin(1e-6));
  }
  SECTION("wide bounds, so the search starts a logit away on a steep likelihood") {
    // With bounds ±40 the starting grid is 1 logit apart; full Newton steps
    // from there overshoot back and forth, and only step halving settles.
    const std::vector<ScoredResponse> responses{{three_pl(3, 1.2, 0.2), true},
                                                {three_pl(1, 0.23, 0), true},
                                                {three_pl(3, 0.76, 0), false},
                                                {three_pl(4, 1.54, 0.2), true}};
    const auto estimate = estimate_mle(responses, -40, 40);
    CHECK(estimate.theta == Approx(1.3642046).margin(1e-6));
    CHECK(estimate.se == Approx(0.4564632).margin(1e-6));
  }
  SECTION("a pattern with a second, lower maximum at the bound") {
    // Three right answers to hard items with guessing (c = 0.25) and one wrong
    // Rasch item. log L = -3.2432 at θ = 2.627, but it also rises towards the
    // lower bound (-4.1770 at θ = -4), and at θ = 0 (-4.6944) the slope points
    // down there while d² log L/dθ² = +0.301: a search from 0 finds the wrong hill.
    std::vector<ScoredResponse> responses(3, ScoredResponse{three_pl(2, 2, 0.25), true});
    responses.push_back({rasch(0), false});
    const auto estimate = estimate_mle(responses);
    CHECK(estimate.theta == Approx(2.6269520).margin(1e-6));
    CHECK(estimate.se == Approx(0.8127343).margin(1e-6));
  }
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

TEST_CASE("a long response record neither underflows nor loses the posterior") {
  // 2,400 of 4,000 right at b = 0: the peak log density is about -2692, far
  // below where e^x underflows. The same quadrature on the grid's points
  // within ±5 done separately (python, exact counts) gives mean 0.4051077,
  // SD 0.0321423; the points beyond carry no weight here.
  const auto estimate = estimate_eap(pattern(2400, 4000));
  CHECK(estimate.theta == Approx(0.4051077).margin(1e-6));
  CHECK(estimate.se == Approx(0.0321423).margin(1e-6));
}

TEST_CASE("over many simulees the EAP standard error matches the actual error") {
  // 2,000 simulees at θ = 1 answer 50 Rasch items at b = 1, so each right
  // answer has P = 0.5 and the score k is Binomial(50, 0.5). Expected values,
  // summed exactly over k (python, the engine's grid):
  //   EAP mean 0.92332 (shrunk towards the prior mean 0; the normal
  //   approximation 12.5 / 13.5 = 0.926), EAP SD 0.27702 (the normal
  //   approximation 1/√(50 × 0.25 + 1) = 0.27217), RMSE of the EAP 0.28197;
  //   MLE mean 1 (by symmetry), MLE SE 0.28581 (≈ 1/√12.5 = 0.28284), RMSE 0.28883.
  // Monte Carlo SD of a mean over 2,000 simulees is about 0.27 / √2000 = 0.006,
  // so the tolerances of 0.025 on means are about four of those.
  Rng rng(11);
  const int simulees = 2000, items = 50;
  double eap_sum = 0, eap_sq = 0, eap_se_sum = 0, mle_sum = 0, mle_se_sum = 0;
  for (int s = 0; s < simulees; ++s) {
    AbilityPosterior posterior;
    std::vector<ScoredResponse> responses;
    for (int i = 0; i < items; ++i) {
      const bool right = rng.uniform() < probability_correct(rasch(1), 1.0);
      posterior.add(rasch(1), right);
      responses.push_back({rasch(1), right});
    }
    const auto eap = posterior.estimate();
    const auto mle = estimate_mle(responses);
    eap_sum += eap.theta;
    eap_sq += (eap.theta - 1) * (eap.theta - 1);
    eap_se_sum += eap.se;
    mle_sum += mle.theta;
    mle_se_sum += mle.se;
  }
  const double eap_mean = eap_sum / simulees;
  const double eap_rmse = std::sqrt(eap_sq / simulees);
  const double eap_se = eap_se_sum / simulees;
  CHECK(eap_mean == Approx(0.92332).margin(0.025));
  CHECK(eap_mean == Approx(1.0 * 12.5 / 13.5).margin(0.03));  // truth after shrinkage
  CHECK(eap_se == Approx(0.27702).margin(0.003));
  CHECK(eap_se == Approx(1 / std::sqrt(13.5)).margin(0.01));  // the analytic posterior SD
  CHECK(eap_rmse == Approx(eap_se).epsilon(0.10));            // the SE reports the actual error
  CHECK(mle_sum / simulees == Approx(1.0).margin(0.025));
  CHECK(mle_se_sum / simulees == Approx(0.28581).margin(0.003));
}

TEST_CASE("the standard normal distribution function matches table values") {
  CHECK(standard_normal_cdf(0) == Approx(0.5).margin(1e-12));
  CHECK(standard_normal_cdf(1.96) == Approx(0.9750021049).margin(1e-9));
  CHECK(standard_normal_cdf(-1) == Approx(0.1586552539).margin(1e-9));
  // The far lower tail keeps its relative precision: Φ(−10) = 7.6198530241605e-24.
  CHECK(standard_normal_cdf(-10) == Approx(7.6198530241605e-24).epsilon(1e-12));
  CHECK(standard_normal_cdf(10) == 1.0);
}
