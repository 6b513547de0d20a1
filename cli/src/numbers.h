// Reading numeric options; a malformed number is a usage error naming the option.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "arguments.h"

namespace mltprep::cli {

int whole_number_option(const Arguments& args, const std::string& option, int fallback);
std::optional<std::uint64_t> seed_option(const Arguments& args);

}  // namespace mltprep::cli
