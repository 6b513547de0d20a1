// Shared set-up for engine tests: an in-memory store, a manual clock, the
// bundled blueprints and a synthetic bank with known parameters.
#pragma once

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "mltprep/blueprint.h"
#include "mltprep/bundled.h"
#include "mltprep/clock.h"
#include "mltprep/irt.h"
#include "mltprep/practice.h"
#include "mltprep/random.h"
#include "mltprep/store.h"
#include "mltprep/synthetic.h"

namespace mltprep::testing {

// Deterministic entropy so session ids and default seeds are reproducible in tests.
inline EntropySource counting_entropy(std::uint64_t start = 1) {
  auto next = std::make_shared<std::uint64_t>(start);
  return [next] { return Rng(++*next).next(); };
}

struct EngineFixture {
  explicit EngineFixture(int synthetic_items = 1000, std::uint64_t bank_seed = 7,
                         std::string path = ":memory:")
      : store(path), engine(store, clock, bundled_taxonomy(), bundled_blueprints(), counting_entropy()) {
    if (synthetic_items > 0) {
      SyntheticBankSpec spec;
      spec.item_count = synthetic_items;
      spec.seed = bank_seed;
      engine.import_items(make_synthetic_items(spec));
    }
  }

  ManualClock clock;
  Store store;
  PracticeEngine engine;
};

// Checks a fixed form as the boards give one: every area's exact count, no item twice.
inline void check_full_fixed_form(EngineFixture& fixture, const std::string& session_id,
                                  const std::string& blueprint_id) {
  const auto& blueprint = fixture.engine.blueprint(blueprint_id);
  const auto served = fixture.store.served_items(session_id);
  std::set<std::int64_t> versions;
  std::map<std::string, int> per_area;
  int planned = 0;
  for (const auto& item : served) {
    versions.insert(item.version_id);
    ++per_area[item.area_id];
  }
  for (const auto& area : blueprint.areas) {
    INFO(area.id);
    CHECK(per_area[area.id] == area.item_count);
    planned += area.item_count;
  }
  CHECK(static_cast<int>(served.size()) == planned);
  CHECK(versions.size() == served.size());
}

// The problem reported for an item (or area) and field, or nullptr.
inline const SourceProblem* find_problem(const std::vector<SourceProblem>& problems,
                                         const std::string& item_id, const std::string& field) {
  for (const auto& problem : problems) {
    if (problem.item_id == item_id && problem.field == field) return &problem;
  }
  return nullptr;
}

// The 1-based line of the first line of a file containing `needle`, found independently of the engine.
inline int line_containing(const std::string& path, const std::string& needle) {
  std::ifstream in(path);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find(needle) != std::string::npos) return number;
  }
  return 0;
}

// A simulee who answers each item correctly with the model's probability at θ.
struct Simulee {
  double theta;
  Rng rng;

  int choose(const PracticeEngine& engine, const PresentedItem& item) {
    const Item* found = nullptr;
    for (const auto& stored : engine.items()) {
      if (stored.item.id == item.item_id) found = &stored.item;
    }
    const bool right = rng.uniform() < probability_correct(found->parameters, theta);
    const int key = found->answer_index;
    return right ? key : (key + 1) % static_cast<int>(item.options.size());
  }
};

}  // namespace mltprep::testing
