#include "mltprep/app/service.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "mltprep/app/conversion.h"
#include "mltprep/app/data_files.h"
#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/error.h"
#include "mltprep/sha256.h"
#include "mltprep/store.h"

namespace mltprep::app {
namespace {

constexpr const char* kTaxonomyKind = "taxonomy";
constexpr const char* kBlueprintKind = "blueprint";

void create_parent_folder(const std::string& path) {
  if (path == ":memory:") return;
  const auto folder = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!folder.empty()) std::filesystem::create_directories(folder, error);
  if (error)
    throw Error(ErrorCode::storage, "cannot create folder " + folder.string() + ": " + error.message());
}

// The bundled taxonomy and blueprints with those imported into `store`. A
// stored file that no longer reads is a damaged database: Error(storage).
std::pair<Taxonomy, std::vector<Blueprint>> load_catalogue(const Store& store) {
  std::vector<SourceProblem> problems;
  Taxonomy taxonomy = bundled_taxonomy();
  for (const auto& file : store.data_files(kTaxonomyKind)) {
    taxonomy.extend(parse_taxonomy({file}, problems), file.path, problems);
  }
  std::vector<Blueprint> blueprints = bundled_blueprints();
  for (auto& blueprint : parse_blueprints(store.data_files(kBlueprintKind), taxonomy, problems)) {
    if (!find_blueprint(blueprints, blueprint.id)) blueprints.push_back(std::move(blueprint));
  }
  if (!problems.empty()) {
    throw Error(ErrorCode::storage,
                "an imported taxonomy or blueprint no longer reads: " + describe(problems.front()));
  }
  return {std::move(taxonomy), std::move(blueprints)};
}

}  // namespace

struct Service::Owned {
  SystemClock clock;
  std::unique_ptr<Store> store;
  std::unique_ptr<PracticeEngine> engine;
};

std::unique_ptr<Service> Service::open(const OpenOptions& options) {
  create_parent_folder(options.database_path);
  auto owned = std::make_unique<Owned>();
  owned->store = std::make_unique<Store>(options.database_path);
  auto [taxonomy, blueprints] = load_catalogue(*owned->store);
  owned->engine = std::make_unique<PracticeEngine>(*owned->store, owned->clock, std::move(taxonomy),
                                                   std::move(blueprints), system_entropy());
  std::unique_ptr<Service> service(new Service(std::move(owned)));
  if (options.update_bundled_banks) {
    const auto banks = parse_banks(bundled_bank_files(), bundled_taxonomy());
    if (!banks.ok()) throw Error(ErrorCode::internal, "bundled bank: " + describe(banks.problems.front()));
    service->bundled_update_ = update_shipped_items(service->store_, service->engine_, banks.all_items());
  }
  return service;
}

Service::Service(std::unique_ptr<Owned> owned)
    : owned_(std::move(owned)),
      store_(*owned_->store),
      engine_(*owned_->engine),
      clock_(owned_->clock),
      entropy_(system_entropy()) {}

Service::Service(Store& store, PracticeEngine& engine, const Clock& clock, EntropySource entropy)
    : store_(store), engine_(engine), clock_(clock), entropy_(std::move(entropy)) {}

Service::~Service() = default;

const Taxonomy& Service::taxonomy() const { return engine_.taxonomy(); }

const std::vector<Blueprint>& Service::blueprints() const { return engine_.blueprints(); }

const Blueprint& Service::blueprint(const std::string& id) const { return engine_.blueprint(id); }

std::vector<DisciplineSummary> Service::disciplines() const {
  std::vector<DisciplineSummary> out;
  for (const auto& discipline : taxonomy().disciplines()) {
    DisciplineSummary summary{discipline, 0, {}};
    std::set<std::string> topics;
    for (const auto& stored : engine_.items()) {
      if (stored.item.discipline != discipline.id) continue;
      ++summary.items;
      if (!stored.item.topics.empty()) topics.insert(stored.item.topics.front());
    }
    summary.topics.assign(topics.begin(), topics.end());
    out.push_back(std::move(summary));
  }
  return out;
}

