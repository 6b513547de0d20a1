#include "formats/imported_question.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "json_fields.h"
#include "mltprep/bank.h"
#include "mltprep/discipline.h"

namespace mltprep {
namespace {

constexpr const char* kDefaultTopic = "general";

// Lower case, "_" and "-" as blanks, runs of blanks as one space.
std::string name_key(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '_' || c == '-'; }, ' ');
  return comparison_key(text);
}

int numeric_suffix(const std::string& id, const std::string& prefix) {
  if (id.rfind(prefix + "-", 0) != 0) return 0;
  const std::string digits = id.substr(prefix.size() + 1);
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return 0;
  }
  return std::stoi(digits);
}

}  // namespace

std::string trim_text(const std::string& text) {
  const auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  const auto begin = std::find_if_not(text.begin(), text.end(), blank);
  const auto end = std::find_if_not(text.rbegin(), text.rend(), blank).base();
  return begin < end ? std::string(begin, end) : std::string();
}

std::string lower_text(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<std::string> split_text(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(separator, start), text.size());
    const auto part = trim_text(text.substr(start, end - start));
    if (!part.empty()) parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

std::string discipline_named(const std::string& text, const Taxonomy& taxonomy) {
  const std::string key = name_key(text);
  if (key.empty()) return "";
  for (const auto& discipline : taxonomy.disciplines()) {
    if (key == name_key(discipline.id) || key == name_key(discipline.name)) return discipline.id;
    for (const auto& alias : discipline.aliases) {
      if (key == name_key(alias)) return discipline.id;
    }
  }
  return "";
}

void ImportCollector::problem(int line, const std::string& message, const std::string& field) {
  SourceProblem problem;
  problem.file = source_.path;
  problem.line = line;
  problem.field = field;
  problem.message = message;
  problems_.push_back(std::move(problem));
}

std::string ImportCollector::discipline_of(const ImportedQuestion& question) {
  const std::string& named = question.discipline.empty() ? options_.discipline : question.discipline;
  if (named.empty()) {
    problem(question.line, "no discipline: give --discipline, or name one in the question's category",
            "discipline");
    return "";
  }
  const std::string id = discipline_named(named, options_.taxonomy);
  if (id.empty()) problem(question.line, "'" + named + "' is not a discipline this bank knows", "discipline");
  return id;
}

// New ids follow the highest number already used for the prefix in this file.
void ImportCollector::assign_missing_ids(std::vector<Item>& items) const {
  std::map<std::string, int> highest;
  for (const auto& item : items) {
    const auto* discipline = options_.taxonomy.find(item.discipline);
    if (!discipline || item.id.empty()) continue;
    auto& top = highest[discipline->id_prefix];
    top = std::max(top, numeric_suffix(item.id, discipline->id_prefix));
  }
  for (auto& item : items) {
    const auto* discipline = options_.taxonomy.find(item.discipline);
    if (!item.id.empty() || !discipline) continue;
    char id[32];
    std::snprintf(id, sizeof id, "%s-%04d", discipline->id_prefix.c_str(), ++highest[discipline->id_prefix]);
    item.id = id;
  }
}

// The bank item a question makes, or nullopt when the question has problems
// of its own (reported; such a question is not checked again as a bank item).
std::optional<Item> ImportCollector::item_from(const ImportedQuestion& question) {
  const auto problems_before = problems_.size();
  Item item;
  item.id = trim_text(question.id);
  item.discipline = discipline_of(question);
  item.topics = question.topics.empty() ? std::vector<std::string>{kDefaultTopic} : question.topics;
  const auto level =
      question.level.empty() ? CognitiveLevel::recall : parse_level(lower_text(question.level));
  const auto difficulty = question.difficulty.empty() ? AuthorDifficulty::medium
                                                      : parse_difficulty(lower_text(question.difficulty));
  if (!level)
    problem(question.line, "'" + question.level + "' is not recall, application or analysis", "level");
  if (!difficulty)
    problem(question.line, "'" + question.difficulty + "' is not easy, medium or hard", "difficulty");
  if (question.answer_index < 0) problem(question.line, "no option is marked as the answer", "answer");
  if (problems_.size() != problems_before) return std::nullopt;
  item.level = *level;
  item.difficulty = *difficulty;
  item.stem = question.stem;
  item.options = question.options;
  item.answer_index = question.answer_index;
  item.explanation = question.explanation;
  item.references = question.references;
  return item;
}

ImportResult ImportCollector::finish() {
  std::vector<Item> items;
  std::map<std::string, int> line_of;  // item id → the line where its question starts
  std::vector<int> lines;
  for (const auto& question : questions_) {
    if (auto item = item_from(question)) {
      items.push_back(std::move(*item));
      lines.push_back(question.line);
    }
  }
  if (questions_.empty() && problems_.empty()) problem(1, "no questions found");
  assign_missing_ids(items);
  for (std::size_t i = 0; i < items.size(); ++i) line_of.emplace(items[i].id, lines[i]);

  // The bank rules, checked by the bank reader itself, which also makes the
  // items; its problems are moved to the line where each question starts.
  const auto checked =
      parse_banks({SourceFile{source_.path, bank_file_text("imported", "1", items)}}, options_.taxonomy);
  for (auto problem : checked.problems) {
    const auto found = line_of.find(problem.item_id);
    problem.file = source_.path;
    problem.line = found != line_of.end() ? found->second : 0;
    problem.column = 0;
    problems_.push_back(std::move(problem));
  }

  ImportResult result;
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const SourceProblem& a, const SourceProblem& b) { return a.line < b.line; });
  result.problems = std::move(problems_);
  if (result.problems.empty()) result.items = checked.all_items();
  return result;
}

}  // namespace mltprep
