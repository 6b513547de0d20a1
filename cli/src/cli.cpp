#include "mltprep/cli.h"

#include <ostream>

namespace mltprep {

int run_cli(const std::vector<std::string>&, std::istream&, std::ostream& out, std::ostream&) {
  out << "mltprep: under construction\n";
  return 0;
}

}  // namespace mltprep
