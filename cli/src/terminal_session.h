// Takes a session in the terminal: shows each item, reads answers and
// commands line by line, until the session ends, the student leaves with q,
// or the input ends (both of which save and leave it resumable).
#pragma once

#include <string>

#include "context.h"

namespace mltprep::cli {

// Returns the exit code.
int take_session(Context& context, const std::string& session_id);

}  // namespace mltprep::cli
