#include "json_text.h"

#include <algorithm>
#include <utility>

namespace mltprep {
namespace {

using Json = nlohmann::json;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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
  auto parsed = parse_json_stream(file, "", ElementSink(), problems);
  if (!parsed) return std::nullopt;
  return std::move(parsed->root);
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
                                const KeyLines& lines) {
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
