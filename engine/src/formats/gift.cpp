// GIFT, Moodle's text format for questions (docs/formats.md, "GIFT").
#include <optional>
#include <regex>
#include <sstream>

#include "formats/format_readers.h"
#include "mltprep/discipline.h"
#include "mltprep/item_formats.h"

namespace mltprep {
namespace {

constexpr const char* kSpecialCharacters = "~=#{}:";

bool escaped_at(const std::string& text, std::size_t position) {
  std::size_t backslashes = 0;
  while (position > backslashes && text[position - backslashes - 1] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

std::size_t find_unescaped(const std::string& text, const std::string& needle, std::size_t from = 0) {
  for (auto at = text.find(needle, from); at != std::string::npos; at = text.find(needle, at + 1)) {
    if (!escaped_at(text, at)) return at;
  }
  return std::string::npos;
}

// "\~" and the other escapes to their characters; "\n" to a line break.
std::string unescaped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == 'n') {
        out += '\n';
        ++i;
        continue;
      }
      if (next == '\\' || std::string(kSpecialCharacters).find(next) != std::string::npos) {
        out += next;
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\\' || std::string(kSpecialCharacters).find(c) != std::string::npos) {
      out += '\\';
      out += c;
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// Markup out of [html] text: tags dropped, the common entities decoded. Item
// text is shown as text, so nothing of the markup may survive as markup.
std::string html_as_text(const std::string& html) {
  static const std::regex break_tags(R"(<\s*(br|/p|/div|/li)\s*/?\s*>)", std::regex::icase);
  static const std::regex any_tag(R"(<[^>]*>)");
  std::string text = std::regex_replace(html, break_tags, "\n");
  text = std::regex_replace(text, any_tag, "");
  const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""},
                                                          {"&#39;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, std::string(entity).size(), character);
    }
  }
  return text;
}

// What the comments and inline markers before a question say about it.
struct Markers {
  std::string id;
  std::vector<std::string> tags;
};

// Takes every [id:...] and [tag:...] out of `text` into `markers`.
std::string take_markers(const std::string& text, Markers& markers) {
  static const std::regex marker(R"(\[(id|tag):([^\]]*)\])");
  std::string rest;
  std::size_t last = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), marker), end; it != end; ++it) {
    const auto& match = *it;
    rest += text.substr(last, static_cast<std::size_t>(match.position()) - last);
    last = static_cast<std::size_t>(match.position() + match.length());
    const std::string value = trim_text(unescaped(match[2].str()));
    if (match[1].str() == "id") {
      markers.id = value;
    } else if (!value.empty()) {
      markers.tags.push_back(value);
    }
  }
  return rest + text.substr(last);
}

// One answer of a multiple-choice block: "~text#feedback" or "=text#feedback".
struct Answer {
  bool correct = false;
  std::optional<double> weight;  // "%50%" after the marker
  std::string text;
  std::string feedback;
};

std::vector<Answer> split_answers(const std::string& block) {
  std::vector<Answer> answers;
  std::size_t at = 0;
  while (at < block.size()) {
    const auto tilde = find_unescaped(block, "~", at);
    const auto equals = find_unescaped(block, "=", at);
    const auto start = std::min(tilde, equals);
    if (start == std::string::npos) break;
    const auto next = std::min(find_unescaped(block, "~", start + 1), find_unescaped(block, "=", start + 1));
    std::string body =
        block.substr(start + 1, next == std::string::npos ? std::string::npos : next - start - 1);
    Answer answer;
    answer.correct = block[start] == '=';
    if (body.size() > 1 && body[0] == '%') {
      const auto close = body.find('%', 1);
      if (close != std::string::npos) {
        try {
          answer.weight = std::stod(body.substr(1, close - 1));
        } catch (const std::exception&) {
          answer.weight = 0.0;
        }
        body = body.substr(close + 1);
      }
    }
    const auto hash = find_unescaped(body, "#");
    answer.text = body.substr(0, hash);
    if (hash != std::string::npos) answer.feedback = body.substr(hash + 1);
    answers.push_back(std::move(answer));
    at = next == std::string::npos ? block.size() : next;
  }
  return answers;
}

