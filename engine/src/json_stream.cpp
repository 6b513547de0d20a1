#include "json_stream.h"

#include <fstream>
#include <iterator>

#include "json_text.h"

namespace mltprep {
namespace {

using Json = nlohmann::json;

// Hands the parser its text one character at a time and counts the newlines
// passed. nlohmann's lexer reads a string token up to its closing quote and no
// further, so when the parser reports a key, `line()` is the key's line. The
// text is either all in memory or read from a stream in blocks.
class LineCountingInput {
 public:
  explicit LineCountingInput(std::string_view text) : next_(text.data()), end_(text.data() + text.size()) {}
  explicit LineCountingInput(std::istream& in) : in_(&in), block_(kBlockSize) {}

  int line() const { return line_; }
  // True when the stream failed, not merely ended.
  bool failed() const { return in_ && in_->bad(); }

  // The input iterator nlohmann's iterator adapter needs; it is only ever
  // compared with the default-constructed end iterator.
  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    Iterator() = default;
    explicit Iterator(LineCountingInput* input) : input_(input) {}
    const char& operator*() const { return *input_->next_; }
    Iterator& operator++() {
      input_->line_ += (*input_->next_ == '\n');
      ++input_->next_;
      return *this;
    }
    bool operator==(const Iterator&) const { return input_->at_end(); }
    bool operator!=(const Iterator& other) const { return !(*this == other); }

   private:
    LineCountingInput* input_ = nullptr;
  };

  Iterator begin() { return Iterator(this); }
  Iterator end() { return Iterator(); }

 private:
  static constexpr std::size_t kBlockSize = 1 << 16;

  bool at_end() { return next_ == end_ && !refill(); }
  bool refill() {
    if (!in_) return false;
    in_->read(block_.data(), static_cast<std::streamsize>(block_.size()));
    next_ = block_.data();
    end_ = next_ + in_->gcount();
    return next_ != end_;
  }

