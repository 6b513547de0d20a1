#include "mltprep/irt.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace mltprep {
namespace {

// 401 points for the default grid (−10, −9.95, ..., 10).
constexpr int kGridPoints = static_cast<int>((kThetaGridMax - kThetaGridMin) / kThetaGridStep + 0.5) + 1;

// Keeps P and Q away from 0 and 1 where information and the MLE divide by them.
double clamped(double p) { return std::clamp(p, 1e-12, 1.0 - 1e-12); }

// log(1 + e^x), without overflow for large x or underflow to 0 for very negative x.
double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

// log P(θ) or log Q(θ), exact however far θ lies from b. With z = a(θ − b):
// Q = (1 − c) / (1 + e^z), so log Q = log(1 − c) − softplus(z); for c = 0,
// log P = −softplus(−z); for c > 0, P ≥ c keeps log P finite. Clamping P
// instead (to 1e-12) made every θ on the grid equally likely after a wrong
// answer to an easy, steep item, and the answer was lost.
// REQUIRES: 0 ≤ c < 1.
double log_probability(const ItemParameters& item, double theta, bool correct) {
  const double z = item.a * (theta - item.b);
  if (!correct) return std::log1p(-item.c) - softplus(z);
  if (item.c > 0) return std::log(item.c + (1.0 - item.c) / (1.0 + std::exp(-z)));
  return -softplus(-z);
}

// Computed from the index, not accumulated, so every pass sees the same θ values.
double grid_theta(int index) { return kThetaGridMin + kThetaGridStep * index; }

}  // namespace

double probability_correct(const ItemParameters& item, double theta) {
  return item.c + (1.0 - item.c) / (1.0 + std::exp(-item.a * (theta - item.b)));
}

// REQUIRES: item.c < 1. Clamping P keeps the value finite far from b.
double item_information(const ItemParameters& item, double theta) {
  const double p = clamped(probability_correct(item, theta));
  const double q = 1.0 - p;
  const double ratio = (p - item.c) / (1.0 - item.c);
  return item.a * item.a * (q / p) * ratio * ratio;
}

// REQUIRES: prior.sd > 0. The normal's constant factor is left out: the
// density is only ever normalised over the grid.
AbilityPosterior::AbilityPosterior(NormalPrior prior) : log_density_(kGridPoints) {
  for (int i = 0; i < kGridPoints; ++i) {
    const double z = (grid_theta(i) - prior.mean) / prior.sd;
    log_density_[i] = -0.5 * z * z;
  }
}

// Bayes' rule on the log scale: multiplying by P(θ) or Q(θ) is adding its log.
// One pass, no allocation.
void AbilityPosterior::add(const ItemParameters& item, bool correct) {
  for (int i = 0; i < kGridPoints; ++i) log_density_[i] += log_probability(item, grid_theta(i), correct);
  ++response_count_;
}

// Posterior mean and SD by quadrature on the grid (Bock & Mislevy 1982), with
// the trapezoidal rule's half weights at the two ends: a posterior pushed
// against an end (many wrong answers to the easiest items) then keeps the
// accuracy of the rest of the grid. Subtracting the peak log density before
// exponentiating keeps the weights in (0, 1] however many responses there
// are; taking moments about the peak's θ avoids the cancellation of
// E[θ²] − E[θ]² when the posterior is narrow.
AbilityEstimate AbilityPosterior::estimate() const {
  const auto peak_at = std::max_element(log_density_.begin(), log_density_.end());
  const double peak = *peak_at;
  const double centre = grid_theta(static_cast<int>(std::distance(log_density_.begin(), peak_at)));
  double total = 0, first = 0, second = 0;
  for (int i = 0; i < kGridPoints; ++i) {
    const double end_factor = i == 0 || i == kGridPoints - 1 ? 0.5 : 1.0;
    const double weight = end_factor * std::exp(log_density_[i] - peak);
    const double offset = grid_theta(i) - centre;
    total += weight;
    first += weight * offset;
    second += weight * offset * offset;
  }
  const double mean_offset = first / total;
  const double variance = second / total - mean_offset * mean_offset;
  return {centre + mean_offset, std::sqrt(std::max(0.0, variance))};
}

AbilityEstimate estimate_eap(const std::vector<ScoredResponse>& responses, NormalPrior prior) {
  AbilityPosterior posterior(prior);
  for (const auto& response : responses) posterior.add(response.item, response.correct);
  return posterior.estimate();
}

