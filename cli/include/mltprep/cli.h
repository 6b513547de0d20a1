// The `mltprep` command line as a function, so tests can run it in-process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mltprep {

// Runs one command line (args without the program name). Returns the exit
// code: 0 success, 1 a problem with the data or the user's input, 2 usage.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace mltprep
