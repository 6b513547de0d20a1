// Aiken, the one-question-per-paragraph format (docs/formats.md, "Aiken"),
// with mltprep's optional lines after ANSWER: for what Aiken cannot say.
#include <regex>

#include "formats/format_readers.h"

namespace mltprep {
namespace {

// "A. text" or "A) text".
const std::regex& option_line() {
  static const std::regex pattern(R"(^([A-Z])[.)]\s*(.*)$)");
  return pattern;
}

// "EXPLANATION: ..." and the other KEY: lines; the key upper-cased.
bool keyed_line(const std::string& line, std::string& key, std::string& value) {
  static const std::regex pattern(R"(^([A-Za-z]+):\s*(.*)$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return false;
  key = match[1].str();
  for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  value = trim_text(match[2].str());
  return true;
}

class AikenReader {
 public:
  AikenReader(const SourceFile& source, ImportCollector& collector)
      : source_(source), collector_(collector) {}

  void read() {
    const auto lines = source_lines(source_.text);
    for (std::size_t i = 0; i < lines.size(); ++i) read_line(trim_text(lines[i]), static_cast<int>(i + 1));
    finish_question();
  }

 private:
  enum class Part { none, stem, options, after_answer };

  void read_line(const std::string& line, int number) {
    if (line.empty()) {  // a question is one paragraph
      finish_question();
      return;
    }
    std::smatch match;
    std::string key, value;
    if (part_ == Part::none || (part_ == Part::after_answer && !keyed_line(line, key, value))) {
      finish_question();
      question_ = ImportedQuestion{};
      question_.line = number;
      question_.stem = line;
      part_ = Part::stem;
    } else if ((part_ == Part::stem || part_ == Part::options) &&
               std::regex_match(line, match, option_line())) {
      add_option(match[1].str()[0], trim_text(match[2].str()), number);
    } else if (part_ == Part::stem) {
      question_.stem += " " + line;
    } else if (keyed_line(line, key, value) && (key == "ANSWER" || part_ == Part::after_answer)) {
      read_keyed(key, value, number);
    } else if (part_ == Part::options) {
      question_.options.back() += " " + line;  // an option that runs onto a second line
    }
  }

  void add_option(char letter, const std::string& text, int number) {
    const char expected = static_cast<char>('A' + question_.options.size());
    if (letter != expected) {
      collector_.problem(
          number, std::string("option ") + letter + " where option " + expected + " was expected", "options");
      broken_ = true;
    }
    question_.options.push_back(text);
    part_ = Part::options;
  }

  void read_keyed(const std::string& key, const std::string& value, int number) {
    part_ = Part::after_answer;
    if (key == "ANSWER") {
      const auto index = value.size() == 1 ? value[0] - 'A' : -1;
      if (index < 0 || index >= static_cast<int>(question_.options.size())) {
        collector_.problem(number,
                           "ANSWER: '" + value + "' is not the letter of one of the " +
                               std::to_string(question_.options.size()) + " options",
                           "answer");
        broken_ = true;
      }
      question_.answer_index = index;
    } else if (key == "EXPLANATION") {
      question_.explanation = value;
    } else if (key == "REFERENCE") {
      question_.references.push_back(value);
    } else if (key == "ID") {
      question_.id = value;
    } else if (key == "DISCIPLINE") {
      question_.discipline = value;
    } else if (key == "TOPICS") {
      question_.topics = split_text(value, ';');
    } else if (key == "LEVEL") {
      question_.level = value;
    } else if (key == "DIFFICULTY") {
      question_.difficulty = value;
    } else {
      collector_.problem(number,
                         "unknown line '" + key + ":' after ANSWER: (see docs/formats.md, \"Aiken\")");
      broken_ = true;
    }
  }

  void finish_question() {
    if (part_ == Part::stem) {
      collector_.problem(question_.line,
                         "unsupported question: no A. or A) options (Aiken holds only multiple choice)");
    } else if (part_ == Part::options) {
      collector_.problem(question_.line, "no ANSWER: line after the options", "answer");
    } else if (part_ == Part::after_answer && !broken_) {
      collector_.add(question_);
    }
    part_ = Part::none;
    broken_ = false;
  }

  const SourceFile& source_;
  ImportCollector& collector_;
  ImportedQuestion question_;
  Part part_ = Part::none;
  bool broken_ = false;
};

}  // namespace

void read_aiken(const SourceFile& source, ImportCollector& collector) {
  AikenReader(source, collector).read();
}

}  // namespace mltprep
