// Items as CSV rows under a documented header (docs/formats.md, "CSV").
#include <algorithm>
#include <map>

#include "formats/format_readers.h"

namespace mltprep {
namespace {

struct Record {
  int line = 0;  // where the record starts
  std::vector<std::string> fields;
};

// RFC 4180: fields separated by commas, quoted fields may hold commas, line
// breaks and doubled quotes. Reports an unclosed quote at its line.
std::vector<Record> csv_records(const std::string& text, ImportCollector& collector) {
  std::vector<Record> records;
  Record record{1, {}};
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, quote_line = 0;
  const std::size_t start = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        if (c != '\r') field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
      quote_line = line;
    } else if (c == ',') {
      record.fields.push_back(field);
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      record.fields.push_back(field);
      if (!(record.fields.size() == 1 && trim_text(record.fields[0]).empty())) records.push_back(record);
      record = Record{++line, {}};
      field.clear();
      field_started = false;
    } else if (c != '\r') {
      field += c;
      field_started = true;
    }
  }
  if (quoted) collector.problem(quote_line, "a quoted field opened here is never closed");
  record.fields.push_back(field);
  if (!(record.fields.size() == 1 && trim_text(record.fields[0]).empty())) records.push_back(record);
  return records;
}

const std::vector<std::string>& required_columns() {
  static const std::vector<std::string> columns = {"id",     "discipline",  "topics",   "level", "difficulty",
                                                   "stem",   "A",           "B",        "C",     "D",
                                                   "answer", "explanation", "reference"};
  return columns;
}

// Column name → index, or problems for missing, unknown and repeated columns.
std::map<std::string, std::size_t> header_columns(const Record& header, ImportCollector& collector) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = trim_text(header.fields[i]);
    name = name.size() == 1
               ? std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(name[0]))))
               : lower_text(name);
    const bool known =
        name == "E" || name == "F" ||
        std::find(required_columns().begin(), required_columns().end(), name) != required_columns().end();
    if (!known) collector.problem(header.line, "unknown column '" + header.fields[i] + "'");
    if (known && !columns.emplace(name, i).second)
      collector.problem(header.line, "column '" + name + "' appears twice");
  }
  for (const auto& name : required_columns()) {
    if (!columns.count(name)) collector.problem(header.line, "the header has no '" + name + "' column");
  }
  return columns;
}

}  // namespace

void read_csv_items(const SourceFile& source, ImportCollector& collector) {
  const auto records = csv_records(source.text, collector);
  if (records.empty()) return;
  const auto columns = header_columns(records.front(), collector);
  if (columns.size() < required_columns().size()) return;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& record = records[r];
    if (record.fields.size() != records.front().fields.size()) {
      collector.problem(record.line, "this row has " + std::to_string(record.fields.size()) +
                                         " fields; the header has " +
                                         std::to_string(records.front().fields.size()));
      continue;
    }
    const auto cell = [&](const std::string& name) {
      const auto found = columns.find(name);
      return found == columns.end() ? std::string() : trim_text(record.fields[found->second]);
    };
    ImportedQuestion question;
    question.line = record.line;
    question.id = cell("id");
    question.discipline = cell("discipline");
    question.topics = split_text(cell("topics"), ';');
    question.level = cell("level");
    question.difficulty = cell("difficulty");
    question.stem = cell("stem");
    for (const char* letter : {"A", "B", "C", "D", "E", "F"}) {
      if (!cell(letter).empty()) question.options.push_back(cell(letter));
    }
    const std::string answer = cell("answer");
    const auto index = parse_option_choice(answer, static_cast<int>(question.options.size()));
    if (!index) {
      collector.problem(record.line,
                        "answer '" + answer + "' is not the letter of one of the " +
                            std::to_string(question.options.size()) + " options",
                        "answer");
      continue;
    }
    question.answer_index = *index;
    question.explanation = cell("explanation");
    question.references = split_text(cell("reference"), '\n');
    collector.add(std::move(question));
  }
}

}  // namespace mltprep
