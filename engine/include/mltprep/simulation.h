// Simulated examinees answering whole sessions through the same engine the
// students use, to measure how precise and how accurate the scores are.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "mltprep/blueprint.h"
#include "mltprep/item.h"

namespace mltprep {

struct SimulationOptions {
  int simulees = 1000;
  std::uint64_t seed = 1;
  std::vector<double> thetas;  // true abilities to cycle through; empty: draws from N(0, 1)
  std::vector<int> checkpoints = {10, 20, 30, 50, 100};  // test lengths at which precision is reported
};

// Precision after a given number of items, over all simulees that reached it.
struct PrecisionFigures {
  int items = 0;
  int simulees = 0;
  double rmse = 0;                     // root mean square of θ̂ − θ
  double bias = 0;                     // mean of θ̂ − θ
  double correlation = 0;              // Pearson r of θ̂ with θ
  double mean_se = 0;                  // mean reported standard error
  double classification_accuracy = 0;  // share with θ̂ and θ on the same side of θ_cut
  double false_pass_rate = 0;          // share of all simulees: θ̂ ≥ θ_cut > θ
  double false_fail_rate = 0;          // share of all simulees: θ ≥ θ_cut > θ̂
};

struct SimulationReport {
  std::string blueprint_id;
  int bank_size = 0;  // items usable in the blueprint
  int exam_length = 0;
  double theta_cut = 0;
  std::vector<PrecisionFigures> adaptive;     // the blueprint's adaptive exam
  std::vector<PrecisionFigures> random_form;  // baseline: items drawn at random, same length
  double max_exposure = 0;                    // highest share of sessions that gave one item
  double never_used_share = 0;                // share of the usable bank no session gave
};

// Called after each simulee: simulees done, total, mean SE of final estimates so far.
using SimulationProgress = std::function<void(int done, int total, double mean_se)>;

// REQUIRES: blueprint.mode == adaptive; the items pass bank validation or are synthetic.
SimulationReport simulate_adaptive_exam(const std::vector<Item>& items, const Blueprint& blueprint,
                                        const SimulationOptions& options,
                                        const SimulationProgress& progress = {});

}  // namespace mltprep
