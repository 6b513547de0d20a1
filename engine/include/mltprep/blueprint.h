// Exam blueprints: data files that say how an exam is assembled and scored.
#pragma once

#include <string>
#include <vector>

#include "mltprep/discipline.h"
#include "mltprep/source_file.h"

namespace mltprep {

enum class ExamMode { adaptive, linear };

struct BlueprintArea {
  std::string id;    // e.g. "blood_banking"
  std::string name;  // e.g. "Blood Banking"
  std::vector<std::string> disciplines;
  // Adaptive blueprints: share of the exam, percent. Linear: exact item count.
  double min_percent = 0;
  double max_percent = 0;
  int item_count = 0;
};

// Linear θ → scaled mapping: scaled = passing_score + points_per_logit·(θ − theta_cut),
// clamped to [minimum, maximum] and rounded to a whole number.
struct ScoreScale {
  double minimum = 0;
  double maximum = 100;
  double passing_score = 70;
  double theta_cut = 0;  // the passing standard, logits
  double points_per_logit = 10;
  bool provisional = true;  // true until a standard-setting study or calibration sets it
  std::string basis;        // how theta_cut and the slope were chosen

  double to_scaled(double theta) const;
};

struct Blueprint {
  std::string id;  // e.g. "ascp-mlt"; items' "exams" lists refer to it
  std::string name;
  std::string file;
  ExamMode mode = ExamMode::adaptive;
  int item_count = 0;
  int time_limit_minutes = 0;
  bool review_allowed = false;  // navigation, flags and answer changes
  int randomesque_k = 5;        // adaptive: draw among the k most informative items
  std::vector<BlueprintArea> areas;
  ScoreScale scale;

  // The area holding a discipline, or nullptr.
  const BlueprintArea* area_of(const std::string& discipline) const;
  // Adaptive: each area's target share (midpoint of its range), normalised to sum to 1.
  // Linear: item_count / total.
  std::vector<double> target_shares() const;
};

// Parses and validates blueprint files, whose areas name disciplines of
// `taxonomy`; appends every problem found and returns the blueprints that had none.
std::vector<Blueprint> parse_blueprints(const std::vector<SourceFile>& files, const Taxonomy& taxonomy,
                                        std::vector<SourceProblem>& problems);

const Blueprint* find_blueprint(const std::vector<Blueprint>& blueprints, const std::string& id);

}  // namespace mltprep
