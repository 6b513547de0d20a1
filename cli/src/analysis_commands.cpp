// stats, bank calibrate and results export: what instructors learn from
// stored answers (docs/item-analysis.md).
#include <cstdio>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "files.h"
#include "mltprep/app/requests.h"
#include "mltprep/app/shapes.h"
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

void print_analysis(std::ostream& out, const ItemAnalysis& analysis, const AnalysisOptions& options,
                    const std::optional<std::string>& since) {
  out << "Item analysis: " << analysis.responses << " final answers in " << analysis.sessions << " sessions"
      << (since ? " since " + *since : "") << (options.bank ? ", items of bank " + *options.bank : "")
      << ".\n"
      << "p = proportion correct; r_pb = corrected point-biserial (item left out of the total); "
      << "choice counts with the key starred.\nFlags need " << options.flag_min_responses
      << " responses (--min-responses). In adaptive exams each student sees items near their level, "
      << "so p and r_pb run lower than on fixed forms.\n\n";
  if (analysis.items.empty()) {
    out << "No answers stored yet.\n";
    return;
  }
  print_items(out, analysis.items);
  print_forms(out, analysis);
}

}  // namespace

int stats(Context& context) {
  AnalysisOptions options;
  options.flag_min_responses =
      whole_number_option(context.args(), "min-responses", options.flag_min_responses);
  options.bank = context.args().value("bank");
  const auto analysis = context.service().analysis(options, date_option(context.args(), "since"));
  return context.render(
      [&] { return app::item_analysis_json(analysis); },
      [&](std::ostream& out) { print_analysis(out, analysis, options, context.args().value("since")); });
}

namespace {

std::string signed_logits(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%+.2f", value);
  return text;
}

void print_calibration(std::ostream& out, const app::CalibrationRun& run, const CalibrationOptions& options) {
  const auto& calibration = run.calibration;
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
  if (calibration.items.empty()) {
    out << "No item has " << options.min_responses << " or more responses yet; nothing to calibrate.\n";
  } else if (run.applied) {
    out << "\nStored " << calibration.items.size()
        << " calibrated difficulties as new item versions (source \"" << run.source
        << "\"); past answers keep the versions they were given with.\n";
  } else {
    out << "\nNothing stored: run again with --apply to store these as new item versions.\n";
  }
}

}  // namespace

int bank_calibrate(Context& context) {
  CalibrationOptions options;
  options.min_responses = as_usage([&] {
    return app::min_responses(whole_number_option(context.args(), "min-responses", options.min_responses));
  });
  const auto run = context.service().calibrate(options, context.args().has("apply"));
  return context.render([&] { return app::calibration_json(run); },
                        [&](std::ostream& out) { print_calibration(out, run, options); });
}

int results_export(Context& context) {
  const auto format = context.args().value("format").value_or("csv");
  if (format != "csv") throw UsageError{"--format must be csv, not '" + format + "'"};
  const std::string csv = context.service().gradebook_csv();
  const auto output = context.args().value("out");
  if (!output) {
    context.out() << csv;
    return 0;
  }
  write_file_atomically(*output, csv);
  context.err() << "Wrote " << *output << " (" << app::practice_estimate_notice() << ").\n";
  return 0;
}

}  // namespace mltprep::cli
