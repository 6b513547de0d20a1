// The JSON column that keeps a session's settings (filter, time multiplier,
// the recently seen items it avoided) in storage.
#pragma once

#include <string>

#include "mltprep/session.h"

namespace mltprep {

std::string session_settings_json(const SessionInfo& session);
// Fills the settings fields of `session` from the stored text.
void read_session_settings(const std::string& text, SessionInfo& session);

}  // namespace mltprep
