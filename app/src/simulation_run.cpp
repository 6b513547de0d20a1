#include "mltprep/app/simulation_run.h"

#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/error.h"
#include "mltprep/synthetic.h"

namespace mltprep::app {
namespace {

std::vector<Item> simulation_bank(const SimulationRequest& request) {
  if (request.synthetic && request.bank) {
    throw Error(ErrorCode::invalid_input, "simulate takes --bank or --synthetic, not both");
  }
  if (request.synthetic) {
    if (*request.synthetic < 1)
      throw Error(ErrorCode::invalid_input, "--synthetic needs a number of items above 0");
    SyntheticBankSpec spec;
    spec.item_count = *request.synthetic;
    spec.seed = request.options.seed;
    return make_synthetic_items(spec);
  }
  std::vector<SourceProblem> problems;
  const auto files = request.bank ? read_json_files({*request.bank}, problems) : bundled_bank_files();
  const auto banks = parse_banks(files, bundled_taxonomy());
  problems.insert(problems.end(), banks.problems.begin(), banks.problems.end());
  if (!problems.empty()) {
    throw Error(ErrorCode::invalid_input,
                describe(problems.front()) + " (mltprep bank validate lists every problem)");
  }
  return banks.all_items();
}

}  // namespace

SimulationReport run_simulation(const SimulationRequest& request, const SimulationProgress& progress) {
  const auto& id =
      request.blueprint_id.empty() ? bundled_taxonomy().default_blueprint() : request.blueprint_id;
  const auto* blueprint = find_blueprint(bundled_blueprints(), id);
  if (!blueprint) {
    std::string known;
    for (const auto& each : bundled_blueprints()) known += (known.empty() ? "" : ", ") + each.id;
    throw Error(ErrorCode::not_found, "no blueprint '" + id + "' (known: " + known + ")");
  }
  return simulate_adaptive_exam(simulation_bank(request), *blueprint, request.options, progress);
}

}  // namespace mltprep::app
