// Reading typed fields out of bank and blueprint JSON while reporting every
// problem (missing, wrong type, empty, unknown) instead of stopping at the
// first. Private to the engine (includes nlohmann).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mltprep/source_file.h"

namespace mltprep {

using Json = nlohmann::json;

// Where problems go and what they concern: each problem made through one
// Reporter names the same file, item (or area) and line; `prefix` is put
// before field names ("irt.", "areas[2].").
struct Reporter {
  explicit Reporter(std::vector<SourceProblem>& sink, std::string file_name = "", std::string item = "",
                    int item_line = 0)
      : problems(&sink), file(std::move(file_name)), item_id(std::move(item)), line(item_line) {}

  std::vector<SourceProblem>* problems;
  std::string file;
  std::string item_id;
  std::string subject = "item";
  int line = 0;
  std::string prefix;

  void report(const std::string& field, const std::string& message) const;
  Reporter nested(const std::string& more_prefix) const;
  std::size_t count() const { return problems->size(); }
};

enum class Presence { required, optional };

// "a number", "an array", ... for messages.
std::string json_type_phrase(const Json& value);

// The member `key`, or nullptr; reports it when required and missing.
const Json* find_member(const Json& object, const std::string& key, const Reporter& reporter,
                        Presence presence);

// Each reader reports and returns nullopt when the field is missing (and
// required) or malformed. Strings are "empty" when they hold only blanks.
std::optional<std::string> read_string(const Json& object, const std::string& key, const Reporter& reporter,
                                       Presence presence = Presence::required, bool allow_empty = false);
std::optional<double> read_number(const Json& object, const std::string& key, const Reporter& reporter,
                                  Presence presence = Presence::required);
std::optional<long long> read_integer(const Json& object, const std::string& key, const Reporter& reporter,
                                      Presence presence = Presence::required);
std::optional<bool> read_bool(const Json& object, const std::string& key, const Reporter& reporter,
                              Presence presence = Presence::required);
// An array of strings (non-empty unless `allow_empty`) with at least `min_items` elements.
std::optional<std::vector<std::string>> read_strings(const Json& object, const std::string& key,
                                                     const Reporter& reporter, std::size_t min_items,
                                                     Presence presence = Presence::required,
                                                     bool allow_empty = false);

// Reports members not in `known`, suggesting the nearest known name for a likely typo.
void report_unknown_fields(const Json& object, std::initializer_list<const char*> known,
                           const Reporter& reporter);

// True for a text of blanks only (or none): an "empty" field.
bool is_blank_only(const std::string& text);
// Text compared for duplicate checks: blanks trimmed (and runs of blanks
// collapsed), ASCII letters lower-cased.
std::string comparison_key(const std::string& text);

}  // namespace mltprep
