// history and report: a student's results.
#include <ostream>

#include "commands.h"
#include "mltprep/app/shapes.h"
#include "text_output.h"

namespace mltprep::cli {

int history(Context& context) {
  const auto history = context.service().history(context.student());
  return context.render([&] { return app::history_json(history); },
                        [&](std::ostream& out) {
                          out << "Sessions of " << context.student() << " ("
                              << app::practice_estimate_notice() << ")\n";
                          print_history(out, history);
                        });
}

int report(Context& context) {
  if (context.args().positionals.size() != 1) throw UsageError{"mltprep report needs one session id"};
  auto& service = context.service();
  const auto report =
      service.report(service.session_of(context.student(), context.args().positionals.front()).id);
  return context.render([&] { return app::report_json(report); },
                        [&](std::ostream& out) {
                          print_report(out, report);
                          print_review(out, report);
                        });
}

}  // namespace mltprep::cli
