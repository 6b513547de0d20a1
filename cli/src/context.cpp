#include "context.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <istream>
#include <ostream>

#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/error.h"
#include "mltprep/shipped_banks.h"

namespace mltprep::cli {

Context::Context(Arguments args, std::istream& in, std::ostream& out, std::ostream& err)
    : args_(std::move(args)), in_(in), out_(out), err_(err) {}

Context::~Context() = default;

std::string default_database_path() {
  namespace fs = std::filesystem;
  fs::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = fs::path(home) / ".local" / "share";
  } else {
    base = ".";
  }
  return (base / "mltprep" / "mltprep.db").string();
}

std::string Context::database_path() const { return args_.value("db").value_or(default_database_path()); }

std::string Context::student() const {
  if (auto name = args_.value("student")) {
    if (name->empty()) throw Error(ErrorCode::invalid_input, "--student needs a non-empty name");
    return *name;
  }
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const char* login = getlogin()) return login;
  return "student";
}

namespace {

const std::vector<Blueprint>& bundled_blueprints() {
  static const std::vector<Blueprint> blueprints = [] {
    std::vector<SourceProblem> problems;
    auto parsed = parse_blueprints(bundled_blueprint_files(), problems);
    if (!problems.empty())
      throw Error(ErrorCode::internal, "bundled blueprint: " + describe(problems.front()));
    return parsed;
  }();
  return blueprints;
}

// Says once, when a release first meets them, which corrected items stay as
// an instructor edited them here.
void update_bundled_banks(PracticeEngine& engine, std::ostream& err) {
  const auto banks = parse_banks(bundled_bank_files());
  if (!banks.ok()) throw Error(ErrorCode::internal, "bundled bank: " + describe(banks.problems.front()));
  const auto update = update_shipped_items(engine, banks.all_items());
  if (update.kept_local == 0) return;
  err << "mltprep: this release corrects " << update.kept_local
      << " bundled item(s) edited in this database; "
      << "the local edits are kept:";
  for (const auto& id : update.kept_local_ids) err << " " << id;
  err << "\n";
}

}  // namespace

const Blueprint& bundled_blueprint(const std::string& id) {
  if (const auto* found = find_blueprint(bundled_blueprints(), id)) return *found;
  std::string known;
  for (const auto& blueprint : bundled_blueprints()) known += (known.empty() ? "" : ", ") + blueprint.id;
  throw Error(ErrorCode::not_found, "no blueprint '" + id + "' (known: " + known + ")");
}

PracticeEngine& Context::engine() {
  if (engine_) return *engine_;
  const std::string path = database_path();
  if (path != ":memory:") {
    const auto folder = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!folder.empty()) std::filesystem::create_directories(folder, error);
    if (error)
      throw Error(ErrorCode::storage, "cannot create folder " + folder.string() + ": " + error.message());
  }
  store_ = std::make_unique<Store>(path);
  engine_ = std::make_unique<PracticeEngine>(*store_, clock_, bundled_blueprints(), system_entropy());
  update_bundled_banks(*engine_, err_);
  return *engine_;
}

Store& Context::store() {
  engine();
  return *store_;
}

}  // namespace mltprep::cli
