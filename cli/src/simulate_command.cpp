#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.h"
#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/error.h"
#include "mltprep/simulation.h"
#include "mltprep/synthetic.h"
#include "numbers.h"

namespace mltprep::cli {
namespace {

std::vector<Item> simulation_bank(const Context& context) {
  if (context.args().has("synthetic") && context.args().has("bank")) {
    throw UsageError{"simulate takes --bank or --synthetic, not both"};
  }
  if (context.args().has("synthetic")) {
    SyntheticBankSpec spec;
    spec.item_count = whole_number_option(context.args(), "synthetic", 0);
    if (spec.item_count < 1) throw UsageError{"--synthetic needs a number of items above 0"};
    spec.seed = seed_option(context.args()).value_or(1);
    return make_synthetic_items(spec);
  }
  std::vector<SourceFile> files;
  std::vector<SourceProblem> problems;
  if (auto path = context.args().value("bank")) {
    files = read_json_files({*path}, problems);
  } else {
    files = bundled_bank_files();
  }
  const auto banks = parse_banks(files);
  problems.insert(problems.end(), banks.problems.begin(), banks.problems.end());
  if (!problems.empty()) {
    throw Error(ErrorCode::invalid_input,
                describe(problems.front()) + " (mltprep bank validate lists every problem)");
  }
  return banks.all_items();
}

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

nlohmann::json figures_json(const std::vector<PrecisionFigures>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : rows) {
    out.push_back({{"items", f.items},
                   {"simulees", f.simulees},
                   {"rmse", f.rmse},
                   {"bias", f.bias},
                   {"correlation", f.correlation},
                   {"mean_se", f.mean_se},
                   {"classification_accuracy", f.classification_accuracy},
                   {"false_pass_rate", f.false_pass_rate},
                   {"false_fail_rate", f.false_fail_rate}});
  }
  return out;
}

void print_table(std::ostream& out, const char* title, const std::vector<PrecisionFigures>& rows) {
  out << "\n" << title << "\n  items   RMSE    bias      r  mean SE  accuracy  false pass  false fail\n";
  char line[160];
  for (const auto& f : rows) {
    std::snprintf(line, sizeof line,
                  "  %5d  %5.3f  %+6.3f  %5.3f   %5.3f    %5.1f %%     %5.1f %%     %5.1f %%\n", f.items,
                  f.rmse, f.bias, f.correlation, f.mean_se, 100 * f.classification_accuracy,
                  100 * f.false_pass_rate, 100 * f.false_fail_rate);
    out << line;
  }
}

}  // namespace

int simulate(Context& context) {
  const auto blueprint = bundled_blueprint(context.args().value("blueprint").value_or("ascp-mlt"));
  SimulationOptions options;
  options.simulees = whole_number_option(context.args(), "simulees", 1000);
  options.seed = seed_option(context.args()).value_or(1);
  options.thetas = theta_option(context);
  const auto items = simulation_bank(context);
  auto progress = [&](int done, int total, double mean_se) {
    if (done % 100 == 0 || done == total) {
      context.err() << "simulee " << done << "/" << total << ": mean standard error " << mean_se << "\n";
    }
  };
  const auto report = simulate_adaptive_exam(items, blueprint, options, progress);
  if (context.json()) {
    const nlohmann::json out = {{"blueprint", report.blueprint_id},
                                {"bank_size", report.bank_size},
                                {"exam_length", report.exam_length},
                                {"theta_cut", report.theta_cut},
                                {"simulees", options.simulees},
                                {"seed", options.seed},
                                {"adaptive", figures_json(report.adaptive)},
                                {"random_form", figures_json(report.random_form)},
                                {"max_exposure", report.max_exposure},
                                {"never_used_share", report.never_used_share}};
    context.out() << out.dump(2) << "\n";
    return 0;
  }
  context.out() << "Simulated " << options.simulees << " examinees on " << report.blueprint_id << " ("
                << report.exam_length << " items, " << report.bank_size
                << " usable items, cut θ = " << report.theta_cut << ", seed " << options.seed << ")\n";
  print_table(context.out(),
              "Adaptive exam (content balancing and randomesque exposure control on):", report.adaptive);
  print_table(context.out(), "Random fixed form of the same length (baseline):", report.random_form);
  char line[128];
  std::snprintf(line, sizeof line,
                "\nItem exposure: highest %.1f %% of sessions; %.1f %% of the bank never used.\n",
                100 * report.max_exposure, 100 * report.never_used_share);
  context.out() << line;
  return 0;
}

}  // namespace mltprep::cli
