#include "mltprep/simulation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "mltprep/clock.h"
#include "mltprep/error.h"
#include "mltprep/irt.h"
#include "mltprep/practice.h"
#include "mltprep/random.h"
#include "mltprep/selection.h"
#include "mltprep/store.h"

namespace mltprep {
namespace {

// Estimates of one simulee after each checkpoint length.
struct Trajectory {
  double true_theta = 0;
  std::vector<AbilityEstimate> at_checkpoint;  // one per checkpoint reached
};

bool varies(const std::vector<double>& values) {
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return low != values.end() && *low != *high;
}

// Accumulates θ̂ against θ for one checkpoint.
class PrecisionAccumulator {
 public:
  void add(double truth, const AbilityEstimate& estimate, double cut) {
    truths_.push_back(truth);
    estimates_.push_back(estimate.theta);
    se_sum_ += estimate.se;
    const bool passes = truth >= cut, estimated_pass = estimate.theta >= cut;
    agreements_ += passes == estimated_pass;
    false_passes_ += estimated_pass && !passes;
    false_fails_ += passes && !estimated_pass;
  }

  // Figures over the simulees that reached this length; none are made up for
  // a length nobody reached.
  PrecisionFigures figures(int items, int total_simulees) const {
    PrecisionFigures f;
    f.items = items;
    f.simulees = static_cast<int>(truths_.size());
    if (truths_.empty()) return f;
    const double n = static_cast<double>(truths_.size());
    double error_sum = 0, error_sq = 0, mean_t = 0, mean_e = 0;
    for (std::size_t i = 0; i < truths_.size(); ++i) {
      const double error = estimates_[i] - truths_[i];
      error_sum += error;
      error_sq += error * error;
      mean_t += truths_[i] / n;
      mean_e += estimates_[i] / n;
    }
    double cov = 0, var_t = 0, var_e = 0;
    for (std::size_t i = 0; i < truths_.size(); ++i) {
      cov += (truths_[i] - mean_t) * (estimates_[i] - mean_e);
      var_t += (truths_[i] - mean_t) * (truths_[i] - mean_t);
      var_e += (estimates_[i] - mean_e) * (estimates_[i] - mean_e);
    }
    f.rmse = std::sqrt(error_sq / n);
    f.bias = error_sum / n;
    // Undefined when either side is constant; tested on the values, since the
    // variance of equal values need not come out exactly 0 in floating point.
    if (varies(truths_) && varies(estimates_)) f.correlation = cov / std::sqrt(var_t * var_e);
    f.mean_se = se_sum_ / n;
    f.classification_accuracy = agreements_ / n;
    f.false_pass_rate = false_passes_ / static_cast<double>(total_simulees);
    f.false_fail_rate = false_fails_ / static_cast<double>(total_simulees);
    return f;
  }