// The kind of question an answer block holds, when it is not single-answer
// multiple choice; "" when it is.
std::string unsupported_kind(const std::string& block, const std::vector<Answer>& answers) {
  const std::string trimmed = trim_text(block);
  if (trimmed.empty()) return "essay";
  if (trimmed[0] == '#') return "numerical";
  const std::string first_word = lower_text(trim_text(trimmed.substr(0, find_unescaped(trimmed, "#"))));
  if (first_word == "t" || first_word == "true" || first_word == "f" || first_word == "false")
    return "true/false";
  int right = 0, wrong = 0;
  for (const auto& answer : answers) {
    if (find_unescaped(answer.text, "->") != std::string::npos) return "matching";
    if (answer.correct) ++right;
    if (!answer.correct) ++wrong;
    if (!answer.correct && answer.weight && *answer.weight > 0) return "multiple-answer";
  }
  if (wrong == 0 && right > 0) return "short answer";
  if (right > 1) return "multiple-answer";
  return "";
}

class GiftReader {
 public:
  GiftReader(const SourceFile& source, ImportCollector& collector) : source_(source), collector_(collector) {}

  void read() {
    const auto lines = source_lines(source_.text);
    for (std::size_t i = 0; i < lines.size(); ++i) read_line(lines[i], static_cast<int>(i + 1));
    end_block();
  }

 private:
  void read_line(const std::string& line, int number) {
    const std::string trimmed = trim_text(line);
    if (trimmed.rfind("//", 0) == 0) {
      take_markers(trimmed, pending_);
      return;
    }
    // A blank line ends a question, unless it falls inside an answer block.
    if (trimmed.empty()) {
      if (!inside_answer_block())
        end_block();
      else
        block_ += "\n";
      return;
    }
    if (block_.empty() && trimmed.rfind("$CATEGORY:", 0) == 0) {
      set_category(trim_text(trimmed.substr(10)));
      return;
    }
    if (block_.empty()) block_line_ = number;
    block_ += (block_.empty() ? "" : "\n") + line;
  }

  bool inside_answer_block() const {
    const auto open = find_unescaped(block_, "{");
    return open != std::string::npos && find_unescaped(block_, "}", open) == std::string::npos;
  }

  // "$course$/top/Hematology/Anemias": the first part naming a discipline sets
  // it, the parts after it are topics.
  void set_category(const std::string& path) {
    category_discipline_.clear();
    category_topics_.clear();
    for (const auto& part : split_text(path, '/')) {
      if (!category_discipline_.empty()) {
        category_topics_.push_back(lower_text(part));
      } else {
        category_discipline_ = discipline_named(part, collector_.taxonomy());
      }
    }
  }

  void end_block() {
    if (!block_.empty()) read_question(block_);
    block_.clear();
    pending_ = Markers{};
  }

  void read_question(std::string text) {
    Markers markers = pending_;
    text = trim_text(text);
    std::string title;
    if (text.rfind("::", 0) == 0) {
      const auto close = find_unescaped(text, "::", 2);
      if (close == std::string::npos) {
        collector_.problem(block_line_, "the question title opened with '::' is never closed");
        return;
      }
      title = trim_text(unescaped(text.substr(2, close - 2)));
      text = text.substr(close + 2);
    }
    text = trim_text(take_markers(text, markers));
    bool html = false;
    for (const char* format : {"[html]", "[moodle]", "[plain]", "[markdown]"}) {
      if (text.rfind(format, 0) == 0) {
        html = std::string(format) == "[html]";
        text = text.substr(std::string(format).size());
      }
    }
    const auto open = find_unescaped(text, "{");
    if (open == std::string::npos) {
      collector_.problem(block_line_,
                         "unsupported question type: description (text without an answer block)");
      return;
    }
    const auto close = find_unescaped(text, "}", open);
    if (close == std::string::npos) {
      collector_.problem(block_line_, "the answer block opened with '{' is never closed");
      return;
    }
    add_question(title, markers, text.substr(0, open), text.substr(open + 1, close - open - 1),
                 trim_text(text.substr(close + 1)), html);
  }

  // Line breaks in the file fold to spaces in question and option text, as in
  // a paragraph; feedback keeps them, so that "Reference:" lines stay lines.
  // "\n" is a line break in any text.
  std::string as_text(const std::string& raw, bool html, bool fold_lines = true) const {
    static const std::regex line_break(R"([ \t]*\n[ \t]*)");
    const std::string text = unescaped(std::regex_replace(raw, line_break, fold_lines ? " " : "\n"));
    return trim_text(html ? html_as_text(text) : text);
  }

