#include "blueprint_reader.h"

#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "mltprep/discipline.h"

namespace mltprep {
namespace {

// The passing standard must lie within the difficulties the bank rules accept
// (±6 logits), where items can measure near it; the ability grid (±10 logits,
// irt.h) covers it and the posterior on either side.
constexpr double kMaxAbsThetaCut = 6.0;
// Nesting depth of an area's members: top-level object, "areas" array, area object.
constexpr int kAreaDepth = 3;

bool is_lower_or_digit(char c) {
  return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
}

// "ascp-mlt": lower-case words joined by single hyphens, as items' "exams" lists name them.
bool is_blueprint_id(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-' || id.find("--") != std::string::npos) return false;
  for (char c : id) {
    if (!is_lower_or_digit(c) && c != '-') return false;
  }
  return true;
}

// "blood_banking": a lower-case letter, then lower-case letters, digits and underscores.
bool is_area_id(const std::string& id) {
  if (id.empty() || !std::islower(static_cast<unsigned char>(id.front()))) return false;
  for (char c : id) {
    if (!is_lower_or_digit(c) && c != '_') return false;
  }
  return true;
}

std::optional<int> read_count(const Json& object, const std::string& key, const Reporter& reporter,
                              long long minimum, Presence presence = Presence::required) {
  const auto value = read_integer(object, key, reporter, presence);
  if (!value) return std::nullopt;
  if (*value < minimum) {
    reporter.report(key, "must be at least " + std::to_string(minimum));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<ExamMode> read_mode(const Json& root, const Reporter& reporter) {
  const auto text = read_string(root, "mode", reporter);
  if (!text) return std::nullopt;
  if (*text == "adaptive") return ExamMode::adaptive;
  if (*text == "linear") return ExamMode::linear;
  reporter.report("mode", "\"" + *text + "\" is not one of adaptive, linear");
  return std::nullopt;
}

// What the areas read so far have claimed: ids, and which area holds each discipline.
struct AreaClaims {
  const Taxonomy& taxonomy;  // the disciplines areas may name
  std::optional<ExamMode> mode;
  std::map<std::string, int> id_uses;
  std::map<std::string, std::string> area_of_discipline;
};

bool read_percent(const Json& area, const Reporter& reporter, BlueprintArea& out) {
  const Json* value = find_member(area, "percent", reporter, Presence::required);
  if (!value) return false;
  if (!value->is_array() || value->size() != 2 || !(*value)[0].is_number() || !(*value)[1].is_number()) {
    reporter.report("percent", "must be [minimum, maximum], two numbers");
    return false;
  }
  out.min_percent = (*value)[0].get<double>();
  out.max_percent = (*value)[1].get<double>();
  if (!(0 <= out.min_percent && out.min_percent <= out.max_percent && out.max_percent <= 100)) {
    reporter.report("percent", "must satisfy 0 <= minimum <= maximum <= 100");
    return false;
  }
  return true;
}

// Adaptive areas take a percent range, linear ones an item count; never both.
bool read_weight(const Json& area, const Reporter& reporter, const AreaClaims& claims, BlueprintArea& out) {
  if (!claims.mode) return true;  // the mode's own problem is reported already
  if (*claims.mode == ExamMode::adaptive) {
    const bool stray = area.contains("items");
    if (stray) reporter.report("items", "an adaptive blueprint's areas take \"percent\", not an item count");
    return read_percent(area, reporter, out) && !stray;
  }
  const bool stray = area.contains("percent");
  if (stray) reporter.report("percent", "a linear blueprint's areas take \"items\", not a percent range");
  const auto count = read_count(area, "items", reporter, 1);
  out.item_count = count.value_or(0);
  return count && !stray;
}

bool read_disciplines(const Json& area, const Reporter& reporter, AreaClaims& claims, BlueprintArea& out) {
  auto list = read_strings(area, "disciplines", reporter, 1);
  if (!list) return false;
  bool good = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& discipline = (*list)[i];
    const auto field = "disciplines[" + std::to_string(i) + "]";
    if (!claims.taxonomy.find(discipline)) {
      reporter.report(field, "unknown discipline \"" + discipline + "\"");
      good = false;
      continue;
    }
    const auto [owner, inserted] = claims.area_of_discipline.emplace(discipline, out.id);
    if (!inserted) {
      reporter.report(
          field, discipline + " is already in area " + owner->second + "; a discipline belongs to one area");
      good = false;
    }
  }
  out.disciplines = std::move(*list);
  return good;
}

std::optional<BlueprintArea> read_area(const Json& area, std::size_t index, const Reporter& file_reporter,
                                       const JsonKeyLines& lines, AreaClaims& claims) {
  const auto label = "areas[" + std::to_string(index) + "]";
  if (!area.is_object()) {
    file_reporter.report(label, "must be an object, not " + json_type_phrase(area));
    return std::nullopt;
  }
  Reporter reporter = file_reporter.nested(label + ".");
  reporter.subject = "area";
  const auto before = reporter.count();
  BlueprintArea out;
  if (const auto id = read_string(area, "id", reporter)) {
    out.id = *id;
    reporter.item_id = *id;
    reporter.line = lines.line_of_member("id", *id, kAreaDepth, claims.id_uses[*id]++);
    if (!is_area_id(*id))
      reporter.report("id", "must be lower-case letters, digits and _, e.g. blood_banking");
    if (claims.id_uses[*id] > 1) reporter.report("id", "another area already has this id");
  }
  report_unknown_fields(area, {"id", "name", "disciplines", "percent", "items"}, reporter);
  out.name = read_string(area, "name", reporter).value_or("");
  read_disciplines(area, reporter, claims, out);
  read_weight(area, reporter, claims, out);
  if (reporter.count() != before) return std::nullopt;
  return out;
}

std::optional<std::vector<BlueprintArea>> read_areas(const Json& root, const Reporter& reporter,
                                                     const JsonKeyLines& lines, AreaClaims& claims) {
  const Json* areas = find_member(root, "areas", reporter, Presence::required);
  if (!areas) return std::nullopt;
  if (!areas->is_array() || areas->empty()) {
    reporter.report("areas", "must be a non-empty array of areas");
    return std::nullopt;
  }
  std::vector<BlueprintArea> result;
  bool good = true;
  for (std::size_t i = 0; i < areas->size(); ++i) {
    auto area = read_area((*areas)[i], i, reporter, lines, claims);
    if (area) result.push_back(std::move(*area));
    good = good && area.has_value();
  }
  if (!good) return std::nullopt;
  return result;
}

std::string number_text(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

// Adaptive: the ranges must admit a mix summing to 100 %. Linear: counts fill the form exactly.
void check_totals(const std::vector<BlueprintArea>& areas, ExamMode mode, std::optional<int> item_count,
                  const Reporter& reporter) {
  double low = 0, high = 0;
  int items = 0;
  for (const auto& area : areas) {
    low += area.min_percent;
    high += area.max_percent;
    items += area.item_count;
  }
  if (mode == ExamMode::adaptive && low > 100) {
    reporter.report("areas", "the minimum percents sum to " + number_text(low) + ", above 100");
  }
  if (mode == ExamMode::adaptive && high < 100) {
    reporter.report("areas", "the maximum percents sum to " + number_text(high) + ", below 100");
  }
  if (mode == ExamMode::linear && item_count && items != *item_count) {
    reporter.report("areas", "the areas' items sum to " + std::to_string(items) + ", but item_count is " +
                                 std::to_string(*item_count));
  }
}

std::optional<ScoreScale> read_scale(const Json& root, const Reporter& reporter) {
  const Json* scale = find_member(root, "scale", reporter, Presence::required);
  if (!scale) return std::nullopt;
  if (!scale->is_object()) {
    reporter.report("scale", "must be an object, not " + json_type_phrase(*scale));
    return std::nullopt;
  }
  const auto inner = reporter.nested("scale.");
  const auto before = reporter.count();
  report_unknown_fields(
      *scale,
      {"minimum", "maximum", "passing_score", "theta_cut", "points_per_logit", "provisional", "basis"},
      inner);
  const auto minimum = read_number(*scale, "minimum", inner);
  const auto maximum = read_number(*scale, "maximum", inner);
  const auto passing = read_number(*scale, "passing_score", inner);
  const auto theta_cut = read_number(*scale, "theta_cut", inner);
  const auto slope = read_number(*scale, "points_per_logit", inner);
  const auto provisional = read_bool(*scale, "provisional", inner);
  const auto basis = read_string(*scale, "basis", inner);
  if (minimum && maximum && !(*minimum < *maximum)) inner.report("maximum", "must be above minimum");
  if (minimum && maximum && passing && (*passing < *minimum || *passing > *maximum)) {
    inner.report("passing_score", "must lie within minimum and maximum");
  }
  if (theta_cut && std::abs(*theta_cut) > kMaxAbsThetaCut)
    inner.report("theta_cut", "must be within -6 to +6 logits");
  if (slope && *slope <= 0) inner.report("points_per_logit", "must be above 0");
  if (reporter.count() != before) return std::nullopt;
  return ScoreScale{*minimum, *maximum, *passing, *theta_cut, *slope, *provisional, *basis};
}

}  // namespace

std::optional<Blueprint> read_blueprint(const Json& root, const SourceFile& file, const JsonKeyLines& lines,
                                        const Taxonomy& taxonomy, std::vector<SourceProblem>& problems) {
  const Reporter reporter(problems, file.path);
  if (!root.is_object()) {
    reporter.report("", "a blueprint file must be an object, not " + json_type_phrase(root));
    return std::nullopt;
  }
  const auto before = reporter.count();
  report_unknown_fields(root,
                        {"$schema", "id", "name", "mode", "item_count", "time_limit_minutes",
                         "review_allowed", "randomesque_k", "areas", "scale"},
                        reporter);
  const auto id = read_string(root, "id", reporter);
  if (id && !is_blueprint_id(*id))
    reporter.report("id", "must be lower-case words joined by hyphens, e.g. ascp-mlt");
  const auto name = read_string(root, "name", reporter);
  AreaClaims claims{taxonomy, read_mode(root, reporter), {}, {}};
  const auto item_count = read_count(root, "item_count", reporter, 1);
  const auto time_limit = read_count(root, "time_limit_minutes", reporter, 1);
  const auto review = read_bool(root, "review_allowed", reporter);
  const auto k = read_count(root, "randomesque_k", reporter, 1, Presence::optional);
  const auto areas = read_areas(root, reporter, lines, claims);
  if (areas && claims.mode) check_totals(*areas, *claims.mode, item_count, reporter);
  const auto scale = read_scale(root, reporter);
  locate_file_level_problems(problems, before, lines);
  if (reporter.count() != before) return std::nullopt;

  Blueprint blueprint;
  blueprint.id = *id;
  blueprint.name = *name;
  blueprint.file = file.path;
  blueprint.mode = *claims.mode;
  blueprint.item_count = *item_count;
  blueprint.time_limit_minutes = *time_limit;
  blueprint.review_allowed = *review;
  blueprint.randomesque_k = k.value_or(blueprint.randomesque_k);
  blueprint.areas = *areas;
  blueprint.scale = *scale;
  return blueprint;
}

}  // namespace mltprep