 private:
  std::vector<double> truths_, estimates_;
  double se_sum_ = 0;
  int agreements_ = 0, false_passes_ = 0, false_fails_ = 0;
};

// The requested lengths and the exam's, in order, each once. Lengths past the
// exam stay, so that the report says no simulee reached them.
std::vector<int> report_lengths(const SimulationOptions& options, int exam_length) {
  std::vector<int> lengths{exam_length};
  for (int k : options.checkpoints) {
    if (k > 0) lengths.push_back(k);
  }
  std::sort(lengths.begin(), lengths.end());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  return lengths;
}

// Adds the estimate to the trajectory whenever the answer count hits a checkpoint.
void record_checkpoint(const std::vector<int>& checkpoints, int answered, const AbilityPosterior& posterior,
                       Trajectory& trajectory) {
  if (std::binary_search(checkpoints.begin(), checkpoints.end(), answered)) {
    trajectory.at_checkpoint.push_back(posterior.estimate());
  }
}

std::vector<PrecisionFigures> summarise(const std::vector<Trajectory>& trajectories,
                                        const std::vector<int>& checkpoints, double cut) {
  std::vector<PrecisionAccumulator> accumulators(checkpoints.size());
  for (const auto& trajectory : trajectories) {
    for (std::size_t k = 0; k < trajectory.at_checkpoint.size(); ++k) {
      accumulators[k].add(trajectory.true_theta, trajectory.at_checkpoint[k], cut);
    }
  }
  std::vector<PrecisionFigures> figures;
  for (std::size_t k = 0; k < checkpoints.size(); ++k) {
    figures.push_back(accumulators[k].figures(checkpoints[k], static_cast<int>(trajectories.size())));
  }
  return figures;
}

// The baseline: the same number of items drawn at random from the usable bank.
Trajectory random_form_session(const std::vector<const Item*>& usable, double theta, int length,
                               const std::vector<int>& checkpoints, Rng& rng) {
  std::vector<std::size_t> order(usable.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  shuffle_with(order, rng);
  Trajectory trajectory{theta, {}};
  AbilityPosterior posterior;
  for (int answered = 1; answered <= length && answered <= static_cast<int>(order.size()); ++answered) {
    const auto& item = usable[order[answered - 1]]->parameters;
    posterior.add(item, rng.uniform() < probability_correct(item, theta));
    record_checkpoint(checkpoints, answered, posterior, trajectory);
  }
  return trajectory;
}

// The disciplines the blueprint's areas name: all a simulated exam draws from.
Taxonomy blueprint_taxonomy(const Blueprint& blueprint) {
  std::vector<Discipline> disciplines;
  for (const auto& area : blueprint.areas) {
    for (const auto& id : area.disciplines) disciplines.push_back(Discipline{id, id, "", {}});
  }
  return Taxonomy(std::move(disciplines), blueprint.id);
}

}  // namespace

SimulationReport simulate_adaptive_exam(const std::vector<Item>& items, const Blueprint& blueprint,
                                        const SimulationOptions& options,
                                        const SimulationProgress& progress) {
  if (blueprint.mode != ExamMode::adaptive) {
    throw Error(ErrorCode::invalid_input,
                "blueprint " + blueprint.id + " is not adaptive; simulate needs one that is");
  }
  if (options.simulees < 1) throw Error(ErrorCode::invalid_input, "simulate needs at least one simulee");
  ManualClock clock;
  Store store(":memory:");
  auto entropy_state = std::make_shared<Rng>(options.seed ^ 0x5EED);
  PracticeEngine engine(store, clock, blueprint_taxonomy(blueprint), {blueprint},
                        [entropy_state] { return entropy_state->next(); });
  engine.import_items(items);

  std::unordered_map<std::string, const Item*> by_id;
  std::vector<const Item*> usable;
  for (const auto& stored : engine.items()) {
    by_id[stored.item.id] = &stored.item;
    if (stored.item.usable_in(blueprint.id) && blueprint.area_of(stored.item.discipline))
      usable.push_back(&stored.item);
  }
  SimulationReport report;
  report.blueprint_id = blueprint.id;
  report.bank_size = static_cast<int>(usable.size());
  report.exam_length = blueprint.item_count;
  report.theta_cut = blueprint.scale.theta_cut;
  const auto checkpoints = report_lengths(options, blueprint.item_count);

  Rng rng(options.seed);
  std::map<std::string, int> exposure;
  std::vector<Trajectory> adaptive, random_form;
  double se_sum = 0;
  for (int s = 0; s < options.simulees; ++s) {
    const double theta = options.thetas.empty() ? rng.normal() : options.thetas[s % options.thetas.size()];
    SessionRequest request;
    request.kind = SessionKind::adaptive_exam;
    request.blueprint_id = blueprint.id;
    request.student = "simulee-" + std::to_string(s);
    request.seed = rng.next();
    const auto session = engine.start(request);
    Trajectory trajectory{theta, {}};
    AbilityPosterior posterior;
    int answered = 0;
    while (auto shown = engine.current_item(session.id)) {
      const Item& item = *by_id.at(shown->item_id);
      ++exposure[item.id];
      const bool right = rng.uniform() < probability_correct(item.parameters, theta);
      const int wrong_choice = (item.answer_index + 1) % static_cast<int>(item.options.size());
      engine.answer(session.id, shown->position, right ? item.answer_index : wrong_choice);
      posterior.add(item.parameters, right);
      record_checkpoint(checkpoints, ++answered, posterior, trajectory);
      clock.advance_seconds(60);
    }
    se_sum += trajectory.at_checkpoint.empty() ? 0 : trajectory.at_checkpoint.back().se;
    adaptive.push_back(std::move(trajectory));
    random_form.push_back(random_form_session(usable, theta, blueprint.item_count, checkpoints, rng));
    if (progress) progress(s + 1, options.simulees, se_sum / (s + 1));
  }
  report.adaptive = summarise(adaptive, checkpoints, report.theta_cut);
  report.random_form = summarise(random_form, checkpoints, report.theta_cut);
  int most = 0;
  for (const auto& [id, count] : exposure) most = std::max(most, count);
  report.max_exposure = static_cast<double>(most) / options.simulees;
  report.never_used_share =
      usable.empty() ? 0 : 1.0 - static_cast<double>(exposure.size()) / static_cast<double>(usable.size());
  return report;
}

}  // namespace mltprep
