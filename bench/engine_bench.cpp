// Speed of the engine's hot paths on synthetic banks (issue: measurement
// evidence). Results and how to run them: docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "bench_support.h"
#include "mltprep/blueprint.h"
#include "mltprep/bundled.h"
#include "mltprep/irt.h"
#include "mltprep/practice.h"
#include "mltprep/random.h"
#include "mltprep/selection.h"
#include "mltprep/store.h"

using namespace mltprep;

namespace {

const Blueprint& ascp_blueprint() {
  static const auto blueprints = [] {
    std::vector<SourceProblem> problems;
    return parse_blueprints(bundled_blueprint_files(), bundled_taxonomy(), problems);
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

// An adaptive session run through the selector alone: `count` items chosen at
// the running θ, each answered with the model's probability for a student of
// ability `true_theta`. Returns the state after the last one.
AdaptiveState run_session(const AdaptiveSelector& selector, const Blueprint& blueprint, int count,
                          double true_theta, std::unordered_set<std::string> recent_ids, Rng& rng) {
  AdaptiveState adaptive;
  adaptive.area_counts.assign(blueprint.areas.size(), 0);
  adaptive.recent_ids = std::move(recent_ids);
  AbilityPosterior posterior;
  for (int given = 0; given < count; ++given) {
    const auto choice = selector.choose(adaptive, rng);
    if (!choice) break;
    const auto& parameters = choice->item->item.parameters;
    adaptive.given_ids.insert(choice->item->item.id);
    ++adaptive.area_counts[choice->area];
    posterior.add(parameters, rng.uniform() < probability_correct(parameters, true_theta));
    adaptive.theta = posterior.estimate().theta;
  }
  return adaptive;
}

// Choosing the next item mid-exam: 50 items already given, θ from their
// answers. The second argument is how many items the student saw in recent
// sessions (whole earlier exams of 100 at the same ability): the engine
// avoids them, and looking them up is part of the cost.
void BM_NextAdaptiveItem(benchmark::State& state) {
  const auto pool = stored_pool(static_cast<int>(state.range(0)));
  const auto& blueprint = ascp_blueprint();
  AdaptiveSelector selector(blueprint, pool);
  constexpr double kTrueTheta = 0.5;
  Rng rng(1);
  std::unordered_set<std::string> recent;
  for (int exam = 0; exam < state.range(1) / 100; ++exam) {
    const auto earlier = run_session(selector, blueprint, 100, kTrueTheta, {}, rng);
    recent.insert(earlier.given_ids.begin(), earlier.given_ids.end());
  }
  const auto adaptive = run_session(selector, blueprint, 50, kTrueTheta, recent, rng);
  for (auto _ : state) {
    Rng draw(7);
    benchmark::DoNotOptimize(selector.choose(adaptive, draw));
  }
  state.counters["theta"] = adaptive.theta;
}
BENCHMARK(BM_NextAdaptiveItem)
    ->ArgNames({"items", "recent"})
    ->ArgsProduct({{1000, 10000, 100000}, {0, 500}})
    ->Unit(benchmark::kMicrosecond);

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

// Loading is timed up to the moment the items are ready; freeing them
// afterwards is not (the engine keeps them). The file is already in memory
// here; mltprep_load_probe times reading it too, with the peak memory.
void BM_LoadBankFromJson(benchmark::State& state) {
  const std::vector<SourceFile> files = {
      {"bench.json", bench::bank_json(bench::valid_synthetic_items(static_cast<int>(state.range(0))))}};
  for (auto _ : state) {
    auto banks = parse_banks(files, bundled_taxonomy());
    if (!banks.ok()) state.SkipWithError(describe(banks.problems.front()).c_str());
    benchmark::DoNotOptimize(banks.banks.data());
    state.PauseTiming();
    banks = BankSet();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_LoadBankFromJson)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// Opening the database and reading the current items, as the engine does when it starts.
void BM_LoadBankFromSqlite(benchmark::State& state) {
  const auto path = temp_database("load-" + std::to_string(state.range(0)));
  {
    Store store(path);
    store.import_items(bench::valid_synthetic_items(static_cast<int>(state.range(0))));
  }
  for (auto _ : state) {
    auto pool = Store(path).current_items();
    benchmark::DoNotOptimize(pool.data());
    state.PauseTiming();
    pool = std::vector<StoredItem>();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_LoadBankFromSqlite)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

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
  for (std::size_t i = 0; i < items.size(); ++i)
    served.push_back({static_cast<int>(i), items[i].version_id, "", 0, false});
  store.create_session(session, served);
  int position = 0;
  for (auto _ : state) {
    const int at = position++ % session.item_count;
    store.record_response(
        session.id, {at, items[static_cast<std::size_t>(at)].version_id, 1, true, position, 1.0}, at + 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DurableAnswer)->Unit(benchmark::kMicrosecond)->MinTime(2.0)->UseRealTime();

// A student's answer through the engine, as the server and the CLI make it, on
// adaptive ASCP exams over a file database: PracticeEngine::answer (the
// session's checks, then the durable write) and, in the second benchmark,
// also current_item (θ, the next choice, and storing which item was served:
// a second commit). A new exam, for a new student, starts when one ends; that
// start is not timed.
class EngineExams {
 public:
  explicit EngineExams(int item_count)
      : store_(temp_database("engine-" + std::to_string(item_count))),
        blueprints_(parse_blueprints(bundled_blueprint_files(), bundled_taxonomy(), problems_)) {
    store_.import_items(bench::valid_synthetic_items(item_count));
    engine_ = std::make_unique<PracticeEngine>(store_, clock_, bundled_taxonomy(), blueprints_,
                                               [this] { return ++entropy_; });
    for (const auto& stored : engine_->items()) items_.emplace(stored.item.id, &stored.item);
  }

  bool in_progress() const { return !session_id_.empty(); }

  void start() {
    SessionRequest request;
    request.kind = SessionKind::adaptive_exam;
    request.student = "bench-" + std::to_string(students_++);
    request.seed = students_;
    session_id_ = engine_->start(request).id;
    shown_ = engine_->current_item(session_id_);
  }

  // Answers the item on screen as a student of ability 0.5 would.
  void answer() {
    const Item& item = *items_.at(shown_->item_id);
    const bool correct = rng_.uniform() < probability_correct(item.parameters, 0.5);
    const int choice =
        correct ? item.answer_index : (item.answer_index + 1) % static_cast<int>(item.options.size());
    clock_.advance_seconds(40);
    if (engine_->answer(session_id_, shown_->position, choice).session_finished) session_id_.clear();
  }

  void next_item() {
    if (in_progress()) shown_ = engine_->current_item(session_id_);
  }

 private:
  std::vector<SourceProblem> problems_;
  ManualClock clock_;
  Store store_;
  std::vector<Blueprint> blueprints_;
  std::uint64_t entropy_ = 0;
  std::unique_ptr<PracticeEngine> engine_;
  std::unordered_map<std::string, const Item*> items_;
  Rng rng_{11};
  int students_ = 0;
  std::string session_id_;
  std::optional<PresentedItem> shown_;
};

// Bank sizes and wall-clock timing for the benchmarks that go through the engine and commit.
void engine_step_sizes(benchmark::internal::Benchmark* registration) {
  registration->ArgName("items")->Arg(1000)->Arg(10000)->Arg(100000);
  registration->Unit(benchmark::kMicrosecond)->MinTime(2.0)->UseRealTime();
}

void BM_EngineAnswer(benchmark::State& state) {
  EngineExams exams(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    if (!exams.in_progress()) exams.start();
    state.ResumeTiming();
    exams.answer();
    state.PauseTiming();
    exams.next_item();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineAnswer)->Apply(engine_step_sizes);

void BM_EngineAnswerAndNextItem(benchmark::State& state) {
  EngineExams exams(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    if (!exams.in_progress()) {
      state.PauseTiming();
      exams.start();
      state.ResumeTiming();
    }
    exams.answer();
    exams.next_item();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineAnswerAndNextItem)->Apply(engine_step_sizes);

}  // namespace

BENCHMARK_MAIN();
