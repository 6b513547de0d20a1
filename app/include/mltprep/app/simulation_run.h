// `mltprep simulate`: simulated examinees through the engine, on the bundled
// bank, a bank folder, or a synthetic bank (docs/measurement.md).
#pragma once

#include <optional>
#include <string>

#include "mltprep/simulation.h"

namespace mltprep::app {

struct SimulationRequest {
  std::string blueprint_id;         // empty: the bundled taxonomy's default blueprint
  std::optional<std::string> bank;  // a bank file or folder; none: the bundled bank
  std::optional<int> synthetic;     // a synthetic bank of this many items instead
  SimulationOptions options;
};

// Error(invalid_input) for a bank with problems, naming the first;
// Error(not_found) for an unknown blueprint.
SimulationReport run_simulation(const SimulationRequest& request, const SimulationProgress& progress);

}  // namespace mltprep::app
