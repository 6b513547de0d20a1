#include <ostream>

#include "commands.h"
#include "mltprep/error.h"
#include "mltprep/report_json.h"
#include "text_output.h"

namespace mltprep::cli {

int history(Context& context) {
  auto& engine = context.engine();
  const auto sessions = engine.history(context.student());
  if (context.json()) {
    context.out() << sessions_to_json(sessions) << "\n";
    return 0;
  }
  context.out() << "Sessions of " << context.student() << " (" << practice_estimate_notice() << ")\n";
  print_history(context.out(), engine, sessions);
  return 0;
}

int report(Context& context) {
  if (context.args().positionals.size() != 1) throw UsageError{"mltprep report needs one session id"};
  auto& engine = context.engine();
  const auto& session_id = context.args().positionals.front();
  const auto session = engine.session(session_id);
  if (session.student != context.student()) {
    throw Error(ErrorCode::not_found, "no session " + session_id + " for student " + context.student());
  }
  const auto report = engine.report(session_id);
  if (context.json()) {
    context.out() << report_to_json(report) << "\n";
    return 0;
  }
  print_report(context.out(), report);
  print_review(context.out(), report);
  return 0;
}

}  // namespace mltprep::cli