namespace {

// The log-likelihood of a response pattern at θ and what Newton–Raphson needs.
struct Likelihood {
  double log_likelihood = 0;
  double slope = 0;        // d log L / dθ
  double observed = 0;     // −d² log L / dθ², the observed information
  double information = 0;  // Σ item information, the expected (Fisher) information
};

// 3PL derivatives with D = 1 (Baker & Kim 2004, ch. 3; Lord 1980, ch. 5):
//   d log L/dθ   = Σ a (u − P)(P − c) / (P (1 − c))
//   d² log L/dθ² = Σ a² (P − c) Q (u c − P²) / (P² (1 − c)²)
// For Rasch these are Σ (u − P) and −Σ P Q.
Likelihood likelihood_at(const std::vector<ScoredResponse>& responses, double theta) {
  Likelihood sum;
  for (const auto& response : responses) {
    const auto& item = response.item;
    const double p = clamped(probability_correct(item, theta));
    const double q = 1.0 - p;
    const double u = response.correct ? 1.0 : 0.0;
    const double guess_free = (p - item.c) / (1.0 - item.c);
    sum.log_likelihood += std::log(response.correct ? p : q);
    sum.slope += item.a * (u - p) * guess_free / p;
    sum.observed -= item.a * item.a * guess_free * q * (u * item.c - p * p) / (p * p * (1.0 - item.c));
    sum.information += item_information(item, theta);
  }
  return sum;
}

constexpr int kStartPoints = 81;  // 0.1 logits apart on the default bounds
constexpr int kMaxIterations = 100;
constexpr int kMaxHalvings = 30;
constexpr double kMaxStep = 1.0;  // logits; a first step from a flat likelihood cannot fly off
constexpr double kTolerance = 1e-10;

// A 3PL likelihood can have more than one maximum (Samejima 1973; Yen, Burket
// & Sykes 1991), and Newton–Raphson climbs whichever hill it starts on. The
// best point of an even grid over the bounds starts it on the highest one.
// Ties keep the earlier candidate, so a flat likelihood starts (and stays) at 0.
double starting_theta(const std::vector<ScoredResponse>& responses, double lower, double upper) {
  double best = std::clamp(0.0, lower, upper);
  double best_log_likelihood = likelihood_at(responses, best).log_likelihood;
  for (int i = 0; i < kStartPoints; ++i) {
    const double theta = lower + (upper - lower) * i / (kStartPoints - 1);
    const double log_likelihood = likelihood_at(responses, theta).log_likelihood;
    if (log_likelihood > best_log_likelihood) best = theta, best_log_likelihood = log_likelihood;
  }
  return best;
}

struct Point {
  double theta;
  Likelihood at;
};

// One Newton–Raphson step, halved until the likelihood does not fall. Where a
// 3PL likelihood is not concave (a right answer with P² < c) the observed
// information is not positive and the expected information stands in (Fisher
// scoring). Returns `from` when no step climbs, i.e. at the maximum.
Point newton_step(const std::vector<ScoredResponse>& responses, const Point& from, double lower,
                  double upper) {
  const double curvature = from.at.observed > 0 ? from.at.observed : from.at.information;
  if (!(curvature > 0)) return from;  // no responses, or items that carry no information
  double step = std::clamp(from.at.slope / curvature, -kMaxStep, kMaxStep);
  for (int halving = 0; halving <= kMaxHalvings; ++halving, step /= 2) {
    const double theta = std::clamp(from.theta + step, lower, upper);
    const Likelihood at = likelihood_at(responses, theta);
    if (at.log_likelihood >= from.at.log_likelihood) return {theta, at};
  }
  return from;
}

}  // namespace

// Newton–Raphson with step halving, from the best point of a coarse grid. An
// all-right (all-wrong) pattern has a likelihood rising without end, so the
// iteration walks to the bound and stays there.
// REQUIRES: lower <= upper.
AbilityEstimate estimate_mle(const std::vector<ScoredResponse>& responses, double lower, double upper) {
  const double start = starting_theta(responses, lower, upper);
  Point current{start, likelihood_at(responses, start)};
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const Point next = newton_step(responses, current, lower, upper);
    const bool converged = std::abs(next.theta - current.theta) < kTolerance;
    current = next;
    if (converged) break;
  }
  // Clamped probabilities keep the information positive at the bounds, so the
  // SE is finite whenever there is at least one informative response.
  const double information = current.at.information;
  const double se = information > 0 ? 1.0 / std::sqrt(information) : std::numeric_limits<double>::infinity();
  return {current.theta, se};
}

// Φ(x) = ½ erfc(−x/√2) (Abramowitz & Stegun 1964, §26.2); erfc keeps full
// relative precision in the lower tail, where 1 − Φ(−x) would cancel.
double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace mltprep
