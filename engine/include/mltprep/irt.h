// Item response theory: the 3PL model with D = 1 on the logit scale and
// ability estimation (docs/design.md, "Measurement model").
#pragma once

#include <vector>

#include "mltprep/item.h"

namespace mltprep {

// P(θ) = c + (1 − c) / (1 + e^(−a(θ − b))); Rasch is a = 1, c = 0.
double probability_correct(const ItemParameters& item, double theta);

// Fisher information of one item at θ (Lord 1980; Baker & Kim 2004, eq. 3.5):
// I(θ) = a² · (Q/P) · ((P − c)/(1 − c))².  Rasch: P·Q.
double item_information(const ItemParameters& item, double theta);

struct ScoredResponse {
  ItemParameters item;
  bool correct = false;
};

struct AbilityEstimate {
  double theta = 0;  // logits
  double se = 0;     // standard error, logits
};

struct NormalPrior {
  double mean = 0;
  double sd = 1;
};

// The fixed quadrature grid every EAP estimate uses: θ from kThetaGridMin to
// kThetaGridMax in steps of kThetaGridStep (logits), 401 points. The range
// reaches well past the items the bank rules accept (|b| ≤ 6, a ≤ 4): 100
// right answers to Rasch items at b = 6 put θ at 8.4, SE 0.35. The step keeps
// θ and SE within 0.005 of a 0.001-step integration over the same range for
// posteriors with an SD down to about 0.022, i.e. for up to 500 answers at
// a = 4 (docs/measurement.md, "Ability estimates").
inline constexpr double kThetaGridMin = -10.0;
inline constexpr double kThetaGridMax = 10.0;
inline constexpr double kThetaGridStep = 0.05;

// A posterior over the grid that takes responses one at a time, so the update
// after an answer costs one pass over the grid however many came before.
class AbilityPosterior {
 public:
  explicit AbilityPosterior(NormalPrior prior = {});
  void add(const ItemParameters& item, bool correct);
  // EAP: posterior mean, and posterior SD as the standard error.
  AbilityEstimate estimate() const;
  int response_count() const { return response_count_; }

 private:
  std::vector<double> log_density_;  // unnormalised, one per grid point
  int response_count_ = 0;
};

AbilityEstimate estimate_eap(const std::vector<ScoredResponse>& responses, NormalPrior prior = {});

// Maximum likelihood by Newton-Raphson, with θ kept within [lower, upper]; an
// all-correct or all-wrong pattern ends at the bound. SE = 1/√(test information).
AbilityEstimate estimate_mle(const std::vector<ScoredResponse>& responses, double lower = -4.0,
                             double upper = 4.0);

// Φ(x), the standard normal cumulative distribution.
double standard_normal_cdf(double x);

}  // namespace mltprep
