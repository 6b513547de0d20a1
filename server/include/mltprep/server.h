// The embedded HTTP server. Placeholder until the browser-quiz issue builds the
// JSON API; it exists so the layout and the build are in place.
#pragma once

#include <string>

namespace mltprep {

// The version string the server reports.
std::string server_version();

}  // namespace mltprep
