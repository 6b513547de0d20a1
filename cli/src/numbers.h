// Reading numeric options; a malformed number is a usage error naming the option.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "arguments.h"

namespace mltprep::cli {

int whole_number_option(const Arguments& args, const std::string& option, int fallback);
std::optional<std::uint64_t> seed_option(const Arguments& args);
// --since YYYY-MM-DD as the start of that day in UTC (ms since the epoch); 0 when absent.
std::int64_t date_option(const Arguments& args, const std::string& option);

}  // namespace mltprep::cli
