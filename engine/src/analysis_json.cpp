#include "mltprep/analysis_json.h"

#include <nlohmann/json.hpp>

namespace mltprep {
namespace {

using nlohmann::json;

json statistics_json(const ItemStatistics& stats) {
  const auto& item = stats.item.item;
  json choices = json::object();
  for (std::size_t i = 0; i < stats.choice_counts.size(); ++i) {
    choices[std::string(1, option_letter(static_cast<int>(i)))] = stats.choice_counts[i];
  }
  return {{"id", item.id},
          {"version", stats.item.version},
          {"bank", item.bank},
          {"discipline", item.discipline},
          {"key", std::string(1, option_letter(item.answer_index))},
          {"responses", stats.responses},
          {"facility", stats.facility},
          {"discrimination", stats.discrimination ? json(*stats.discrimination) : json()},
          {"choices", choices},
          {"median_seconds", stats.median_seconds},
          {"flags", stats.flags}};
}

}  // namespace

std::string item_analysis_to_json(const ItemAnalysis& analysis, int indent) {
  json items = json::array(), forms = json::array();
  for (const auto& stats : analysis.items) items.push_back(statistics_json(stats));
  for (const auto& form : analysis.forms) {
    forms.push_back({{"blueprint", form.blueprint_id},
                     {"items", form.item_count},
                     {"sessions", form.sessions},
                     {"alpha", form.alpha ? json(*form.alpha) : json()}});
  }
  const json out = {
      {"sessions", analysis.sessions}, {"responses", analysis.responses}, {"items", items}, {"forms", forms}};
  return out.dump(indent);
}

std::string item_statistics_to_json(const ItemStatistics& stats, int indent) {
  return statistics_json(stats).dump(indent);
}

std::string calibration_to_json(const Calibration& calibration, bool applied, int indent) {
  json items = json::array(), skipped = json::array();
  for (const auto& entry : calibration.items) {
    const auto& current = entry.current.item.parameters;
    items.push_back(
        {{"id", entry.current.item.id},
         {"version", entry.current.version},
         {"responses", entry.estimate.responses},
         {"current_b", current.b},
         {"current_source", current.calibrated ? current.source : "provisional (author estimate)"},
         {"b", entry.estimate.difficulty},
         {"se", entry.estimate.standard_error},
         {"infit", entry.estimate.infit},
         {"outfit", entry.estimate.outfit},
         {"misfit", entry.estimate.misfit()}});
  }
  for (const auto& item : calibration.skipped) {
    skipped.push_back({{"id", item.id}, {"responses", item.responses}, {"reason", item.reason}});
  }
  const auto& estimates = calibration.estimates;
  const json out = {{"method", "Rasch, joint maximum likelihood"},
                    {"sessions", calibration.sessions},
                    {"sessions_extreme", estimates.persons_extreme},
                    {"origin", calibration.origin},
                    {"iterations", estimates.iterations},
                    {"converged", estimates.converged},
                    {"applied", applied},
                    {"items", items},
                    {"skipped", skipped}};
  return out.dump(indent);
}

}  // namespace mltprep
