// The one exception type the engine throws; front ends map its code to an
// HTTP status or an exit code in one place each.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "mltprep/source_file.h"

namespace mltprep {

enum class ErrorCode {
  invalid_input,  // the caller's data or request is wrong
  not_found,      // a session, item, student or file that does not exist
  conflict,       // the request clashes with the current state (e.g. finished session)
  expired,        // the session's deadline has passed
  unauthorized,   // an instructor route without a valid instructor token
  storage,        // the database failed or is unusable
  internal,       // a broken invariant inside the engine
};

const char* error_code_name(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  // Data that breaks the bank rules: every problem, each naming file, item and field.
  Error(ErrorCode code, const std::string& message, std::vector<SourceProblem> problems)
      : std::runtime_error(message), code_(code), problems_(std::move(problems)) {}
  ErrorCode code() const { return code_; }
  const std::vector<SourceProblem>& problems() const { return problems_; }

 private:
  ErrorCode code_;
  std::vector<SourceProblem> problems_;
};

}  // namespace mltprep
