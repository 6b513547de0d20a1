#include "instructor_json.h"

#include "mltprep/analysis_json.h"
#include "mltprep/bank.h"

namespace mltprep::api {
namespace {

using nlohmann::json;

json statistics_or_null(const ItemStatistics* stats) {
  return stats ? json::parse(item_statistics_to_json(*stats, -1)) : json(nullptr);
}

json difficulty_json(const ItemParameters& parameters) {
  return {{"b", parameters.b},
          {"calibrated", parameters.calibrated},
          {"source", parameters.calibrated ? parameters.source : "author estimate (provisional)"},
          {"n", parameters.calibration_n}};
}

}  // namespace

json item_summary_json(const StoredItem& stored, const ItemStatistics* stats) {
  const auto& item = stored.item;
  return {{"id", item.id},
          {"version", stored.version},
          {"bank", item.bank},
          {"discipline", item.discipline},
          {"topics", item.topics},
          {"level", level_name(item.level)},
          {"difficulty", difficulty_name(item.difficulty)},
          {"measurement", difficulty_json(item.parameters)},
          {"retired", stored.retired},
          {"stem", item.stem},
          {"stats", statistics_or_null(stats)}};
}

json item_detail_json(const StoredItem& stored, const ItemStatistics* stats) {
  return {{"item", json::parse(item_to_json(stored.item))},
          {"version", stored.version},
          {"bank", stored.item.bank},
          {"retired", stored.retired},
          {"measurement", difficulty_json(stored.item.parameters)},
          {"stats", statistics_or_null(stats)}};
}

json problems_json(const std::vector<SourceProblem>& problems) {
  json out = json::array();
  for (const auto& problem : problems) {
    out.push_back({{"field", problem.field}, {"message", problem.message}, {"text", describe(problem)}});
  }
  return out;
}

}  // namespace mltprep::api
