// drill, exam, resume: sessions taken in the terminal.
#include <ostream>

#include "commands.h"
#include "mltprep/app/requests.h"
#include "mltprep/app/shapes.h"
#include "mltprep/error.h"
#include "numbers.h"
#include "terminal_session.h"
#include "text_output.h"

namespace mltprep::cli {
namespace {

ItemFilter filter_from(const Arguments& args) {
  ItemFilter filter;
  filter.disciplines = args.values("discipline");
  filter.topics = args.values("topic");
  if (auto level = args.value("level")) filter.level = as_usage([&] { return app::level_named(*level); });
  if (auto difficulty = args.value("difficulty")) {
    filter.difficulty = as_usage([&] { return app::difficulty_named(*difficulty); });
  }
  return filter;
}

double time_multiplier_option(const Arguments& args) {
  const auto text = args.value("time-multiplier");
  if (!text) return 1.0;
  try {
    std::size_t used = 0;
    const double value = std::stod(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  throw UsageError{"--time-multiplier takes a number such as 1.5, not '" + *text + "'"};
}

int start_and_take(Context& context, const SessionRequest& request) {
  const auto started = context.service().start(request);
  print_session_start(context.out(), started.session);
  return take_session(context, started.session.id);
}

}  // namespace

int drill(Context& context) {
  SessionRequest request;
  request.kind = SessionKind::drill;
  request.student = context.student();
  request.filter = filter_from(context.args());
  request.item_count = whole_number_option(context.args(), "count", 10);
  request.blueprint_id = context.args().value("blueprint").value_or("");
  request.seed = seed_option(context.args());
  return start_and_take(context, request);
}

int exam(Context& context) {
  const auto blueprint_id = context.args().value("blueprint");
  if (!blueprint_id) throw UsageError{"mltprep exam needs --blueprint (mltprep exams lists them)"};
  const auto& blueprint = context.service().blueprint(*blueprint_id);
  SessionRequest request;
  request.kind = blueprint.mode == ExamMode::adaptive ? SessionKind::adaptive_exam : SessionKind::linear_exam;
  request.student = context.student();
  request.blueprint_id = blueprint.id;
  request.seed = seed_option(context.args());
  request.time_multiplier = time_multiplier_option(context.args());
  return start_and_take(context, request);
}

int resume(Context& context) {
  const auto& named = context.args().positionals;
  const auto session = context.service().session_to_resume(
      context.student(), named.empty() ? std::nullopt : std::optional<std::string>(named.front()));
  if (!session) {
    context.out() << "No unfinished session for " << context.student() << ".\n";
  } else if (session->status == SessionStatus::finished) {
    context.out() << "Session " << session->id << " is finished; here is its report.\n";
    print_report(context.out(), context.service().report(session->id));
  } else {
    context.out() << "Resuming " << session->label << " at item " << session->answered_count + 1 << ".\n";
    return take_session(context, session->id);
  }
  return 0;
}

int exams(Context& context) {
  const auto& service = context.service();
  const auto& default_id = service.taxonomy().default_blueprint();
  return context.render([&] { return app::blueprints_json(service.blueprints(), default_id); },
                        [&](std::ostream& out) { print_exams(out, service.blueprints(), default_id); });
}

}  // namespace mltprep::cli
