// JSON renderings of reports and session summaries, shared by the CLI's
// --json output and the HTTP API so both say the same thing.
#pragma once

#include <string>
#include <vector>

#include "mltprep/scoring.h"
#include "mltprep/session.h"

namespace mltprep {

std::string report_to_json(const Report& report, int indent = 2);
std::string session_to_json(const SessionInfo& session, int indent = 2);
std::string sessions_to_json(const std::vector<SessionInfo>& sessions, int indent = 2);

// The sentence every score report carries: these are practice estimates.
const char* practice_estimate_notice();

}  // namespace mltprep
