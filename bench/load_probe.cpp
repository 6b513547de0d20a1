// Loads a synthetic bank once, from JSON or from SQLite, and prints the time
// and the process's peak resident memory (VmHWM): each load is measured in a
// fresh process, so no earlier allocation or cache inflates or hides the peak.
// Usage: mltprep_load_probe prepare|json|sqlite|baseline ITEMS
//   prepare   writes the bank file and the database to the temp folder (run it first)
//   json      reads the file as `mltprep bank` does (parse_bank_files: parsed as it is read) and validates it
//   sqlite    opens the database and reads the current items, as the engine does at start
//   baseline  does nothing: the process's own peak, to compare the others with
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "bench_support.h"
#include "mltprep/store.h"

namespace {

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string source = argc == 3 ? argv[1] : "";
  if (source != "prepare" && source != "json" && source != "sqlite" && source != "baseline") {
    std::cerr << "usage: mltprep_load_probe prepare|json|sqlite|baseline ITEMS\n";
    return 2;
  }
  const int count = std::stoi(argv[2]);
  const auto folder = std::filesystem::temp_directory_path();
  const auto json_path = folder / ("mltprep-probe-" + std::to_string(count) + ".json");
  const auto db_path = folder / ("mltprep-probe-" + std::to_string(count) + ".db");
  // Preparing is a run of its own so that its memory does not count in a load.
  if (source == "prepare") {
    const auto items = mltprep::bench::valid_synthetic_items(count);
    std::ofstream(json_path) << mltprep::bench::bank_json(items);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path.string() + suffix);
    mltprep::Store(db_path.string()).import_items(items);
    return 0;
  }
  // What was loaded stays alive until the clock is read: freeing it is not part of a load.
  mltprep::BankSet banks;
  std::vector<mltprep::StoredItem> pool;
  const auto start = std::chrono::steady_clock::now();
  if (source == "json") {
    std::vector<mltprep::SourceProblem> problems;
    banks = mltprep::parse_bank_files(mltprep::find_json_files({json_path.string()}, problems),
                                      mltprep::bundled_taxonomy());
    if (!problems.empty() || !banks.ok()) {
      std::cerr << describe(problems.empty() ? banks.problems.front() : problems.front()) << "\n";
      return 1;
    }
  } else if (source == "sqlite") {
    pool = mltprep::Store(db_path.string()).current_items();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::size_t loaded = pool.size();
  for (const auto& bank : banks.banks) loaded += bank.items.size();
  std::printf("%s %d items: loaded %zu in %.3f s, peak RSS %.1f MiB\n", source.c_str(), count, loaded,
              seconds, static_cast<double>(peak_rss_kib()) / 1024.0);
  return 0;
}
