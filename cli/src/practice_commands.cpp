#include <ostream>

#include "commands.h"
#include "mltprep/error.h"
#include "numbers.h"
#include "terminal_session.h"
#include "text_output.h"

namespace mltprep::cli {
namespace {

ItemFilter filter_from(const Context& context) {
  ItemFilter filter;
  filter.disciplines = context.args().values("discipline");
  filter.topics = context.args().values("topic");
  if (auto level = context.args().value("level")) {
    filter.level = parse_level(*level);
    if (!filter.level) throw UsageError{"--level is recall, application or analysis, not '" + *level + "'"};
  }
  if (auto difficulty = context.args().value("difficulty")) {
    filter.difficulty = parse_difficulty(*difficulty);
    if (!filter.difficulty)
      throw UsageError{"--difficulty is easy, medium or hard, not '" + *difficulty + "'"};
  }
  return filter;
}

int start_and_take(Context& context, const SessionRequest& request) {
  const auto session = context.engine().start(request);
  context.out() << session.label << " — " << session.item_count << " items";
  if (session.deadline) {
    context.out() << ", time limit " << format_remaining(*session.deadline - session.started_at)
                  << (session.time_multiplier > 1 ? " (extra time included)" : "");
  }
  context.out() << ".\n";
  return take_session(context, session.id);
}

}  // namespace

int drill(Context& context) {
  SessionRequest request;
  request.kind = SessionKind::drill;
  request.student = context.student();
  request.filter = filter_from(context);
  request.item_count = whole_number_option(context.args(), "count", 10);
  request.blueprint_id = context.args().value("blueprint").value_or("ascp-mlt");
  request.seed = seed_option(context.args());
  return start_and_take(context, request);
}

int exam(Context& context) {
  const auto blueprint_id = context.args().value("blueprint");
  if (!blueprint_id) throw UsageError{"mltprep exam needs --blueprint (ascp-mlt or amt-mlt)"};
  const auto& blueprint = context.engine().blueprint(*blueprint_id);
  SessionRequest request;
  request.kind = blueprint.mode == ExamMode::adaptive ? SessionKind::adaptive_exam : SessionKind::linear_exam;
  request.student = context.student();
  request.blueprint_id = blueprint.id;
  request.seed = seed_option(context.args());
  if (auto multiplier = context.args().value("time-multiplier")) {
    try {
      request.time_multiplier = std::stod(*multiplier);
    } catch (const std::exception&) {
      throw UsageError{"--time-multiplier takes a number such as 1.5, not '" + *multiplier + "'"};
    }
  }
  return start_and_take(context, request);
}

int resume(Context& context) {
  auto& engine = context.engine();
  std::string session_id;
  if (!context.args().positionals.empty()) {
    session_id = context.args().positionals.front();
  } else if (auto unfinished = engine.latest_unfinished(context.student())) {
    session_id = unfinished->id;
  } else {
    context.out() << "No unfinished session for " << context.student() << ".\n";
    return 0;
  }
  const auto session = engine.session(session_id);
  if (session.student != context.student()) {
    throw Error(ErrorCode::not_found, "no session " + session_id + " for student " + context.student());
  }
  if (session.status == SessionStatus::finished) {
    context.out() << "Session " << session_id << " is finished; here is its report.\n";
    print_report(context.out(), engine.report(session_id));
    return 0;
  }
  context.out() << "Resuming " << session.label << " at item " << session.answered_count + 1 << ".\n";
  return take_session(context, session_id);
}

}  // namespace mltprep::cli
