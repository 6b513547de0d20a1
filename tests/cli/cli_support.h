// Running `mltprep` in tests: in-process through run_cli, or as the real
// binary in a child process.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/cli.h"
#include "mltprep/discipline.h"
#include "mltprep/synthetic.h"

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
// Per process, so that test runs side by side (two checkouts, two builds)
// never share a file.
inline std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("mltprep-cli-" + std::to_string(::getpid()) + "-" + name);
}

inline std::string fresh_database(const std::string& name) {
  const auto path = temp_path(name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

inline std::string repeat_lines(const std::string& line, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += line + "\n";
  return text;
}

inline std::string source_path(const std::string& relative) {
  return std::string(MLTPREP_SOURCE_DIR) + "/" + relative;
}

// Writes a valid bank file of synthetic items (ids given their discipline's
// prefix) so a test can fill a database beyond the bundled bank.
inline std::string write_synthetic_bank(const std::string& name, int count) {
  SyntheticBankSpec spec;
  spec.item_count = count;
  std::string items;
  for (auto item : make_synthetic_items(spec)) {
    item.id = bundled_taxonomy().find(item.discipline)->id_prefix + "-" + item.id.substr(4);
    items += (items.empty() ? "" : ",\n") + item_to_json(item);
  }
  const auto path = temp_path(name + ".json");
  std::ofstream(path) << "{\"bank\": \"synthetic-fixture\", \"version\": \"1\", \"items\": [\n"
                      << items << "]}\n";
  return path.string();
}

}  // namespace mltprep::testing
