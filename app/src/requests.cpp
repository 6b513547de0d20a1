#include "mltprep/app/requests.h"

#include <climits>

#include "mltprep/error.h"

namespace mltprep::app {
namespace {

Error bad_field(const std::string& field, const std::string& expected) {
  return Error(ErrorCode::invalid_input, field + " must be " + expected);
}

Error bad_word(const std::string& field, const std::string& choices, const std::string& given) {
  return Error(ErrorCode::invalid_input, field + " must be " + choices + ", not '" + given + "'");
}

std::optional<std::string> optional_string(const Json& body, const char* field) {
  if (!body.contains(field)) return std::nullopt;
  if (!body[field].is_string()) throw bad_field(field, "a string");
  return body[field].get<std::string>();
}

std::vector<std::string> string_list(const Json& body, const char* field) {
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

}  // namespace

Json parse_request_body(const std::string& body) {
  if (body.empty()) return Json::object();
  Json parsed;
  try {
    parsed = Json::parse(body);
  } catch (const Json::exception& e) {
    throw Error(ErrorCode::invalid_input, std::string("malformed JSON in the request body: ") + e.what());
  }
  try {
    (void)parsed.dump();  // the parser passes bytes through strings; writing them back checks UTF-8
  } catch (const Json::exception&) {
    throw Error(ErrorCode::invalid_input, "the request body is not valid UTF-8");
  }
  return parsed;
}

int required_int(const Json& body, const char* field) {
  const bool present = body.is_object() && body.contains(field);
  if (present && body[field].is_number_integer()) {
    const auto& value = body[field];
    if (value.is_number_unsigned()
            ? value.get<std::uint64_t>() <= INT_MAX
            : value.get<std::int64_t>() >= INT_MIN && value.get<std::int64_t>() <= INT_MAX) {
      return value.get<int>();
    }
  }
  throw bad_field(field, "a whole number from " + std::to_string(INT_MIN) + " to " + std::to_string(INT_MAX));
}

bool required_bool(const Json& body, const char* field) {
  if (!body.is_object() || !body.contains(field) || !body[field].is_boolean())
    throw bad_field(field, "true or false");
  return body[field].get<bool>();
}

SessionRequest session_request_from(const Json& body) {
  if (!body.is_object()) throw Error(ErrorCode::invalid_input, "the request body must be a JSON object");
  SessionRequest request;
  request.kind = session_kind_named(optional_string(body, "kind").value_or(""));
  request.student = optional_string(body, "student").value_or("");
  request.blueprint_id = optional_string(body, "blueprint").value_or("");
  request.filter.disciplines = string_list(body, "disciplines");
  request.filter.topics = string_list(body, "topics");
  if (body.contains("item_ids")) {
    throw Error(ErrorCode::invalid_input,
                "item_ids is not accepted: retake a finished session's missed items with "
                "POST /api/sessions/{id}/retake");
  }
  if (const auto level = optional_string(body, "level")) request.filter.level = level_named(*level);
  if (const auto difficulty = optional_string(body, "difficulty")) {
    request.filter.difficulty = difficulty_named(*difficulty);
  }
  if (body.contains("count")) request.item_count = required_int(body, "count");
  if (body.contains("time_multiplier")) {
    if (!body["time_multiplier"].is_number()) throw bad_field("time_multiplier", "a number");
    request.time_multiplier = body["time_multiplier"].get<double>();
  }
  return request;
}

SessionKind session_kind_named(const std::string& text) {
  if (const auto kind = parse_kind(text)) return *kind;
  throw bad_word("kind", "adaptive_exam, linear_exam or drill", text);
}

CognitiveLevel level_named(const std::string& text) {
  if (const auto level = parse_level(text)) return *level;
  throw bad_word("level", "recall, application or analysis", text);
}

AuthorDifficulty difficulty_named(const std::string& text) {
  if (const auto difficulty = parse_difficulty(text)) return *difficulty;
  throw bad_word("difficulty", "easy, medium or hard", text);
}

ImportFormat import_format_named(const std::string& text) {
  if (const auto format = parse_import_format(text)) return *format;
  throw bad_word("from", "gift, aiken or csv", text);
}

ExportFormat export_format_named(const std::string& text) {
  if (const auto format = parse_export_format(text)) return *format;
  throw bad_word("to", "gift, moodle-xml or qti", text);
}

int whole_number(const std::string& text, const char* field) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used == text.size() && value >= INT_MIN && value <= INT_MAX) return static_cast<int>(value);
  } catch (const std::exception&) {
  }
  throw Error(ErrorCode::invalid_input, std::string(field) + " must be a whole number, not '" + text + "'");
}

int min_responses(int count) {
  if (count < 1) throw Error(ErrorCode::invalid_input, "min-responses must be at least 1");
  return count;
}

}  // namespace mltprep::app
