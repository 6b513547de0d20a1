#include "numbers.h"

#include <ctime>

#include "mltprep/app/requests.h"
#include "mltprep/error.h"

namespace mltprep::cli {

int whole_number_option(const Arguments& args, const std::string& option, int fallback) {
  const auto text = args.value(option);
  return text ? as_usage([&] { return app::whole_number(*text, option.c_str()); }) : fallback;
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

std::int64_t date_option(const Arguments& args, const std::string& option) {
  const auto text = args.value(option);
  if (!text) return 0;
  std::tm date{};
  const char* end = ::strptime(text->c_str(), "%Y-%m-%d", &date);
  if (!end || *end != '\0')
    throw UsageError{"--" + option + " takes a date as YYYY-MM-DD, not '" + *text + "'"};
  const int month = date.tm_mon, day = date.tm_mday;
  const std::time_t seconds = ::timegm(&date);
  if (date.tm_mon != month || date.tm_mday != day) {  // timegm normalised an impossible date such as 02-30
    throw UsageError{"--" + option + ": '" + *text + "' is not a calendar date"};
  }
  return static_cast<std::int64_t>(seconds) * 1000;
}

}  // namespace mltprep::cli
