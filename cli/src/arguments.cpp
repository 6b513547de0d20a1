#include "arguments.h"

#include <sstream>

namespace mltprep::cli {

std::optional<std::string> Arguments::value(const std::string& name) const {
  auto found = options.find(name);
  if (found == options.end() || found->second.empty()) return std::nullopt;
  return found->second.back();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  std::vector<std::string> all;
  auto found = options.find(name);
  if (found == options.end()) return all;
  for (const auto& value : found->second) {
    std::stringstream parts(value);
    for (std::string part; std::getline(parts, part, ',');) {
      if (!part.empty()) all.push_back(part);
    }
  }
  return all;
}

Arguments parse_arguments(const std::vector<std::string>& args, const std::set<std::string>& flags) {
  Arguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      parsed.positionals.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    const auto equals = name.find('=');
    if (equals != std::string::npos) {
      parsed.options[name.substr(0, equals)].push_back(name.substr(equals + 1));
    } else if (flags.count(name)) {
      parsed.options[name].push_back("");
    } else if (i + 1 < args.size()) {
      parsed.options[name].push_back(args[++i]);
    } else {
      throw UsageError{"option --" + name + " needs a value"};
    }
  }
  return parsed;
}

}  // namespace mltprep::cli
