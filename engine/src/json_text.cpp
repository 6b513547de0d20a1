#include "json_text.h"

#include <algorithm>
#include <set>

namespace mltprep {
namespace {

using Json = nlohmann::json;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// nlohmann's message repeats the position it computed itself ("[json.exception.parse_error.101]
// parse error at line 3, column 5: syntax error ..."); keep only the explanation.
std::string parse_error_explanation(const std::string& what) {
  const auto column = what.find("column ");
  const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// A SAX handler that tracks the path of the value being read ("items[3].options")
// so that a repeated key can be named. It runs as a second, linear pass after
// the DOM parse: nlohmann's callback parser rescans each array on every
// element, which made a 100,000-item bank take seconds.
class DuplicateKeyFinder {
 public:
  DuplicateKeyFinder(const SourceFile& file, std::vector<SourceProblem>& problems)
      : file_(file), problems_(problems) {}

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(Json::number_integer_t) { return value(); }
  bool number_unsigned(Json::number_unsigned_t) { return value(); }
  bool number_float(Json::number_float_t, const Json::string_t&) { return value(); }
  bool string(Json::string_t&) { return value(); }
  bool binary(Json::binary_t&) { return value(); }
  bool start_object(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(true); }
  bool end_array() { return close(); }
  bool key(Json::string_t& name) {
    on_key(name);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  struct Frame {
    bool array = false;
    int next_index = 0;
    std::string key;
    std::set<std::string> keys;
    std::string path;
  };

  bool value() {
    child_path();
    return true;
  }

  std::string child_path() {
    if (frames_.empty()) return "";
    auto& top = frames_.back();
    if (top.array) return top.path + "[" + std::to_string(top.next_index++) + "]";
    return top.path.empty() ? top.key : top.path + "." + top.key;
  }

  bool open(bool array) {
    Frame frame;
    frame.array = array;
    frame.path = child_path();
    frames_.push_back(std::move(frame));
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  void on_key(const std::string& key) {
    auto& top = frames_.back();
    top.key = key;
    if (top.keys.insert(key).second) return;
    SourceProblem problem;
    problem.file = file_.path;
    problem.field = top.path.empty() ? key : top.path + "." + key;
    problem.message = "the field appears twice in the same object; only the last value would be read";
    problems_.push_back(std::move(problem));
  }

  const SourceFile& file_;
  std::vector<SourceProblem>& problems_;
  std::vector<Frame> frames_;
};

// Reads the JSON string starting at text[start] == '"'; returns the index after
// its closing quote and the raw (still escaped) content.
std::size_t skip_string(std::string_view text, std::size_t start, std::string& raw) {
  std::size_t i = start + 1;
  while (i < text.size() && text[i] != '"') i += (text[i] == '\\') ? 2 : 1;
  raw.assign(text.substr(start + 1, std::min(i, text.size()) - start - 1));
  return i + 1;
}

}  // namespace

TextPosition position_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) {
    offset = text.size();
    while (offset > 0 && is_blank(text[offset - 1])) --offset;
  }
  TextPosition position;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++position.column;
    }
  }
  return position;
}

std::optional<Json> parse_json_source(const SourceFile& file, std::vector<SourceProblem>& problems) {
  std::vector<SourceProblem> duplicate_keys;
  DuplicateKeyFinder finder(file, duplicate_keys);
  try {
    auto value = Json::parse(file.text);
    Json::sax_parse(file.text, &finder);
    problems.insert(problems.end(), duplicate_keys.begin(), duplicate_keys.end());
    return value;
  } catch (const Json::parse_error& error) {
    // error.byte counts the characters read, the offending one included.
    const auto where = position_at(file.text, error.byte == 0 ? 0 : error.byte - 1);
    SourceProblem problem;
    problem.file = file.path;
    problem.message = "invalid JSON: " + parse_error_explanation(error.what());
    problem.line = where.line;
    problem.column = where.column;
    problems.push_back(std::move(problem));
    return std::nullopt;
  }
}

// Only short values (ids, names, enums) are indexed; long ones such as stems are found by scanning.
constexpr std::size_t kIndexedValueLength = 64;

JsonKeyLines::JsonKeyLines(std::string_view text) {
  int line = 1;
  int depth = 0;
  std::string raw;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c != '"') {
      line += (c == '\n');
      depth += (c == '{' || c == '[') - (c == '}' || c == ']');
      ++i;
      continue;
    }
    const int key_line = line;
    i = skip_string(text, i, raw);
    std::size_t next = i;
    while (next < text.size() && is_blank(text[next])) line += (text[next++] == '\n');
    i = next;
    if (next >= text.size() || text[next] != ':') continue;  // a value, not a key
    Key key{raw, std::nullopt, key_line, depth};
    ++next;
    while (next < text.size() && is_blank(text[next])) line += (text[next++] == '\n');
    i = next;
    if (next < text.size() && text[next] == '"') {
      std::string value;
      i = skip_string(text, next, value);
      key.string_value = std::move(value);
    }
    if (key.string_value && key.string_value->size() <= kIndexedValueLength) {
      member_lines_[member_index_key(key.name, *key.string_value, key.depth)].push_back(key.line);
    }
    keys_.push_back(std::move(key));
  }
}

int JsonKeyLines::line_of_key(std::string_view key, int depth) const {
  for (const auto& entry : keys_) {
    if (entry.name == key && entry.depth == depth) return entry.line;
  }
  return 0;
}

std::string JsonKeyLines::member_index_key(std::string_view key, std::string_view value, int depth) {
  std::string index_key(key);
  index_key.push_back('\0');
  index_key.append(std::to_string(depth));
  index_key.push_back('\0');
  index_key.append(value);
  return index_key;
}

int JsonKeyLines::line_of_member(std::string_view key, std::string_view value, int depth,
                                 int occurrence) const {
  if (value.size() <= kIndexedValueLength) {
    const auto found = member_lines_.find(member_index_key(key, value, depth));
    if (found == member_lines_.end() || occurrence < 0 ||
        static_cast<std::size_t>(occurrence) >= found->second.size()) {
      return 0;
    }
    return found->second[static_cast<std::size_t>(occurrence)];
  }
  for (const auto& entry : keys_) {
    if (entry.name == key && entry.depth == depth && entry.string_value == value && occurrence-- == 0) {
      return entry.line;
    }
  }
  return 0;
}

void locate_file_level_problems(std::vector<SourceProblem>& problems, std::size_t first,
                                const JsonKeyLines& lines) {
  for (auto i = first; i < problems.size(); ++i) {
    auto& problem = problems[i];
    const auto& field = problem.field;
    if (problem.line != 0 || !problem.item_id.empty() || field.empty() ||
        field.find('[') != std::string::npos) {
      continue;
    }
    const auto dot = field.rfind('.');
    const auto depth = 1 + static_cast<int>(std::count(field.begin(), field.end(), '.'));
    problem.line = lines.line_of_key(dot == std::string::npos ? field : field.substr(dot + 1), depth);
  }
}

}  // namespace mltprep
