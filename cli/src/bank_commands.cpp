// bank validate, bank import, bank list: banks, blueprints and taxonomies in
// and the items a database holds.
#include <cstdio>
#include <ostream>

#include "commands.h"
#include "mltprep/app/conversion.h"
#include "mltprep/app/data_files.h"
#include "mltprep/app/shapes.h"
#include "text_output.h"

namespace mltprep::cli {
namespace {

void require_paths(const Context& context, const char* command) {
  if (context.args().positionals.empty()) {
    throw UsageError{std::string("mltprep ") + command + " needs at least one file or folder"};
  }
}

}  // namespace

int bank_validate(Context& context) {
  require_paths(context, "bank validate");
  const auto checked = app::check_data_files(context.args().positionals);
  if (!checked.ok()) {
    for (const auto& problem : checked.problems) context.err() << describe(problem) << "\n";
    context.err() << app::problems_found(checked.problems.size()) << ".\n";
    return 1;
  }
  context.out() << "OK: " << checked.banks.all_items().size() << " items in " << checked.bank_files
                << " bank files, " << checked.blueprints.size() << " blueprints in "
                << checked.blueprint_files.size() << " files, " << checked.taxonomy.disciplines().size()
                << " disciplines.\n";
  return 0;
}

int bank_import(Context& context) {
  require_paths(context, "bank import");
  const auto summary = context.service().import_files(context.args().positionals);
  context.out() << "Imported into " << context.database_path() << ": " << summary.added << " new, "
                << summary.revised << " changed (new versions), " << summary.unchanged << " unchanged.\n";
  return 0;
}

int bank_list(Context& context) {
  const auto counts = context.service().item_counts();
  return context.render([&] { return app::item_counts_json(counts); },
                        [&](std::ostream& out) {
                          out << "Items in " << context.database_path()
                              << " (difficulty: author estimate unless calibrated)\n";
                          print_item_counts(out, counts);
                        });
}

int topics(Context& context) {
  const auto disciplines = context.service().disciplines();
  return context.render([&] { return app::disciplines_json(disciplines); },
                        [&](std::ostream& out) { print_topics(out, disciplines); });
}

}  // namespace mltprep::cli
