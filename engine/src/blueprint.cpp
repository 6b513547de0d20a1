#include "mltprep/blueprint.h"

#include <algorithm>
#include <cmath>

#include "blueprint_reader.h"
#include "json_text.h"

namespace mltprep {

double ScoreScale::to_scaled(double theta) const {
  if (std::isnan(theta)) return minimum;
  const double scaled = passing_score + points_per_logit * (theta - theta_cut);
  return std::round(std::clamp(scaled, minimum, maximum));
}

const BlueprintArea* Blueprint::area_of(const std::string& discipline) const {
  for (const auto& area : areas) {
    if (std::find(area.disciplines.begin(), area.disciplines.end(), discipline) != area.disciplines.end()) {
      return &area;
    }
  }
  return nullptr;
}

std::vector<double> Blueprint::target_shares() const {
  std::vector<double> weights;
  for (const auto& area : areas) {
    weights.push_back(mode == ExamMode::adaptive ? (area.min_percent + area.max_percent) / 2.0
                                                 : static_cast<double>(area.item_count));
  }
  double total = 0;
  for (double weight : weights) total += weight;
  // A blueprint whose areas weigh nothing (only possible when built by hand) shares evenly.
  for (auto& weight : weights)
    weight = total > 0 ? weight / total : 1.0 / static_cast<double>(weights.size());
  return weights;
}

std::vector<Blueprint> parse_blueprints(const std::vector<SourceFile>& files, const Taxonomy& taxonomy,
                                        std::vector<SourceProblem>& problems) {
  std::vector<Blueprint> blueprints;
  for (const auto& file : files) {
    const auto before = problems.size();
    const auto root = parse_json_source(file, problems);
    if (!root) continue;
    const JsonKeyLines lines(file.text);
    locate_file_level_problems(problems, before, lines);  // a repeated top-level key
    auto blueprint = read_blueprint(*root, file, lines, taxonomy, problems);
    if (!blueprint || problems.size() != before) continue;
    // Items name blueprints by id in their "exams" lists: an id must mean one blueprint.
    if (const auto* earlier = find_blueprint(blueprints, blueprint->id)) {
      SourceProblem problem;
      problem.file = file.path;
      problem.field = "id";
      problem.message = "blueprint id " + blueprint->id + " is already used by " + earlier->file;
      problem.line = lines.line_of_key("id", 1);
      problems.push_back(std::move(problem));
      continue;
    }
    blueprints.push_back(std::move(*blueprint));
  }
  return blueprints;
}

const Blueprint* find_blueprint(const std::vector<Blueprint>& blueprints, const std::string& id) {
  for (const auto& blueprint : blueprints) {
    if (blueprint.id == id) return &blueprint;
  }
  return nullptr;
}

}  // namespace mltprep
