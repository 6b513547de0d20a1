#include "api_json.h"

#include "mltprep/discipline.h"
#include "mltprep/error.h"
#include "mltprep/report_json.h"

namespace mltprep::api {
namespace {

using nlohmann::json;

Error bad_field(const char* field, const std::string& expected) {
  return Error(ErrorCode::invalid_input, std::string("field '") + field + "' must be " + expected);
}

std::string optional_string(const json& body, const char* field, const std::string& fallback) {
  if (!body.contains(field)) return fallback;
  if (!body[field].is_string()) throw bad_field(field, "a string");
  return body[field].get<std::string>();
}

std::vector<std::string> string_list(const json& body, const char* field) {
  if (!body.contains(field)) return {};
  const auto& value = body[field];
  if (!value.is_array()) throw bad_field(field, "an array of strings");
  std::vector<std::string> list;
  for (const auto& entry : value) {
    if (!entry.is_string()) throw bad_field(field, "an array of strings");
    list.push_back(entry.get<std::string>());
  }
  return list;
}

json optional_time(const std::optional<TimeMs>& time) { return time ? json(*time) : json(nullptr); }

}  // namespace

int required_int(const json& body, const char* field) {
  if (!body.contains(field) || !body[field].is_number_integer()) throw bad_field(field, "a whole number");
  return body[field].get<int>();
}

bool required_bool(const json& body, const char* field) {
  if (!body.contains(field) || !body[field].is_boolean()) throw bad_field(field, "true or false");
  return body[field].get<bool>();
}

SessionRequest session_request_from(const json& body) {
  if (!body.is_object()) throw Error(ErrorCode::invalid_input, "the request body must be a JSON object");
  SessionRequest request;
  const auto kind = parse_kind(optional_string(body, "kind", ""));
  if (!kind) throw bad_field("kind", "adaptive_exam, linear_exam or drill");
  request.kind = *kind;
  request.student = optional_string(body, "student", "");
  request.blueprint_id = optional_string(body, "blueprint", "ascp-mlt");
  request.filter.disciplines = string_list(body, "disciplines");
  request.filter.topics = string_list(body, "topics");
  request.item_ids = string_list(body, "item_ids");
  if (body.contains("level")) {
    request.filter.level = parse_level(optional_string(body, "level", ""));
    if (!request.filter.level) throw bad_field("level", "recall, application or analysis");
  }
  if (body.contains("difficulty")) {
    request.filter.difficulty = parse_difficulty(optional_string(body, "difficulty", ""));
    if (!request.filter.difficulty) throw bad_field("difficulty", "easy, medium or hard");
  }
  if (body.contains("count")) request.item_count = required_int(body, "count");
  if (body.contains("time_multiplier")) {
    if (!body["time_multiplier"].is_number()) throw bad_field("time_multiplier", "a number");
    request.time_multiplier = body["time_multiplier"].get<double>();
  }
  return request;
}

json session_json(const SessionInfo& session) { return json::parse(session_to_json(session, -1)); }

json item_json(const PresentedItem& item) {
  return {{"position", item.position},
          {"item_count", item.item_count},
          {"item_id", item.item_id},
          {"discipline", item.discipline},
          {"stem", item.stem},
          {"options", item.options},
          {"chosen", item.chosen ? json(*item.chosen) : json(nullptr)},
          {"flagged", item.flagged},
          {"remaining_ms", optional_time(item.remaining_ms)}};
}

json outcome_json(const AnswerOutcome& outcome) {
  json out = {{"position", outcome.position},
              {"choice", outcome.choice},
              {"session_finished", outcome.session_finished}};
  if (outcome.correct) {
    out["correct"] = *outcome.correct;
    out["key"] = *outcome.key;
    out["explanation"] = outcome.explanation;
    out["references"] = outcome.references;
  }
  return out;
}

json form_json(const std::vector<FormEntry>& form) {
  json out = json::array();
  for (const auto& entry : form) {
    out.push_back({{"position", entry.position}, {"answered", entry.answered}, {"flagged", entry.flagged}});
  }
  return out;
}

json blueprint_json(const Blueprint& blueprint) {
  json areas = json::array();
  for (const auto& area : blueprint.areas) {
    areas.push_back({{"id", area.id}, {"name", area.name}, {"disciplines", area.disciplines}});
  }
  return {{"id", blueprint.id},
          {"name", blueprint.name},
          {"mode", blueprint.mode == ExamMode::adaptive ? "adaptive" : "linear"},
          {"item_count", blueprint.item_count},
          {"time_limit_minutes", blueprint.time_limit_minutes},
          {"review_allowed", blueprint.review_allowed},
          {"areas", areas},
          {"scale",
           {{"minimum", blueprint.scale.minimum},
            {"maximum", blueprint.scale.maximum},
            {"passing_score", blueprint.scale.passing_score},
            {"provisional", blueprint.scale.provisional}}}};
}

}  // namespace mltprep::api
