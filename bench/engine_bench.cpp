// Speed of the engine's hot paths on synthetic banks (issue: measurement
// evidence). Results and how to run them: docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>

#include "bench_support.h"
#include "mltprep/blueprint.h"
#include "mltprep/bundled.h"
#include "mltprep/irt.h"
#include "mltprep/random.h"
#include "mltprep/selection.h"
#include "mltprep/store.h"

using namespace mltprep;

namespace {

const Blueprint& ascp_blueprint() {
  static const auto blueprints = [] {
    std::vector<SourceProblem> problems;
    return parse_blueprints(bundled_blueprint_files(), problems);
  }();
  return *find_blueprint(blueprints, "ascp-mlt");
}

std::vector<StoredItem> stored_pool(int count) {
  std::vector<StoredItem> pool;
  std::int64_t version = 1;
  for (auto& item : bench::valid_synthetic_items(count)) pool.push_back({version++, 1, std::move(item)});
  return pool;
}

std::string temp_database(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("mltprep-bench-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

// Choosing the next item mid-exam: 50 items already given, θ from their answers.
void BM_NextAdaptiveItem(benchmark::State& state) {
  const auto pool = stored_pool(static_cast<int>(state.range(0)));
  const auto& blueprint = ascp_blueprint();
  AdaptiveSelector selector(blueprint, pool);
  AdaptiveState adaptive;
  adaptive.area_counts.assign(blueprint.areas.size(), 0);
  Rng rng(1);
  AbilityPosterior posterior;
  for (int given = 0; given < 50; ++given) {
    const auto choice = selector.choose(adaptive, rng);
    adaptive.given_ids.insert(choice->item->item.id);
    ++adaptive.area_counts[choice->area];
    posterior.add(choice->item->item.parameters, rng.uniform() < 0.6);
    adaptive.theta = posterior.estimate().theta;
  }
  for (auto _ : state) {
    Rng draw(7);
    benchmark::DoNotOptimize(selector.choose(adaptive, draw));
  }
}
BENCHMARK(BM_NextAdaptiveItem)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

std::vector<ScoredResponse> responses(int count) {
  Rng rng(3);
  std::vector<ScoredResponse> list;
  for (int i = 0; i < count; ++i) {
    ItemParameters item;
    item.b = rng.normal();
    list.push_back({item, rng.uniform() < 0.6});
  }
  return list;
}

// The update after an answer as the engine does it: one more response into a
// kept posterior, then the EAP estimate.
void BM_AbilityUpdateIncremental(benchmark::State& state) {
  const auto list = responses(static_cast<int>(state.range(0)));
  AbilityPosterior base;
  for (std::size_t i = 0; i + 1 < list.size(); ++i) base.add(list[i].item, list[i].correct);
  for (auto _ : state) {
    AbilityPosterior posterior = base;
    posterior.add(list.back().item, list.back().correct);
    benchmark::DoNotOptimize(posterior.estimate());
  }
}
BENCHMARK(BM_AbilityUpdateIncremental)->Arg(10)->Arg(50)->Arg(100)->Unit(benchmark::kMicrosecond);

// For comparison: the estimate rebuilt from every response.
void BM_AbilityFromScratch(benchmark::State& state) {
  const auto list = responses(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(estimate_eap(list));
}
BENCHMARK(BM_AbilityFromScratch)->Arg(10)->Arg(50)->Arg(100)->Unit(benchmark::kMicrosecond);

void BM_LoadBankFromJson(benchmark::State& state) {
  const std::vector<SourceFile> files = {
      {"bench.json", bench::bank_json(bench::valid_synthetic_items(static_cast<int>(state.range(0))))}};
  for (auto _ : state) {
    const auto banks = parse_banks(files);
    if (!banks.ok()) state.SkipWithError(describe(banks.problems.front()).c_str());
    benchmark::DoNotOptimize(banks);
  }
}
BENCHMARK(BM_LoadBankFromJson)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_LoadBankFromSqlite(benchmark::State& state) {
  const auto path = temp_database("load-" + std::to_string(state.range(0)));
  {
    Store store(path);
    store.import_items(bench::valid_synthetic_items(static_cast<int>(state.range(0))));
  }
  for (auto _ : state) {
    Store store(path);
    benchmark::DoNotOptimize(store.current_items());
  }
}
BENCHMARK(BM_LoadBankFromSqlite)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);

// One answer committed in its own transaction, WAL with synchronous=FULL, as
// the engine does before acknowledging it.
void BM_DurableAnswer(benchmark::State& state) {
  const auto path = temp_database("answers");
  Store store(path);
  store.import_items(bench::valid_synthetic_items(200));
  const auto items = store.current_items();
  SessionInfo session;
  session.id = "bench-session";
  session.student = "bench";
  session.item_count = static_cast<int>(items.size());
  std::vector<ServedItem> served;
  for (std::size_t i = 0; i < items.size(); ++i) served.push_back({static_cast<int>(i), items[i].version_id, "", 0, false});
  store.create_session(session, served);
  int position = 0;
  for (auto _ : state) {
    const int at = position++ % session.item_count;
    store.record_response(session.id, {at, items[static_cast<std::size_t>(at)].version_id, 1, true, position, 1.0},
                          at + 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DurableAnswer)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
