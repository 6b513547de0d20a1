#include "json_fields.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace mltprep {
namespace {

// std::isspace in the "C" locale, without a library call per character.
bool is_blank(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Levenshtein distance, for "did you mean" on misspelt field names.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string wrong_type(const char* wanted, const Json& value) {
  return std::string("must be ") + wanted + ", not " + json_type_phrase(value);
}

}  // namespace

void Reporter::report(const std::string& field, const std::string& message) const {
  SourceProblem problem;
  problem.file = file;
  problem.item_id = item_id;
  problem.subject = subject;
  problem.field = prefix + field;
  problem.message = message;
  problem.line = line;
  problems->push_back(std::move(problem));
}

Reporter Reporter::nested(const std::string& more_prefix) const {
  Reporter inner = *this;
  inner.prefix += more_prefix;
  return inner;
}

std::string json_type_phrase(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "true or false";
    case Json::value_t::binary:
      return "binary data";
    case Json::value_t::discarded:
      return "nothing";
    default:
      return "a number";
  }
}

const Json* find_member(const Json& object, const std::string& key, const Reporter& reporter,
                        Presence presence) {
  const auto found = object.find(key);
  if (found != object.end()) return &*found;
  if (presence == Presence::required) reporter.report(key, "required field is missing");
  return nullptr;
}

std::optional<std::string> read_string(const Json& object, const std::string& key, const Reporter& reporter,
                                       Presence presence, bool allow_empty) {
  const Json* value = find_member(object, key, reporter, presence);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    reporter.report(key, wrong_type("a string", *value));
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  if (!allow_empty && is_blank_only(text)) {
    reporter.report(key, "must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<double> read_number(const Json& object, const std::string& key, const Reporter& reporter,
                                  Presence presence) {
  const Json* value = find_member(object, key, reporter, presence);
  if (!value) return std::nullopt;
  if (!value->is_number()) {
    reporter.report(key, wrong_type("a number", *value));
    return std::nullopt;
  }
  const auto number = value->get<double>();
  if (!std::isfinite(number)) {  // the parser refuses 1e999, but a DOM built in code may hold infinity
    reporter.report(key, "must be a finite number");
    return std::nullopt;
  }
  return number;
}

std::optional<long long> read_integer(const Json& object, const std::string& key, const Reporter& reporter,
                                      Presence presence) {
  const Json* value = find_member(object, key, reporter, presence);
  if (!value) return std::nullopt;
  if (value->is_number_unsigned() && value->get<unsigned long long>() > 1'000'000'000ULL) {
    reporter.report(key, "is too large");
    return std::nullopt;
  }
  if (!value->is_number_integer()) {
    reporter.report(key,
                    value->is_number() ? "must be a whole number" : wrong_type("a whole number", *value));
    return std::nullopt;
  }
  return value->get<long long>();
}

std::optional<bool> read_bool(const Json& object, const std::string& key, const Reporter& reporter,
                              Presence presence) {
  const Json* value = find_member(object, key, reporter, presence);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    reporter.report(key, wrong_type("true or false", *value));
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::vector<std::string>> read_strings(const Json& object, const std::string& key,
                                                     const Reporter& reporter, std::size_t min_items,
                                                     Presence presence, bool allow_empty) {
  const Json* value = find_member(object, key, reporter, presence);
  if (!value) return std::nullopt;
  if (!value->is_array()) {
    reporter.report(key, wrong_type("an array of strings", *value));
    return std::nullopt;
  }
  std::vector<std::string> texts;
  texts.reserve(value->size());
  bool all_good = true;
  const auto field = [&key](std::size_t i) { return key + "[" + std::to_string(i) + "]"; };
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto& element = (*value)[i];
    if (!element.is_string()) {
      reporter.report(field(i), wrong_type("a string", element));
      all_good = false;
    } else if (!allow_empty && is_blank_only(element.get_ref<const std::string&>())) {
      reporter.report(field(i), "must not be empty");
      all_good = false;
    } else {
      texts.push_back(element.get_ref<const std::string&>());
    }
  }
  if (value->size() < min_items) {
    reporter.report(key,
                    "needs at least " + std::to_string(min_items) + (min_items == 1 ? " entry" : " entries"));
    all_good = false;
  }
  if (!all_good) return std::nullopt;
  return texts;
}

void report_unknown_fields(const Json& object, std::initializer_list<const char*> known,
                           const Reporter& reporter) {
  for (const auto& [name, value] : object.items()) {
    if (std::any_of(known.begin(), known.end(), [&](const char* k) { return name == k; })) continue;
    std::string message = "unknown field";
    std::size_t best = 3;  // further than two edits is not a typo
    for (const char* candidate : known) {
      const auto distance = edit_distance(name, candidate);
      if (distance < best) {
        best = distance;
        message = std::string("unknown field; did you mean \"") + candidate + "\"?";
      }
    }
    reporter.report(name, message);
  }
}

bool is_blank_only(const std::string& text) { return std::all_of(text.begin(), text.end(), is_blank); }

std::string comparison_key(const std::string& text) {
  std::string key;
  key.reserve(text.size());
  bool pending_blank = false;
  for (char c : text) {
    if (is_blank(c)) {
      pending_blank = !key.empty();  // blanks before the first character are trimmed, and after the last
      continue;
    }
    if (pending_blank) key += ' ';
    pending_blank = false;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;  // ASCII only, whatever the locale
  }
  return key;
}

}  // namespace mltprep
