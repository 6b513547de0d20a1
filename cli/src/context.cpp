#include "context.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <istream>
#include <ostream>

#include "mltprep/error.h"

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

std::string Context::single_path(const char* command) const {
  if (args_.positionals.size() != 1)
    throw UsageError{std::string("mltprep ") + command + " takes exactly one file"};
  return args_.positionals.front();
}

std::string Context::student() const {
  if (auto name = args_.value("student")) {
    if (name->empty()) throw Error(ErrorCode::invalid_input, "--student needs a non-empty name");
    return *name;
  }
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const char* login = getlogin()) return login;
  return "student";
}

app::Service& Context::service() {
  if (service_) return *service_;
  service_ = app::Service::open({database_path(), true});
  const auto& update = service_->bundled_update();
  if (update.kept_local > 0) {
    err_ << "mltprep: this release corrects " << update.kept_local
         << " bundled item(s) edited in this database; the local edits are kept:";
    for (const auto& id : update.kept_local_ids) err_ << " " << id;
    err_ << "\n";
  }
  return *service_;
}

}  // namespace mltprep::cli
