// Loads a synthetic bank once, from JSON or from SQLite, and prints the
// process's peak resident memory: each load measured in a fresh process.
// Usage: mltprep_load_probe json|sqlite ITEMS
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
  if (argc != 3) {
    std::cerr << "usage: mltprep_load_probe json|sqlite ITEMS\n";
    return 2;
  }
  const std::string source = argv[1];
  const int count = std::stoi(argv[2]);
  const auto folder = std::filesystem::temp_directory_path();
  const auto json_path = folder / ("mltprep-probe-" + std::to_string(count) + ".json");
  const auto db_path = folder / ("mltprep-probe-" + std::to_string(count) + ".db");
  // Prepare the input in a child run so its memory does not count here.
  if (source == "prepare") {
    const auto items = mltprep::bench::valid_synthetic_items(count);
    std::ofstream(json_path) << mltprep::bench::bank_json(items);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path.string() + suffix);
    mltprep::Store(db_path.string()).import_items(items);
    return 0;
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t loaded = 0;
  if (source == "json") {
    std::ifstream in(json_path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    loaded = mltprep::parse_banks({{json_path.string(), std::move(text)}}).all_items().size();
  } else {
    loaded = mltprep::Store(db_path.string()).current_items().size();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s %d items: loaded %zu in %.3f s, peak RSS %.1f MiB\n", source.c_str(), count, loaded, seconds,
              peak_rss_kib() / 1024.0);
  return 0;
}
