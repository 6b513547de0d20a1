// Command-line arguments: positionals and --options (with "--name value" or
// "--name=value"; flags take no value). Nothing here knows about commands.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mltprep::cli {

struct Arguments {
  std::vector<std::string> positionals;
  std::map<std::string, std::vector<std::string>> options;  // name without dashes → values ("" for flags)

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::optional<std::string> value(const std::string& name) const;  // the last value given
  std::vector<std::string> values(const std::string& name) const;   // all values, comma lists split
};

// Throws UsageError for an option missing its value.
Arguments parse_arguments(const std::vector<std::string>& args, const std::set<std::string>& flags);

struct UsageError {
  std::string message;
};

}  // namespace mltprep::cli
