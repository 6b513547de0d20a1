// Running `mltprep` in tests: in-process through run_cli, or as the real
// binary in a child process.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "mltprep/cli.h"

namespace mltprep::testing {

struct CliResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

inline CliResult run(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int code = run_cli(args, in, out, err);
  return {code, out.str(), err.str()};
}

// A fresh database path in the temp folder, removed with its WAL files.
inline std::string fresh_database(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("mltprep-cli-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

inline std::string repeat_lines(const std::string& line, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += line + "\n";
  return text;
}

inline std::string source_path(const std::string& relative) { return std::string(MLTPREP_SOURCE_DIR) + "/" + relative; }

}  // namespace mltprep::testing
