// stats, bank calibrate and results export: what instructors learn from
// stored answers (docs/item-analysis.md).
#include <cstdio>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "files.h"
#include "mltprep/analysis_json.h"
#include "mltprep/calibration.h"
#include "mltprep/discipline.h"
#include "mltprep/error.h"
#include "mltprep/item_analysis.h"
#include "mltprep/report_json.h"
#include "numbers.h"

namespace mltprep::cli {
namespace {

// "  3  *12   0   1" with the key starred.
std::string choice_columns(const ItemStatistics& stats) {
  std::string text;
  char cell[16];
  for (std::size_t i = 0; i < 4; ++i) {
    if (i < stats.choice_counts.size()) {
      const bool key = static_cast<int>(i) == stats.item.item.answer_index;
      const std::string count = (key ? "*" : "") + std::to_string(stats.choice_counts[i]);
      std::snprintf(cell, sizeof cell, " %5s", count.c_str());
    } else {
      std::snprintf(cell, sizeof cell, " %5s", "");
    }
    text += cell;
  }
  return text;
}

void print_items(std::ostream& out, const std::vector<ItemStatistics>& items) {
  out << "item         ver     n     p   r_pb      A     B     C     D  median s  flags\n";
  char line[160];
  for (const auto& stats : items) {
    const std::string r = stats.discrimination ? std::to_string(*stats.discrimination).substr(0, 5) : "-";
    std::snprintf(line, sizeof line, "%-12s %3d %5d %5.2f %6s%s %9.0f  ", stats.item.item.id.c_str(),
                  stats.item.version, stats.responses, stats.facility, r.c_str(),
                  choice_columns(stats).c_str(), stats.median_seconds);
    out << line;
    for (std::size_t i = 0; i < stats.flags.size(); ++i) out << (i ? "; " : "") << stats.flags[i];
    out << "\n";
  }
}

void print_forms(std::ostream& out, const ItemAnalysis& analysis) {
  if (analysis.forms.empty()) {
    out << "\nNo finished fixed-form sessions: Cronbach's alpha needs them.\n";
    return;
  }
  out << "\nFixed forms (students given the same form, e.g. the same --seed, share a row):\n";
  char line[160];
  for (const auto& form : analysis.forms) {
    const std::string alpha =
        form.alpha ? std::to_string(*form.alpha).substr(0, 5) : "- (needs 2 sessions with varied totals)";
    std::snprintf(line, sizeof line, "  %-10s %3d items  %4d sessions  alpha %s\n", form.blueprint_id.c_str(),
                  form.item_count, form.sessions, alpha.c_str());
    out << line;
  }
}

}  // namespace

int stats(Context& context) {
  AnalysisOptions options;
  options.flag_min_responses =
      whole_number_option(context.args(), "min-responses", options.flag_min_responses);
  options.bank = context.args().value("bank");
  const auto since = date_option(context.args(), "since");
  const auto analysis = analyse_items(read_response_data(context.store(), since), options);

  if (context.json()) {
    context.out() << item_analysis_to_json(analysis) << "\n";
    return 0;
  }
  context.out()
      << "Item analysis: " << analysis.responses << " final answers in " << analysis.sessions << " sessions"
      << (since ? " since " + context.args().value("since").value_or("") : "")
      << (options.bank ? ", items of bank " + *options.bank : "") << ".\n"
      << "p = proportion correct; r_pb = corrected point-biserial (item left out of the total); "
      << "choice counts with the key starred.\nFlags need " << options.flag_min_responses
      << " responses (--min-responses). In adaptive exams each student sees items near their level, "
      << "so p and r_pb run lower than on fixed forms.\n\n";
  if (analysis.items.empty()) {
    context.out() << "No answers stored yet.\n";
    return 0;
  }
  print_items(context.out(), analysis.items);
  print_forms(context.out(), analysis);
  return 0;
}

namespace {

std::string signed_logits(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%+.2f", value);
  return text;
}

void print_calibration(std::ostream& out, const Calibration& calibration, const CalibrationOptions& options) {
  const auto& estimates = calibration.estimates;
  out << "Rasch calibration by joint maximum likelihood from " << calibration.sessions
      << " sessions' final answers (" << estimates.persons_extreme
      << " with all right or all wrong left out).\n"
      << "Origin: the mean current difficulty of these items, " << signed_logits(calibration.origin)
      << " logits, so passing standards keep their meaning.\n"
      << (estimates.converged ? "Converged after " : "Did NOT converge in ") << estimates.iterations
      << " iterations (rule: no estimate moves more than " << options.rasch.tolerance << " logits).\n\n";
  if (!calibration.items.empty()) {
    out << "item         ver     n   b now  (source)         b new     SE  infit outfit\n";
    char line[200];
    for (const auto& entry : calibration.items) {
      const auto& current = entry.current.item.parameters;
      std::snprintf(line, sizeof line, "%-12s %3d %5d  %6s  %-15s %6s  %5.2f  %5.2f  %5.2f%s\n",
                    entry.current.item.id.c_str(), entry.current.version, entry.estimate.responses,
                    signed_logits(current.b).c_str(), current.calibrated ? "calibrated" : "provisional",
                    signed_logits(entry.estimate.difficulty).c_str(), entry.estimate.standard_error,
                    entry.estimate.infit, entry.estimate.outfit,
                    entry.estimate.misfit() ? "  MISFIT (infit outside 0.7-1.3)" : "");
      out << line;
    }
  }
  for (const auto& item : calibration.skipped) {
    out << "skipped " << item.id << " (" << item.responses << " responses): " << item.reason << "\n";
  }
}

std::string today_utc() { return format_utc(SystemClock().now()).substr(0, 10); }

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// One gradebook row per session with an answer: who, when, what, the
// practice estimate and the percent right per discipline.
std::string results_csv(PracticeEngine& engine, Store& store) {
  std::ostringstream csv;
  csv << "session,student,started_utc,finished_utc,mode,blueprint,answered,correct,percent,theta,se,"
         "scaled_score_estimate,pass_probability,provisional_items,calibrated_items";
  for (const auto& discipline : all_disciplines()) csv << "," << discipline.id << "_percent";
  csv << "\n";
  for (const auto& session : store.all_sessions()) {
    const auto report = engine.report(session.id);
    if (report.answered == 0) continue;
    csv << session.id << "," << csv_field(session.student) << "," << format_utc(session.started_at) << ","
        << (session.finished_at ? format_utc(*session.finished_at) : "") << "," << csv_field(session.label)
        << "," << session.blueprint_id << "," << report.answered << "," << report.correct << ","
        << fixed(report.percent, 1) << "," << fixed(report.ability.theta, 3) << ","
        << fixed(report.ability.se, 3) << ","
        << (report.scaled_score ? std::to_string(*report.scaled_score) : "") << ","
        << fixed(report.pass_probability, 3) << "," << report.provisional_items << ","
        << report.calibrated_items;
    for (const auto& discipline : all_disciplines()) {
      csv << ",";
      for (const auto& group : report.disciplines) {
        if (group.id == discipline.id && group.attempted > 0) csv << fixed(group.percent, 1);
      }
    }
    csv << "\n";
  }
  return csv.str();
}

}  // namespace

int bank_calibrate(Context& context) {
  CalibrationOptions options;
  options.min_responses = whole_number_option(context.args(), "min-responses", options.min_responses);
  if (options.min_responses < 1) throw UsageError{"--min-responses must be at least 1"};
  const auto calibration = calibrate_items(context.store(), options);
  const bool apply = context.args().has("apply");
  if (apply && !calibration.estimates.converged) {
    throw Error(ErrorCode::conflict, "the calibration did not converge; nothing was stored");
  }
  if (apply && !calibration.items.empty()) {
    context.engine().import_items(calibrated_versions(calibration, "rasch-jml " + today_utc()));
  }
  if (context.json()) {
    context.out() << calibration_to_json(calibration, apply) << "\n";
    return 0;
  }
  print_calibration(context.out(), calibration, options);
  if (calibration.items.empty()) {
    context.out() << "No item has " << options.min_responses
                  << " or more responses yet; nothing to calibrate.\n";
  } else if (apply) {
    context.out() << "\nStored " << calibration.items.size()
                  << " calibrated difficulties as new item versions (source "
                  << "\"rasch-jml " << today_utc()
                  << "\"); past answers keep the versions they were given with.\n";
  } else {
    context.out() << "\nNothing stored: run again with --apply to store these as new item versions.\n";
  }
  return 0;
}

int results_export(Context& context) {
  const auto format = context.args().value("format").value_or("csv");
  if (format != "csv") throw UsageError{"--format must be csv, not '" + format + "'"};
  const std::string csv = results_csv(context.engine(), context.store());
  const auto output = context.args().value("out");
  if (!output) {
    context.out() << csv;
    return 0;
  }
  write_file_atomically(*output, csv);
  context.err() << "Wrote " << *output << " (" << practice_estimate_notice() << ").\n";
  return 0;
}

}  // namespace mltprep::cli
