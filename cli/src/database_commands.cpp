// backup and restore: a school keeps its results.
#include <ostream>

#include "commands.h"

namespace mltprep::cli {
namespace {

std::string single_path(const Context& context, const char* command) {
  if (context.args().positionals.size() != 1) {
    throw UsageError{std::string("mltprep ") + command + " takes exactly one file"};
  }
  return context.args().positionals.front();
}

}  // namespace

int backup(Context& context) {
  const auto out = single_path(context, "backup");
  context.service().backup(out);
  context.out() << "Backed up " << context.database_path() << " to " << out << ".\n";
  return 0;
}

int restore(Context& context) {
  const auto in = single_path(context, "restore");
  app::restore_database(in, context.database_path());
  context.out() << "Restored " << context.database_path() << " from " << in << ".\n";
  return 0;
}

}  // namespace mltprep::cli
