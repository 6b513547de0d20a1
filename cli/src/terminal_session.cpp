#include "terminal_session.h"

#include <algorithm>
#include <cctype>
#include <istream>
#include <ostream>

#include "mltprep/error.h"
#include "text_output.h"

namespace mltprep::cli {
namespace {

enum class Step { next, retry, leave, finished };

std::string normalised(std::string line) {
  line.erase(line.begin(),
             std::find_if(line.begin(), line.end(), [](unsigned char c) { return !std::isspace(c); }));
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  std::transform(line.begin(), line.end(), line.begin(), [](unsigned char c) { return std::tolower(c); });
  return line;
}

void say_saved(std::ostream& out, const std::string& session_id) {
  out << "\nSaved. Resume with: mltprep resume " << session_id << "\n";
}

void print_end(Context& context, const std::string& session_id) {
  const auto report = context.service().report(session_id);
  print_report(context.out(), report);
}

// Commands only a fixed form knows: navigation, flags, review, submit.
std::optional<Step> fixed_form_command(Context& context, const std::string& session_id,
                                       const PresentedItem& item, const std::string& command) {
  auto& service = context.service();
  auto& out = context.out();
  if (command == "next" || command == "n") {
    service.go_to(session_id, std::min(item.position + 1, item.item_count - 1));
  } else if (command == "previous" || command == "prev" || command == "p") {
    service.go_to(session_id, std::max(item.position - 1, 0));
  } else if (command == "flag" || command == "f") {
    service.set_flag(session_id, item.position, !item.flagged);
    out << (item.flagged ? "Flag removed.\n" : "Flagged for review.\n");
  } else if (command == "review" || command == "r") {
    print_form(out, service.form(session_id));
  } else if (command.rfind("goto ", 0) == 0 || command.rfind("g ", 0) == 0) {
    const std::string number = command.substr(command.find(' ') + 1);
    if (number.empty() || !std::all_of(number.begin(), number.end(), ::isdigit) || number.size() > 6) {
      out << "Type goto and an item number, for example: goto 12\n";
    } else {
      service.go_to(session_id, std::stoi(number) - 1);
    }
  } else if (command == "submit") {
    service.finish(session_id);
    return Step::finished;
  } else {
    return std::nullopt;
  }
  return Step::next;
}

Step handle_line(Context& context, const std::string& session_id, const SessionInfo& session,
                 const PresentedItem& item, const std::string& line) {
  auto& out = context.out();
  const std::string command = normalised(line);
  if (command == "q" || command == "quit") return Step::leave;
  if (auto choice = parse_option_choice(command, static_cast<int>(item.options.size()))) {
    const auto outcome = context.service().answer(session_id, item.position, *choice).outcome;
    print_feedback(out, outcome);
    return outcome.session_finished ? Step::finished : Step::next;
  }
  if (session.kind == SessionKind::linear_exam) {
    if (auto step = fixed_form_command(context, session_id, item, command)) return *step;
  }
  out << "Type a letter A-" << option_letter(static_cast<int>(item.options.size()) - 1)
      << (session.kind == SessionKind::linear_exam
              ? ", a command (next, previous, flag, review, goto N, submit)"
              : "")
      << ", or q to save and leave.\n";
  return Step::retry;
}

}  // namespace

int take_session(Context& context, const std::string& session_id) {
  auto& service = context.service();
  auto& out = context.out();
  bool show_item = true;
  while (true) {
    const auto [session, item] = service.current(session_id);
    if (!item) break;
    if (show_item) {
      print_item(out, *item, session);
    } else {
      out << "> " << std::flush;
    }
    std::string line;
    if (!std::getline(context.in(), line)) {
      say_saved(out, session_id);
      return 0;
    }
    try {
      const Step step = handle_line(context, session_id, session, *item, line);
      show_item = step != Step::retry;
      if (step == Step::leave) {
        say_saved(out, session_id);
        return 0;
      }
      if (step == Step::finished) break;
    } catch (const Error& error) {
      if (error.code() != ErrorCode::expired && error.code() != ErrorCode::invalid_input) throw;
      out << error.what() << "\n";
      if (error.code() == ErrorCode::expired) break;
    }
  }
  print_end(context, session_id);
  return 0;
}

}  // namespace mltprep::cli
