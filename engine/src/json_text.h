// Reading bank and blueprint JSON text so that problems can point at a line:
// syntax errors with line and column, and the lines of keys for later checks.
// Private to the engine (includes nlohmann).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "json_stream.h"
#include "mltprep/source_file.h"

namespace mltprep {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 code points), not bytes
};

// The position of the byte at `offset` (0-based). An offset at or past the end
// points just after the last non-blank character, where "unexpected end of input" belongs.
TextPosition position_at(std::string_view text, std::size_t offset);

// Parses a file's text. A syntax error is appended to `problems` with its line
// and column, and nullopt returned. A key repeated within one object is reported
// too (line 0), since the parser would silently keep only the last value.
std::optional<nlohmann::json> parse_json_source(const SourceFile& file, std::vector<SourceProblem>& problems);

// Where each key of a syntactically valid JSON text sits, found by one cheap
// scan of the text; for blueprints, whose areas are located by their ids.
class JsonKeyLines : public KeyLines {
 public:
  explicit JsonKeyLines(std::string_view text);

  int line_of_key(std::string_view key, int depth) const override;
  // The line of the `occurrence`-th (0-based) `"key": "value"` pair at nesting
  // `depth`; 0 when absent. Values are compared as written, so only escape-free
  // values are found. An item of a bank's "items" array is at depth 3.
  int line_of_member(std::string_view key, std::string_view value, int depth, int occurrence) const;

 private:
  struct Key {
    std::string name;
    std::optional<std::string> string_value;
    int line;
    int depth;
  };
  static std::string member_index_key(std::string_view key, std::string_view value, int depth);

  std::vector<Key> keys_;
  // Lines of short string members by (key, depth, value), in file order, so a
  // bank of n items is located in O(n) rather than O(n²) scans.
  std::unordered_map<std::string, std::vector<int>> member_lines_;
};

// Fills in the line of file-level problems (no item or area, a plain or dotted
// field such as "version" or "scale.theta_cut") from the line of that key,
// when it is present at that depth.
void locate_file_level_problems(std::vector<SourceProblem>& problems, std::size_t first,
                                const KeyLines& lines);

}  // namespace mltprep
