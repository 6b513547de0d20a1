// Reading JSON text in one pass, with the lines of keys and the keys written
// twice found on the way, and a large array handed out one element at a time
// so that a bank of 100,000 items never becomes one DOM. Private to the
// engine (includes nlohmann).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mltprep/source_file.h"

namespace mltprep {

// Where keys sit, for problems found after parsing.
class KeyLines {
 public:
  virtual ~KeyLines() = default;
  // The line of the first occurrence of `key` at nesting `depth` (1: a member
  // of the top-level object, 2: of an object inside it, ...); 0 when unknown.
  virtual int line_of_key(std::string_view key, int depth) const = 0;
};

// The lines of keys the streaming reader kept: those outside streamed elements.
class FirstKeyLines : public KeyLines {
 public:
  void add(std::string_view key, int depth, int line);
  int line_of_key(std::string_view key, int depth) const override;

 private:
  std::map<std::pair<int, std::string>, int> lines_;
};

// One element of the streamed array, as soon as it has been read.
struct StreamedElement {
  nlohmann::json value;
  std::size_t array = 0;  // which streamed array it is in: a key written twice makes two (0, 1)
  std::size_t index = 0;  // its position in the array
  int id_line = 0;        // the line of its own "id" member; 0 when it has none
  // Keys written twice inside it, named from the file's root ("items[3].answer"), line unknown.
  std::vector<SourceProblem> repeated_keys;
};
using ElementSink = std::function<void(StreamedElement&&)>;

struct ParsedJson {
  nlohmann::json root;
  FirstKeyLines key_lines;
  std::size_t streamed_arrays = 0;  // how many arrays were streamed
};

// Parses `file` in one pass. When `streamed_key` is not empty and the root is
// an object, the elements of its array member `streamed_key` go to
// `on_element` one by one and the returned root holds an empty array there.
// A key repeated outside streamed elements is appended to `problems` (line 0:
// see locate_file_level_problems). A syntax error is appended with its line and
// column and nullopt returned; elements already handed out must then be
// dropped. A number too large for a double is such an error too.
std::optional<ParsedJson> parse_json_stream(const SourceFile& file, std::string_view streamed_key,
                                            const ElementSink& on_element,
                                            std::vector<SourceProblem>& problems);
// The same, reading the file at `path` in blocks, so that its text is never
// held whole. A file that cannot be opened or read is a problem, never an exception.
std::optional<ParsedJson> parse_json_file_stream(const std::string& path, std::string_view streamed_key,
                                                 const ElementSink& on_element,
                                                 std::vector<SourceProblem>& problems);

}  // namespace mltprep
