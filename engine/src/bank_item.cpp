#include "bank_item.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "mltprep/discipline.h"

namespace mltprep {
namespace {

// docs/design.md, "Bank format": 4 options for MLT style, 3-6 accepted.
constexpr std::size_t kMinOptions = 3;
constexpr std::size_t kMaxOptions = 6;
// Stored items need only fit the letters an answer can name.
constexpr std::size_t kMaxStoredOptions = 26;
// The calibrated parameters the ability grid (irt.h: ±10 logits, step 0.05)
// estimates within 0.005 logits for every response pattern of up to 500 items
// (docs/measurement.md, "Ability estimates"). A steeper item narrows the
// posterior below what the grid's step resolves; 4 on the D = 1 scale is
// about 2.35 on the normal-ogive (D = 1.7) scale, steeper than calibrations
// usually give.
constexpr double kMaxAbsDifficulty = 6.0;
constexpr double kMaxDiscrimination = 4.0;

bool is_id_shaped(const std::string& id, std::size_t hyphen) {
  if (hyphen == std::string::npos || hyphen == 0 || hyphen + 1 == id.size()) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    if (i < hyphen && !std::isupper(c)) return false;
    if (i > hyphen && !std::isdigit(c)) return false;
  }
  return true;
}

// An id is the discipline's prefix, a hyphen and digits, e.g. HEM-0001.
void check_id(const std::string& id, const Discipline* known, const Reporter& reporter) {
  const auto hyphen = id.find('-');
  const std::string example = (known ? known->id_prefix : std::string("HEM")) + "-0001";
  if (!is_id_shaped(id, hyphen)) {
    reporter.report("id",
                    "\"" + id + "\" must be the discipline's prefix, a hyphen and digits, e.g. " + example);
  } else if (known && id.substr(0, hyphen) != known->id_prefix) {
    reporter.report("id", "prefix " + id.substr(0, hyphen) + " does not match discipline " + known->id +
                              ", whose item ids start with " + known->id_prefix + "-");
  }
}

std::optional<std::string> read_discipline(const Json& object, const Reporter& reporter,
                                           const Taxonomy* taxonomy) {
  auto text = read_string(object, "discipline", reporter);
  if (text && taxonomy && !taxonomy->find(*text)) {
    reporter.report("discipline",
                    "unknown discipline \"" + *text + "\"; expected one of " + taxonomy->id_list());
    return std::nullopt;
  }
  return text;
}

// A field whose value is one word of a fixed vocabulary ("recall", "easy", ...).
template <typename Value>
std::optional<Value> read_word(const Json& object, const std::string& key, const Reporter& reporter,
                               std::optional<Value> (*parse)(const std::string&), const char* choices) {
  const auto text = read_string(object, key, reporter);
  if (!text) return std::nullopt;
  auto value = parse(*text);
  if (!value) reporter.report(key, "\"" + *text + "\" is not one of " + choices);
  return value;
}

// The options array's length, when it is an array at all; the answer is checked against it.
std::optional<std::size_t> option_count(const Json& object) {
  const auto found = object.find("options");
  if (found == object.end() || !found->is_array()) return std::nullopt;
  return found->size();
}

// An item has at most six options: comparing each with those before it is cheapest.
bool report_duplicate_options(const std::vector<std::string>& options, const Reporter& reporter) {
  std::vector<std::string> keys;
  keys.reserve(options.size());
  bool unique = true;
  for (std::size_t i = 0; i < options.size(); ++i) {
    keys.push_back(comparison_key(options[i]));
    const auto earlier = std::find(keys.begin(), keys.end() - 1, keys.back()) - keys.begin();
    if (static_cast<std::size_t>(earlier) == i) continue;
    reporter.report("options[" + std::to_string(i) + "]",
                    "same text as options[" + std::to_string(earlier) + "] (ignoring case and spacing)");
    unique = false;
  }
  return unique;
}

std::optional<std::vector<std::string>> read_options(const Json& object, const Reporter& reporter,
                                                     ItemRules rules) {
  const bool authored = rules == ItemRules::authored;
  auto options = read_strings(object, "options", reporter, 0, Presence::required, !authored);
  const auto count = option_count(object);
  if (!count) return std::nullopt;
  const std::size_t low = authored ? kMinOptions : 1;
  const std::size_t high = authored ? kMaxOptions : kMaxStoredOptions;
  if (*count < low || *count > high) {
    reporter.report("options", "has " + std::to_string(*count) + " options; an item needs " +
                                   std::to_string(low) + " to " + std::to_string(high));
    return std::nullopt;
  }
  if (options && authored && !report_duplicate_options(*options, reporter)) return std::nullopt;
  return options;
}

std::optional<int> read_answer(const Json& object, const Reporter& reporter,
                               std::optional<std::size_t> options) {
  const auto text = read_string(object, "answer", reporter);
  if (!text) return std::nullopt;
  if (text->size() != 1 || !std::isupper(static_cast<unsigned char>((*text)[0]))) {
    reporter.report("answer", "\"" + *text + "\" must be the capital letter of one option (A-F)");
    return std::nullopt;
  }
  const int index = (*text)[0] - 'A';
  if (options && static_cast<std::size_t>(index) >= *options) {
    const std::string last(1, option_letter(static_cast<int>(*options) - 1));
    reporter.report("answer", "\"" + *text + "\" is not among the item's " + std::to_string(*options) +
                                  " options (A-" + last + ")");
    return std::nullopt;
  }
  return index;
}

void check_range(const std::optional<double>& value, bool in_range, const Reporter& reporter, const char* key,
                 const char* rule) {
  if (value && !in_range) reporter.report(key, std::string("must be ") + rule);
}

// The calibrated parameters of an "irt" object: 3PL on the logit scale (D = 1).
std::optional<ItemParameters> read_irt(const Json& irt, const Reporter& reporter, ItemRules rules) {
  if (!irt.is_object()) {
    reporter.report("irt", "must be an object {a, b, c, n, source}, not " + json_type_phrase(irt));
    return std::nullopt;
  }
  const auto inner = reporter.nested("irt.");
  const auto before = reporter.count();
  const bool stored = rules == ItemRules::stored;
  report_unknown_fields(irt, {"a", "b", "c", "n", "source"}, inner);
  const auto a = read_number(irt, "a", inner);
  const auto b = read_number(irt, "b", inner);
  const auto c = read_number(irt, "c", inner);
  const auto n = read_integer(irt, "n", inner);
  const auto source = read_string(irt, "source", inner, Presence::required, stored);
  const bool a_in_range = a && *a > 0.0 && (stored || *a <= kMaxDiscrimination);
  check_range(a, a_in_range, inner, "a",
              stored ? "above 0 (the discrimination)" : "above 0 and at most 4 (the discrimination)");
  const bool b_in_range = stored || (b && std::abs(*b) <= kMaxAbsDifficulty);
  check_range(b, b_in_range, inner, "b", "within -6 to +6 logits");
  check_range(c, c >= 0.0 && c < 1.0, inner, "c", "at least 0 and below 1 (the guessing floor)");
  if (n && *n < 0) inner.report("n", "must not be negative (responses the calibration used)");
  if (reporter.count() != before) return std::nullopt;
  return ItemParameters{*a, *b, *c, true, static_cast<int>(*n), *source};
}

// Calibrated values when the item has them; otherwise the author's estimate as a Rasch b.
std::optional<ItemParameters> read_parameters(const Json& object, const Reporter& reporter, ItemRules rules,
                                              std::optional<AuthorDifficulty> difficulty) {
  if (const Json* irt = find_member(object, "irt", reporter, Presence::optional)) {
    return read_irt(*irt, reporter, rules);
  }
  if (!difficulty) return std::nullopt;
  ItemParameters provisional;
  provisional.b = provisional_difficulty(*difficulty);
  return provisional;
}

}  // namespace

