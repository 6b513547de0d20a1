#include <iostream>

#include "mltprep/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return mltprep::run_cli(args, std::cin, std::cout, std::cerr);
}
