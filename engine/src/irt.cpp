#include "mltprep/irt.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mltprep {
namespace {

constexpr int kGridPoints = static_cast<int>((kThetaGridMax - kThetaGridMin) / kThetaGridStep + 0.5) + 1;

// Keeps log P and log Q finite for items whose probability rounds to 0 or 1.
double clamped(double p) { return std::clamp(p, 1e-12, 1.0 - 1e-12); }

double grid_theta(int index) { return kThetaGridMin + kThetaGridStep * index; }

}  // namespace

double probability_correct(const ItemParameters& item, double theta) {
  return item.c + (1.0 - item.c) / (1.0 + std::exp(-item.a * (theta - item.b)));
}

double item_information(const ItemParameters& item, double theta) {
  const double p = clamped(probability_correct(item, theta));
  const double q = 1.0 - p;
  const double ratio = (p - item.c) / (1.0 - item.c);
  return item.a * item.a * (q / p) * ratio * ratio;
}

AbilityPosterior::AbilityPosterior(NormalPrior prior) : log_density_(kGridPoints) {
  for (int i = 0; i < kGridPoints; ++i) {
    const double z = (grid_theta(i) - prior.mean) / prior.sd;
    log_density_[i] = -0.5 * z * z;
  }
}

void AbilityPosterior::add(const ItemParameters& item, bool correct) {
  for (int i = 0; i < kGridPoints; ++i) {
    const double p = clamped(probability_correct(item, grid_theta(i)));
    log_density_[i] += std::log(correct ? p : 1.0 - p);
  }
  ++response_count_;
}

AbilityEstimate AbilityPosterior::estimate() const {
  const double peak = *std::max_element(log_density_.begin(), log_density_.end());
  double total = 0, first = 0, second = 0;
  for (int i = 0; i < kGridPoints; ++i) {
    const double weight = std::exp(log_density_[i] - peak);
    const double theta = grid_theta(i);
    total += weight;
    first += weight * theta;
    second += weight * theta * theta;
  }
  const double mean = first / total;
  return {mean, std::sqrt(std::max(0.0, second / total - mean * mean))};
}

AbilityEstimate estimate_eap(const std::vector<ScoredResponse>& responses, NormalPrior prior) {
  AbilityPosterior posterior(prior);
  for (const auto& response : responses) posterior.add(response.item, response.correct);
  return posterior.estimate();
}

namespace {

struct Derivatives {
  double first = 0;        // d log L / dθ
  double information = 0;  // test information at θ
};

// 3PL log-likelihood slope (Baker & Kim 2004, eq. 5.x): Σ a (u − P)(P − c) / (P (1 − c)).
Derivatives derivatives_at(const std::vector<ScoredResponse>& responses, double theta) {
  Derivatives d;
  for (const auto& response : responses) {
    const auto& item = response.item;
    const double p = clamped(probability_correct(item, theta));
    const double u = response.correct ? 1.0 : 0.0;
    d.first += item.a * (u - p) * (p - item.c) / (p * (1.0 - item.c));
    d.information += item_information(item, theta);
  }
  return d;
}

}  // namespace

AbilityEstimate estimate_mle(const std::vector<ScoredResponse>& responses, double lower, double upper) {
  double theta = 0;
  for (int iteration = 0; iteration < 100; ++iteration) {
    const auto d = derivatives_at(responses, theta);
    if (d.information <= 0) break;
    // Fisher scoring: the information stands in for the negative second derivative.
    const double step = std::clamp(d.first / d.information, -1.0, 1.0);
    const double next = std::clamp(theta + step, lower, upper);
    if (std::abs(next - theta) < 1e-8) {
      theta = next;
      break;
    }
    theta = next;
  }
  const double information = derivatives_at(responses, theta).information;
  return {theta, information > 0 ? 1.0 / std::sqrt(information) : std::numeric_limits<double>::infinity()};
}

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace mltprep