  void add_question(const std::string& title, const Markers& markers, const std::string& before,
                    std::string block, const std::string& after, bool html) {
    std::string general_feedback;
    const auto general = find_unescaped(block, "####");
    if (general != std::string::npos) {
      general_feedback = block.substr(general + 4);
      block = block.substr(0, general);
    }
    const auto answers = split_answers(block);
    const std::string kind = unsupported_kind(block, answers);
    if (!kind.empty()) {
      collector_.problem(block_line_, "unsupported question type: " + kind +
                                          " (only single-answer multiple choice converts)");
      return;
    }
    ImportedQuestion question;
    question.line = block_line_;
    question.id =
        markers.id.empty() && std::regex_match(title, std::regex(R"([A-Z]{3}-[0-9]+)")) ? title : markers.id;
    question.discipline = category_discipline_;
    question.topics = category_topics_;
    add_tags(markers.tags, question);
    // Text after the block makes a missing-word question: the block is the blank.
    question.stem = as_text(before, html) + (after.empty() ? "" : " _____ " + as_text(after, html));
    std::string answer_feedback;
    for (const auto& answer : answers) {
      if (answer.correct) question.answer_index = static_cast<int>(question.options.size());
      question.options.push_back(as_text(answer.text, html));
      const std::string feedback = as_text(answer.feedback, html, false);
      if (!feedback.empty()) answer_feedback += "\n" + question.options.back() + ": " + feedback;
    }
    split_references(as_text(general_feedback, html, false), question.explanation, question.references);
    question.explanation = trim_text(question.explanation + answer_feedback);
    collector_.add(std::move(question));
  }

  // "level-application", "difficulty-hard" (or the bare words) set those
  // fields; other tags are topics.
  static void add_tags(const std::vector<std::string>& tags, ImportedQuestion& question) {
    for (const auto& tag : tags) {
      const std::string word = lower_text(tag);
      const std::string bare = word.substr(word.find('-') == std::string::npos ? 0 : word.find('-') + 1);
      if (word.rfind("level-", 0) == 0 || parse_level(word)) {
        question.level = bare;
      } else if (word.rfind("difficulty-", 0) == 0 || parse_difficulty(word)) {
        question.difficulty = bare;
      } else {
        question.topics.push_back(tag);
      }
    }
  }

  const SourceFile& source_;
  ImportCollector& collector_;
  std::string block_;
  int block_line_ = 0;
  Markers pending_;
  std::string category_discipline_;
  std::vector<std::string> category_topics_;
};

std::string tag_text(const std::string& tag) {
  std::string text = escaped(tag);
  for (auto& c : text) {
    if (c == ']') c = ')';
  }
  return text;
}

}  // namespace

void read_gift(const SourceFile& source, ImportCollector& collector) { GiftReader(source, collector).read(); }

std::string export_gift(const std::vector<Item>& items) {
  std::ostringstream out;
  out << "// Exported by mltprep: " << items.size() << " single-answer multiple-choice question"
      << (items.size() == 1 ? "" : "s") << ".\n"
      << "// Difficulty tags are the authors' estimates unless the items were calibrated.\n";
  std::string category;
  for (const auto& item : items) {
    if (item.discipline != category) {
      category = item.discipline;
      out << "\n$CATEGORY: $course$/top/mltprep/" << category << "\n";
    }
    out << "\n// [id:" << tag_text(item.id) << "]";
    for (const auto& topic : item.topics) out << " [tag:" << tag_text(topic) << "]";
    out << " [tag:level-" << level_name(item.level) << "] [tag:difficulty-"
        << difficulty_name(item.difficulty) << "]\n";
    out << "::" << escaped(item.id) << "::[plain]" << escaped(item.stem) << " {\n";
    for (std::size_t i = 0; i < item.options.size(); ++i) {
      out << "\t" << (static_cast<int>(i) == item.answer_index ? '=' : '~') << escaped(item.options[i])
          << "\n";
    }
    out << "\t####" << escaped(explanation_with_references(item)) << "\n}\n";
  }
  return out.str();
}

}  // namespace mltprep
