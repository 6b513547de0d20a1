// simulate: simulated examinees through the engine (docs/measurement.md).
#include <algorithm>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>

#include "commands.h"
#include "mltprep/app/shapes.h"
#include "mltprep/app/simulation_run.h"
#include "numbers.h"

namespace mltprep::cli {
namespace {

std::vector<double> theta_option(const Context& context) {
  std::vector<double> thetas;
  for (const auto& text : context.args().values("theta")) {
    try {
      std::size_t used = 0;
      thetas.push_back(std::stod(text, &used));
      if (used != text.size()) throw std::invalid_argument(text);
    } catch (const std::exception&) {
      throw UsageError{"--theta takes numbers separated by commas, not '" + text + "'"};
    }
  }
  return thetas;
}

// `value` in a column of `width` with `format`, or "-" when it is absent.
std::string cell(const std::optional<double>& value, const char* format, int width, double scale = 1) {
  char text[32];
  if (value) {
    std::snprintf(text, sizeof text, format, width, scale * *value);
  } else {
    std::snprintf(text, sizeof text, "%*s", width, "-");
  }
  return text;
}

void print_table(std::ostream& out, const char* title, const std::vector<PrecisionFigures>& rows) {
  out << "\n" << title << "\n  items   RMSE    bias      r  mean SE  accuracy  false pass  false fail\n";
  const auto percent = [](const std::optional<double>& share) {
    return cell(share, "%*.1f", 5, 100) + (share ? " %" : "  ");
  };
  for (const auto& f : rows) {
    char items[16];
    std::snprintf(items, sizeof items, "  %5d", f.items);
    std::string line = items + ("  " + cell(f.rmse, "%*.3f", 5)) + "  " + cell(f.bias, "%+*.3f", 6) + "  " +
                       cell(f.correlation, "%*.3f", 5) + "   " + cell(f.mean_se, "%*.3f", 5) + "    " +
                       percent(f.classification_accuracy) + "     " + percent(f.false_pass_rate) + "     " +
                       percent(f.false_fail_rate);
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
  const bool unreached = std::any_of(rows.begin(), rows.end(), [](const auto& f) { return f.simulees == 0; });
  const bool constant =
      std::any_of(rows.begin(), rows.end(), [](const auto& f) { return f.simulees > 0 && !f.correlation; });
  if (unreached) out << "  -: no simulee reached that length\n";
  if (constant) out << "  r -: undefined, since the true or the estimated abilities did not vary\n";
}

SimulationProgress progress_to(std::ostream& err) {
  return [&err](int done, int total, double mean_se) {
    if (done % 100 == 0 || done == total) {
      err << "simulee " << done << "/" << total << ": mean standard error " << mean_se << "\n";
    }
  };
}

void print_simulation(std::ostream& out, const SimulationReport& report, const SimulationOptions& options) {
  out << "Simulated " << options.simulees << " examinees on " << report.blueprint_id << " ("
      << report.exam_length << " items, " << report.bank_size << " usable items, cut θ = " << report.theta_cut
      << ", seed " << options.seed << ")\n";
  print_table(out, "Adaptive exam (content balancing and randomesque exposure control on):", report.adaptive);
  print_table(out, "Random fixed form of the same length (baseline):", report.random_form);
  char line[128];
  std::snprintf(line, sizeof line,
                "\nItem exposure: highest %.1f %% of sessions; %.1f %% of the bank never used.\n",
                100 * report.max_exposure, 100 * report.never_used_share);
  out << line;
}

}  // namespace

int simulate(Context& context) {
  app::SimulationRequest request;
  request.blueprint_id = context.args().value("blueprint").value_or("");
  request.bank = context.args().value("bank");
  if (context.args().has("synthetic"))
    request.synthetic = whole_number_option(context.args(), "synthetic", 0);
  request.options.simulees = whole_number_option(context.args(), "simulees", 1000);
  request.options.seed = seed_option(context.args()).value_or(1);
  request.options.thetas = theta_option(context);
  const auto report = app::run_simulation(request, progress_to(context.err()));
  return context.render([&] { return app::simulation_json(report, request.options); },
                        [&](std::ostream& out) { print_simulation(out, report, request.options); });
}

}  // namespace mltprep::cli
