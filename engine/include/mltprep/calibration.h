// Rasch calibration of item difficulties from stored responses by joint
// maximum likelihood over the observed responses only, so the sparse data
// of adaptive exams can be used (docs/item-analysis.md, "Calibration").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mltprep/store.h"

namespace mltprep {

struct RaschResponse {
  int person = 0;  // 0-based
  int item = 0;    // 0-based
  bool correct = false;
};

struct RaschOptions {
  int max_iterations = 500;
  double tolerance = 1e-4;  // converged when no estimate moves more than this (logits) in an iteration
  double origin = 0;        // the mean difficulty of the estimated items
};

struct RaschItemEstimate {
  bool estimated = false;  // false: every response right, or every one wrong (no finite estimate)
  int responses = 0;       // from persons with finite estimates
  double difficulty = 0;
  double standard_error = 0;
  double infit = 0;   // information-weighted mean square
  double outfit = 0;  // unweighted mean square
  bool misfit() const { return estimated && (infit < 0.7 || infit > 1.3); }  // flagged for review
};

struct RaschEstimates {
  std::vector<RaschItemEstimate> items;
  int persons_used = 0;
  int persons_extreme = 0;  // all right or all wrong on what they answered: left out
  int iterations = 0;
  bool converged = false;
};

// Joint maximum likelihood (Wright & Stone 1979): alternate Newton steps for
// abilities and difficulties (at most 1 logit each) until no estimate moves
// more than `tolerance`; persons and items with extreme scores are removed
// first, repeatedly, as they have no finite estimate. Difficulties are then
// centred on `origin` and multiplied by (L − 1) / L around it, L the mean
// number of items per person (Wright's correction of the JML bias).
RaschEstimates estimate_rasch(int person_count, int item_count, const std::vector<RaschResponse>& responses,
                              const RaschOptions& options);

struct CalibrationOptions {
  int min_responses = 30;  // items with fewer responses are skipped
  RaschOptions rasch;      // origin is set from the items' current difficulties
};

struct CalibratedItem {
  StoredItem current;  // the version calibrated
  RaschItemEstimate estimate;
};

struct SkippedItem {
  std::string id;
  int responses = 0;
  std::string reason;
};

struct Calibration {
  std::vector<CalibratedItem> items;
  std::vector<SkippedItem> skipped;
  RaschEstimates estimates;
  int sessions = 0;
  double origin = 0;
};

// Calibrates the current version of every item from the sessions' final
// answers to that version. The origin is the mean current difficulty of the
// items calibrated, so the scale (and each blueprint's passing standard)
// keeps its meaning.
Calibration calibrate_items(const Store& store, const CalibrationOptions& options);

// The calibrated items with their new values, source and n, to import as new
// versions (PracticeEngine::import_items, so the next session uses them);
// past responses keep pointing at the versions they were given with.
// `source` names the method and date, e.g. "rasch-jml 2026-11-30".
std::vector<Item> calibrated_versions(const Calibration& calibration, const std::string& source);

}  // namespace mltprep
