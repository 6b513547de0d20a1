#include "text_output.h"

#include <cstdio>
#include <ostream>

#include "mltprep/app/shapes.h"

namespace mltprep::cli {
namespace {

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string right(const std::string& text, std::size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

void print_groups(std::ostream& out, const char* title, const std::vector<GroupScore>& groups) {
  out << "\n"
      << padded(title, 40) << right("Items", 6) << right("Right", 7) << right("%", 7) << right("θ", 7)
      << right("SE", 6) << "  Band\n";
  for (const auto& group : groups) {
    if (group.attempted == 0) {
      out << padded(group.name, 40) << right("0", 6) << "      -      -      -     -  no items\n";
      continue;
    }
    out << padded(group.name, 40) << right(std::to_string(group.attempted), 6)
        << right(std::to_string(group.correct), 7) << right(fixed(group.percent, 1), 7);
    if (group.ability && group.band) {
      out << right(fixed(group.ability->theta, 2), 7) << right(fixed(group.ability->se, 2), 6) << "  "
          << band_name(*group.band) << "\n";
    } else {
      out << right("-", 7) << right("-", 6) << "  no estimate\n";
    }
  }
}

// θ, the scaled score and the chance of passing, each only when estimated.
void print_scores(std::ostream& out, const Report& report) {
  if (!report.ability) {
    out << (report.session.status == SessionStatus::finished ? "No answers: no score.\n"
                                                             : "No answers yet: no score.\n");
    return;
  }
  out << "Ability estimate θ = " << fixed(report.ability->theta, 2) << " logits, standard error "
      << fixed(report.ability->se, 2) << ".\n";
  if (report.scaled_score) {
    out << "Estimated scaled score: " << *report.scaled_score << " (pass mark "
        << fixed(report.scale.passing_score, 0) << " on " << fixed(report.scale.minimum, 0) << "–"
        << fixed(report.scale.maximum, 0) << ").\n";
  }
  if (report.pass_probability && report.band) {
    out << "Probability of passing: " << fixed(100.0 * *report.pass_probability, 0) << " % ("
        << band_name(*report.band) << " the passing standard of " << report.blueprint_name << ").\n";
  }
}

}  // namespace

std::string format_remaining(TimeMs remaining_ms) {
  const long long seconds = remaining_ms / 1000;
  char text[32];
  if (seconds >= 3600) {
    std::snprintf(text, sizeof text, "%lld h %02lld min", seconds / 3600, (seconds % 3600) / 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", seconds / 60, seconds % 60);
  }
  return text;
}

void print_item(std::ostream& out, const PresentedItem& item, const SessionInfo& session) {
  out << "\n── Item " << item.position + 1 << " of " << item.item_count;
  if (item.remaining_ms) out << " · time left " << format_remaining(*item.remaining_ms);
  if (item.flagged) out << " · flagged";
  out << " ──\n" << item.stem << "\n";
  for (std::size_t i = 0; i < item.options.size(); ++i) {
    const bool chosen = item.chosen && *item.chosen == static_cast<int>(i);
    out << (chosen ? " *" : "  ") << option_letter(static_cast<int>(i)) << ". " << item.options[i] << "\n";
  }
  if (session.kind == SessionKind::linear_exam) {
    out << "Answer A-" << option_letter(static_cast<int>(item.options.size()) - 1)
        << ", or: next, previous, flag, review, goto N, submit, q (save and leave)\n";
  } else {
    out << "Answer A-" << option_letter(static_cast<int>(item.options.size()) - 1) << " (or 1-"
        << item.options.size() << "), q to save and leave\n";
  }
  out << "> " << std::flush;
}

void print_feedback(std::ostream& out, const AnswerOutcome& outcome) {
  if (!outcome.correct) {
    out << "Recorded.\n";
    return;
  }
  if (*outcome.correct) {
    out << "Correct.\n";
  } else {
    out << "Not quite: the answer is " << option_letter(*outcome.key) << ".\n";
  }
  out << outcome.explanation << "\n";
  for (const auto& reference : outcome.references) out << "  Reference: " << reference << "\n";
}

void print_form(std::ostream& out, const std::vector<FormEntry>& form) {
  int answered = 0, flagged = 0;
  out << "\nReview of the form (· unanswered, + answered, ! flagged):\n";
  for (const auto& entry : form) {
    answered += entry.answered;
    flagged += entry.flagged;
    out << right(std::to_string(entry.position + 1), 4)
        << (entry.flagged    ? '!'
            : entry.answered ? '+'
                             : '.')
        << ((entry.position + 1) % 10 == 0 ? "\n" : " ");
  }
  out << "\n" << answered << " of " << form.size() << " answered, " << flagged << " flagged.\n";
}

void print_report(std::ostream& out, const Report& report) {
  const auto& session = report.session;
  out << "\n═══ " << session.label << " ═══\n";
  if (report.scores_withheld) {
    out << "In progress: " << report.answered << " of " << report.item_count
        << " answered. Scores are shown when the exam is finished (mltprep resume " << session.id << ").\n";
    return;
  }
  out << app::practice_estimate_notice() << "\n";
  if (session.expired) out << "Time ran out: the session was finished at its deadline.\n";
  if (report.answered == 0) {
    out << "Answered 0 of " << session.item_count << ".\n";  // the exam's length: none may be served yet
    print_scores(out, report);
  } else {
    out << "Answered " << report.answered << " of " << report.item_count << "; " << report.correct
        << " correct (" << fixed(report.percent, 1) << " %"
        << (report.unanswered_scored_wrong ? ", unanswered items count as wrong" : "") << ").\n";
    print_scores(out, report);
    if (report.scale.provisional) out << "Passing standard: " << report.scale.basis << "\n";
    out << "Item difficulties: " << report.provisional_items << " author estimates (provisional), "
        << report.calibrated_items << " calibrated from responses.\n";
    if (report.is_exam) print_groups(out, "Content area", report.areas);
    print_groups(out, "Discipline", report.disciplines);
  }
  out << "\nSession " << session.id << " (mltprep report " << session.id << " shows the item review)\n";
}

void print_review(std::ostream& out, const Report& report) {
  if (report.review.empty()) {
    out << "\nThe item review appears once the session is finished.\n";
    return;
  }
  out << "\nItem review:\n";
  for (const auto& entry : report.review) {
    out << "\n"
        << entry.position + 1 << ". [" << entry.item_id << ", " << entry.discipline << "] "
        << (entry.choice ? (entry.correct ? "correct" : "wrong") : "unanswered")
        << (entry.flagged ? ", flagged" : "") << "\n"
        << entry.stem << "\n";
    for (std::size_t i = 0; i < entry.options.size(); ++i) {
      const int index = static_cast<int>(i);
      const char* mark =
          index == entry.key ? " ✓ " : (entry.choice && *entry.choice == index ? " ✗ " : "   ");
      out << mark << option_letter(index) << ". " << entry.options[i] << "\n";
    }
    out << "   " << entry.explanation << "\n";
  }
}

void print_history(std::ostream& out, const std::vector<Report>& history) {
  if (history.empty()) {
    out << "No sessions yet.\n";
    return;
  }
  out << padded("Started", 24) << padded("Session", 44) << right("Items", 8) << right("%", 7)
      << right("Score", 7) << "  Status      Id\n";
  for (const auto& report : history) {
    const auto& session = report.session;
    out << padded(format_utc(session.started_at), 24) << padded(session.label.substr(0, 42), 44)
        << right(std::to_string(report.answered) + "/" + std::to_string(session.item_count), 8)
        << right(report.answered && !report.scores_withheld ? fixed(report.percent, 1) : "-", 7)
        << right(report.scaled_score && !report.scores_withheld ? std::to_string(*report.scaled_score) : "-",
                 7)
        << "  "
        << padded(session.status == SessionStatus::finished ? (session.expired ? "time out" : "finished")
                                                            : "in progress",
                  12)
        << session.id << "\n";
  }
}

void print_session_start(std::ostream& out, const SessionInfo& session) {
  out << session.label << " — " << session.item_count << " items";
  if (session.deadline) {
    out << ", time limit " << format_remaining(*session.deadline - session.started_at)
        << (session.time_multiplier > 1 ? " (extra time included)" : "");
  }
  out << ".\n";
}

void print_exams(std::ostream& out, const std::vector<Blueprint>& blueprints, const std::string& default_id) {
  for (const auto& blueprint : blueprints) {
    const auto& scale = blueprint.scale;
    out << padded(blueprint.id, 16) << blueprint.name << (blueprint.id == default_id ? " (default)" : "")
        << "\n"
        << padded("", 16) << blueprint.item_count << " items, "
        << format_remaining(static_cast<TimeMs>(blueprint.time_limit_minutes) * 60000) << ", "
        << (blueprint.mode == ExamMode::adaptive ? "adaptive, no going back" : "fixed form, review allowed")
        << "; scaled score " << fixed(scale.minimum, 0) << "-" << fixed(scale.maximum, 0) << ", "
        << fixed(scale.passing_score, 0) << " to pass" << (scale.provisional ? " (provisional standard)" : "")
        << "\n";
  }
}

void print_item_counts(std::ostream& out, const app::ItemCounts& counts) {
  out << padded("discipline", 16);
  for (const auto& column : counts.columns) out << " " << column;
  out << "\n";
  for (const auto& [name, row] : counts.rows) {
    out << padded(name, 16);
    for (std::size_t i = 0; i < counts.columns.size(); ++i) {
      out << " " << right(std::to_string(row[i]), counts.columns[i].size());
    }
    out << "\n";
  }
}

void print_topics(std::ostream& out, const std::vector<app::DisciplineSummary>& disciplines) {
  for (const auto& summary : disciplines) {
    out << summary.discipline.id << " — " << summary.discipline.name << " (" << summary.items << " items)\n";
    for (const auto& topic : summary.topics) out << "  " << topic << "\n";
  }
}

}  // namespace mltprep::cli