ItemCounts Service::item_counts() const {
  ItemCounts counts;
  counts.columns = {"items",  "recall", "application", "analysis",   "easy",
                    "medium", "hard",   "calibrated",  "provisional"};
  auto column_of = [&](const std::string& name) {
    for (std::size_t i = 0; i < counts.columns.size(); ++i) {
      if (counts.columns[i] == name) return i;
    }
    return std::size_t{0};
  };
  std::vector<int> total(counts.columns.size(), 0);
  for (const auto& discipline : taxonomy().disciplines()) {
    std::vector<int> row(counts.columns.size(), 0);
    for (const auto& stored : engine_.items()) {
      const auto& item = stored.item;
      if (item.discipline != discipline.id) continue;
      for (const std::string column : {"items", level_name(item.level), difficulty_name(item.difficulty),
                                       item.parameters.calibrated ? "calibrated" : "provisional"}) {
        ++row[column_of(column)];
        ++total[column_of(column)];
      }
    }
    counts.rows.emplace_back(discipline.id, std::move(row));
  }
  counts.rows.emplace_back("total", std::move(total));
  return counts;
}

CurrentItem Service::start(const SessionRequest& request) { return current(engine_.start(request).id); }

CurrentItem Service::retake_missed(const std::string& session_id) {
  return start(engine_.retake_request(session_id));
}

CurrentItem Service::current(const std::string& session_id) {
  auto item = engine_.current_item(session_id);
  return CurrentItem{engine_.session(session_id), std::move(item)};
}

SessionInfo Service::session(const std::string& session_id) { return engine_.session(session_id); }

SessionInfo Service::session_of(const std::string& student, const std::string& session_id) {
  auto found = engine_.session(session_id);
  if (found.student != student) {
    throw Error(ErrorCode::not_found, "no session " + session_id + " for student " + student);
  }
  return found;
}

AnswerResult Service::answer(const std::string& session_id, int position, int choice) {
  auto outcome = engine_.answer(session_id, position, choice);
  return AnswerResult{std::move(outcome), engine_.session(session_id)};
}

PresentedItem Service::go_to(const std::string& session_id, int position) {
  return engine_.go_to(session_id, position);
}

std::vector<FormEntry> Service::set_flag(const std::string& session_id, int position, bool flagged) {
  engine_.set_flag(session_id, position, flagged);
  return engine_.form(session_id);
}

std::vector<FormEntry> Service::form(const std::string& session_id) { return engine_.form(session_id); }

Report Service::finish(const std::string& session_id) { return engine_.finish(session_id); }

Report Service::report(const std::string& session_id) { return engine_.report(session_id); }

std::vector<Report> Service::reports(const std::vector<std::string>& session_ids) {
  std::vector<Report> out;
  for (const auto& id : session_ids) {
    try {
      out.push_back(engine_.report(id));
    } catch (const Error& error) {
      if (error.code() != ErrorCode::not_found) throw;
    }
  }
  return out;
}

std::vector<Report> Service::history(const std::string& student) {
  std::vector<Report> out;
  for (const auto& session : engine_.history(student)) out.push_back(engine_.report(session.id));
  return out;
}

std::optional<SessionInfo> Service::latest_unfinished(const std::string& student) {
  return engine_.latest_unfinished(student);
}

std::optional<SessionInfo> Service::session_to_resume(const std::string& student,
                                                      const std::optional<std::string>& session_id) {
  return session_id ? session_of(student, *session_id) : engine_.latest_unfinished(student);
}

ImportSummary Service::import_files(const std::vector<std::string>& paths) {
  auto checked = check_data_files(paths, taxonomy(), blueprints());
  if (!checked.ok()) {
    throw Error(ErrorCode::invalid_input, problems_found(checked.problems.size()) + ". Nothing was imported.",
                checked.problems);
  }
  const auto summary = engine_.import_items(checked.banks.all_items());
  const TimeMs now = clock_.now();
  for (const auto& file : checked.taxonomy_files)
    store_.save_data_file(kTaxonomyKind, sha256_hex(file.text), file, now);
  for (std::size_t i = 0; i < checked.blueprints.size(); ++i) {
    const auto& blueprint = checked.blueprints[i];
    if (find_blueprint(bundled_blueprints(), blueprint.id)) continue;  // shipped ones come with the program
    const auto& file = *std::find_if(checked.blueprint_files.begin(), checked.blueprint_files.end(),
                                     [&](const SourceFile& f) { return f.path == blueprint.file; });
    store_.save_data_file(kBlueprintKind, blueprint.id, file, now);
  }
  auto [known_taxonomy, known_blueprints] = load_catalogue(store_);
  engine_.set_catalogue(std::move(known_taxonomy), std::move(known_blueprints));
  return summary;
}

ImportSummary Service::import_items(const std::vector<Item>& items) { return engine_.import_items(items); }

void Service::backup(const std::string& out_path) const { store_.backup_to(out_path); }

void restore_database(const std::string& backup_path, const std::string& database_path) {
  Store::restore(backup_path, database_path);
}

}  // namespace mltprep::app