std::optional<Item> read_item(const Json& object, const Reporter& reporter, ItemRules rules,
                              const Taxonomy* taxonomy) {
  if (!object.is_object()) {
    reporter.report("", "an item must be an object, not " + json_type_phrase(object));
    return std::nullopt;
  }
  const bool authored = rules == ItemRules::authored;
  const auto before = reporter.count();
  report_unknown_fields(object,
                        {"id", "discipline", "topics", "level", "difficulty", "stem", "options", "answer",
                         "explanation", "references", "exams", "irt"},
                        reporter);
  const auto id = read_string(object, "id", reporter);
  const auto discipline = read_discipline(object, reporter, taxonomy);
  if (id && authored) check_id(*id, taxonomy && discipline ? taxonomy->find(*discipline) : nullptr, reporter);
  auto topics = read_strings(object, "topics", reporter, authored ? 1 : 0, Presence::required, !authored);
  const auto level = read_word(object, "level", reporter, parse_level, "recall, application, analysis");
  const auto difficulty = read_word(object, "difficulty", reporter, parse_difficulty, "easy, medium, hard");
  auto stem = read_string(object, "stem", reporter, Presence::required, !authored);
  auto options = read_options(object, reporter, rules);
  const auto answer = read_answer(object, reporter, option_count(object));
  auto explanation = read_string(object, "explanation", reporter, Presence::required, !authored);
  auto references =
      read_strings(object, "references", reporter, authored ? 1 : 0, Presence::required, !authored);
  auto exams = read_strings(object, "exams", reporter, 0, Presence::optional, !authored);
  auto parameters = read_parameters(object, reporter, rules, difficulty);
  if (reporter.count() != before) return std::nullopt;

  Item item;
  item.id = id.value_or("");
  item.discipline = discipline.value_or("");
  item.topics = std::move(topics).value_or(std::vector<std::string>{});
  item.level = level.value_or(CognitiveLevel::recall);
  item.difficulty = difficulty.value_or(AuthorDifficulty::medium);
  item.stem = std::move(stem).value_or("");
  item.options = std::move(options).value_or(std::vector<std::string>{});
  item.answer_index = answer.value_or(0);
  item.explanation = std::move(explanation).value_or("");
  item.references = std::move(references).value_or(std::vector<std::string>{});
  item.exams = std::move(exams).value_or(std::vector<std::string>{});
  item.parameters = std::move(parameters).value_or(ItemParameters{});
  return item;
}

nlohmann::ordered_json item_json(const Item& item) {
  nlohmann::ordered_json json;
  json["id"] = item.id;
  json["discipline"] = item.discipline;
  json["topics"] = item.topics;
  json["level"] = level_name(item.level);
  json["difficulty"] = difficulty_name(item.difficulty);
  json["stem"] = item.stem;
  json["options"] = item.options;
  json["answer"] = std::string(1, option_letter(item.answer_index));
  json["explanation"] = item.explanation;
  json["references"] = item.references;
  if (!item.exams.empty()) json["exams"] = item.exams;
  if (item.parameters.calibrated) {
    const auto& p = item.parameters;
    json["irt"] = {{"a", p.a}, {"b", p.b}, {"c", p.c}, {"n", p.calibration_n}, {"source", p.source}};
  }
  return json;
}

}  // namespace mltprep
