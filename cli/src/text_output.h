// How sessions, items and reports look in a terminal.
#pragma once

#include <iosfwd>
#include <vector>

#include "mltprep/practice.h"

namespace mltprep::cli {

void print_item(std::ostream& out, const PresentedItem& item, const SessionInfo& session);
void print_feedback(std::ostream& out, const AnswerOutcome& outcome);
void print_form(std::ostream& out, const std::vector<FormEntry>& form);
void print_report(std::ostream& out, const Report& report);
void print_review(std::ostream& out, const Report& report);
void print_history(std::ostream& out, PracticeEngine& engine, const std::vector<SessionInfo>& sessions);

// "1 h 05 min", "12:34" style remaining time.
std::string format_remaining(TimeMs remaining_ms);

}  // namespace mltprep::cli
