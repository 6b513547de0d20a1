// How sessions, items and reports look in a terminal.
#pragma once

#include <iosfwd>
#include <vector>

#include "mltprep/app/service.h"

namespace mltprep::cli {

void print_item(std::ostream& out, const PresentedItem& item, const SessionInfo& session);
void print_feedback(std::ostream& out, const AnswerOutcome& outcome);
void print_form(std::ostream& out, const std::vector<FormEntry>& form);
void print_report(std::ostream& out, const Report& report);
void print_review(std::ostream& out, const Report& report);
void print_history(std::ostream& out, const std::vector<Report>& history);
void print_session_start(std::ostream& out, const SessionInfo& session);
void print_exams(std::ostream& out, const std::vector<Blueprint>& blueprints, const std::string& default_id);
void print_item_counts(std::ostream& out, const app::ItemCounts& counts);
void print_topics(std::ostream& out, const std::vector<app::DisciplineSummary>& disciplines);

// "1 h 05 min", "12:34" style remaining time.
std::string format_remaining(TimeMs remaining_ms);

}  // namespace mltprep::cli
