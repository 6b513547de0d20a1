#include "mltprep/server.h"

#include <httplib.h>

namespace mltprep {

std::string server_version() { return std::string("mltprep-server with cpp-httplib ") + CPPHTTPLIB_VERSION; }

}  // namespace mltprep
