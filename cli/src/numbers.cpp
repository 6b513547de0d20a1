#include "numbers.h"

namespace mltprep::cli {

int whole_number_option(const Arguments& args, const std::string& option, int fallback) {
  const auto text = args.value(option);
  if (!text) return fallback;
  try {
    std::size_t used = 0;
    const int value = std::stoi(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  throw UsageError{"--" + option + " takes a whole number, not '" + *text + "'"};
}

std::optional<std::uint64_t> seed_option(const Arguments& args) {
  const auto text = args.value("seed");
  if (!text) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto value = std::stoull(*text, &used);
    if (used == text->size() && (*text)[0] != '-') return value;
  } catch (const std::exception&) {
  }
  throw UsageError{"--seed takes a whole number, not '" + *text + "'"};
}

}  // namespace mltprep::cli
