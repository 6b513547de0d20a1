// backup and restore: a school keeps its results.
#include <ostream>

#include "commands.h"

namespace mltprep::cli {
int backup(Context& context) {
  const auto out = context.single_path("backup");
  context.service().backup(out);
  context.out() << "Backed up " << context.database_path() << " to " << out << ".\n";
  return 0;
}

int restore(Context& context) {
  const auto in = context.single_path("restore");
  app::restore_database(in, context.database_path());
  context.out() << "Restored " << context.database_path() << " from " << in << ".\n";
  return 0;
}

}  // namespace mltprep::cli
