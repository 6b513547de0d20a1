// Reading options; a malformed value is a usage error naming the option.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "arguments.h"
#include "mltprep/error.h"

namespace mltprep::cli {

// Runs one of the application layer's shared validations, whose messages
// begin with the field's name; its Error(invalid_input) becomes a usage error
// about the option of that name ("--level must be ...").
template <typename Validation>
auto as_usage(Validation validation) -> decltype(validation()) {
  try {
    return validation();
  } catch (const Error& error) {
    if (error.code() != ErrorCode::invalid_input) throw;
    throw UsageError{std::string("--") + error.what()};
  }
}

int whole_number_option(const Arguments& args, const std::string& option, int fallback);
std::optional<std::uint64_t> seed_option(const Arguments& args);
// --since YYYY-MM-DD as the start of that day in UTC (ms since the epoch); 0 when absent.
std::int64_t date_option(const Arguments& args, const std::string& option);

}  // namespace mltprep::cli