  const char* next_ = nullptr;
  const char* end_ = nullptr;
  int line_ = 1;
  std::istream* in_ = nullptr;
  std::vector<char> block_;
};

// nlohmann's message repeats the position it computed itself ("[json.exception.parse_error.101]
// parse error at line 3, column 5: syntax error ...") or names its exception
// ("[json.exception.out_of_range.406] number overflow ..."); keep only the explanation.
std::string parse_error_explanation(const std::string& what) {
  const auto column = what.find("column ");
  const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  if (colon != std::string::npos) return what.substr(colon + 2);
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

// Where the parser stopped (the characters it had read, the offending one included) and why.
struct SyntaxError {
  std::size_t byte;
  std::string explanation;
};

// A SAX handler that builds the DOM as nlohmann's own does, and on the way
// notes the lines of keys, finds keys written twice (the DOM would silently
// keep the last value) and hands out the elements of the streamed array.
class StreamingDomBuilder {
 public:
  StreamingDomBuilder(const std::string& path, const LineCountingInput& input, std::string_view streamed_key,
                      const ElementSink& on_element)
      : path_(path), input_(input), streamed_key_(streamed_key), on_element_(on_element) {}

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t value, const Json::string_t&) { return add(Json(value)); }
  bool string(Json::string_t& value) { return add(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return add(Json::binary(std::move(value))); }
  bool start_object(std::size_t) { return open(Json::value_t::object); }
  bool start_array(std::size_t) { return open(Json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(Json::string_t& name);

  // A syntax error, or a number too large for a double (which Json::parse
  // throws as out_of_range): both are problems of the text, with a place.
  template <typename Exception>
  bool parse_error(std::size_t byte, const std::string&, const Exception& error) {
    syntax_error_ = SyntaxError{byte, parse_error_explanation(error.what())};
    return false;
  }

  const std::optional<SyntaxError>& syntax_error() const { return syntax_error_; }
  ParsedJson& result() { return result_; }
  std::vector<SourceProblem>& repeated_keys() { return repeated_keys_; }

 private:
  struct Frame {
    Json* container;
    Json* member = nullptr;            // in an object: the member being read,
    const std::string* key = nullptr;  // and its name
    std::size_t next_index = 0;        // in an array: the elements begun
    bool streams = false;              // an array whose elements are handed out, not kept
  };

  bool in_element() const { return element_depth_ != 0; }
  Json* place(Json&& value);
  bool add(Json&& value);
  bool open(Json::value_t type);
  bool close();
  std::string field_of(const std::string& key) const;

  const std::string& path_;
  const LineCountingInput& input_;
  std::string_view streamed_key_;
  const ElementSink& on_element_;
  std::vector<Frame> frames_;
  ParsedJson result_;
  StreamedElement element_;
  std::size_t element_depth_ = 0;  // frames_.size() inside the element being streamed; 0 outside
  std::vector<SourceProblem> repeated_keys_;
  std::optional<SyntaxError> syntax_error_;
};

// Puts `value` where the parser is: the root, a member, the next array
// element, or a new streamed element. Returns where it went.
Json* StreamingDomBuilder::place(Json&& value) {
  if (frames_.empty()) {
    result_.root = std::move(value);
    return &result_.root;
  }
  auto& top = frames_.back();
  if (!top.container->is_array()) {
    *top.member = std::move(value);
    return top.member;
  }
  const auto index = top.next_index++;
  if (!top.streams) {
    top.container->push_back(std::move(value));
    return &top.container->back();
  }
  element_ = StreamedElement{std::move(value), result_.streamed_arrays - 1, index, 0, {}};
  return &element_.value;
}

bool StreamingDomBuilder::add(Json&& value) {
  place(std::move(value));
  if (!frames_.empty() && frames_.back().streams) on_element_(std::move(element_));
  return true;
}

bool StreamingDomBuilder::open(Json::value_t type) {
  const bool streamed = !frames_.empty() && frames_.back().streams;
  // The streamed array is the root object's member of that name, not one deeper down.
  const bool streams = type == Json::value_t::array && frames_.size() == 1 && !streamed_key_.empty() &&
                       frames_.back().container->is_object() && *frames_.back().key == streamed_key_;
  Json* container = place(Json(type));
  result_.streamed_arrays += streams;
  frames_.push_back(Frame{container, nullptr, nullptr, 0, streams});
  if (streamed) element_depth_ = frames_.size();
  return true;
}

bool StreamingDomBuilder::close() {
  const bool element_done = frames_.size() == element_depth_;
  frames_.pop_back();
  if (element_done) {
    element_depth_ = 0;
    on_element_(std::move(element_));
  }
  return true;
}

bool StreamingDomBuilder::key(Json::string_t& name) {
  auto& top = frames_.back();
  const int depth = static_cast<int>(frames_.size());
  if (!in_element()) {
    result_.key_lines.add(name, depth, input_.line());
  } else if (depth == static_cast<int>(element_depth_) && name == "id") {
    element_.id_line = input_.line();
  }
  // The member is made now, so that a second one of the name is found in one lookup.
  const auto [member, inserted] = top.container->get_ref<Json::object_t&>().emplace(std::move(name), nullptr);
  top.member = &member->second;
  top.key = &member->first;
  if (!inserted) {
    SourceProblem problem;
    problem.file = path_;
    problem.field = field_of(member->first);
    problem.message = "the field appears twice in the same object; only the last value would be read";
    (in_element() ? element_.repeated_keys : repeated_keys_).push_back(std::move(problem));
  }
  return true;
}

// "items[3].irt.a": the path from the root to member `key` of the innermost object.
std::string StreamingDomBuilder::field_of(const std::string& key) const {
  std::string path;
  for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
    const auto& frame = frames_[i];
    if (frame.container->is_array()) {
      path += "[" + std::to_string(frame.next_index - 1) + "]";
    } else {
      path += (path.empty() ? "" : ".") + *frame.key;
    }
  }
  return path.empty() ? key : path + "." + key;
}

SourceProblem syntax_problem(const std::string& path, std::string_view text, const SyntaxError& error) {
  const auto where = position_at(text, error.byte == 0 ? 0 : error.byte - 1);
  SourceProblem problem;
  problem.file = path;
  problem.message = "invalid JSON: " + error.explanation;
  problem.line = where.line;
  problem.column = where.column;
  return problem;
}

SourceProblem unreadable(const std::string& path) {
  SourceProblem problem;
  problem.file = path;
  problem.message = "cannot read the file";
  return problem;
}

// The text is needed again only to place a syntax error, which is rare.
std::string whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::optional<ParsedJson> finish(StreamingDomBuilder& builder, std::vector<SourceProblem>& problems) {
  auto& repeated = builder.repeated_keys();
  problems.insert(problems.end(), repeated.begin(), repeated.end());
  return std::move(builder.result());
}

}  // namespace

void FirstKeyLines::add(std::string_view key, int depth, int line) {
  lines_.emplace(std::make_pair(depth, std::string(key)), line);
}

int FirstKeyLines::line_of_key(std::string_view key, int depth) const {
  const auto found = lines_.find(std::make_pair(depth, std::string(key)));
  return found == lines_.end() ? 0 : found->second;
}

std::optional<ParsedJson> parse_json_stream(const SourceFile& file, std::string_view streamed_key,
                                            const ElementSink& on_element,
                                            std::vector<SourceProblem>& problems) {
  LineCountingInput input(file.text);
  StreamingDomBuilder builder(file.path, input, streamed_key, on_element);
  Json::sax_parse(input.begin(), input.end(), &builder);
  if (builder.syntax_error()) {
    problems.push_back(syntax_problem(file.path, file.text, *builder.syntax_error()));
    return std::nullopt;
  }
  return finish(builder, problems);
}

std::optional<ParsedJson> parse_json_file_stream(const std::string& path, std::string_view streamed_key,
                                                 const ElementSink& on_element,
                                                 std::vector<SourceProblem>& problems) {
  std::ifstream in(path, std::ios::binary);
  LineCountingInput input(in);
  StreamingDomBuilder builder(path, input, streamed_key, on_element);
  if (in) Json::sax_parse(input.begin(), input.end(), &builder);
  if (!in.is_open() || input.failed()) {
    problems.push_back(unreadable(path));
    return std::nullopt;
  }
  if (builder.syntax_error()) {
    problems.push_back(syntax_problem(path, whole_file(path), *builder.syntax_error()));
    return std::nullopt;
  }
  return finish(builder, problems);
}

}  // namespace mltprep
