// What every subcommand gets: its arguments, the streams, and the engine
// opened on the chosen database (lazily, so `bank validate` needs none).
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "arguments.h"
#include "mltprep/clock.h"
#include "mltprep/practice.h"
#include "mltprep/store.h"

namespace mltprep::cli {

class Context {
 public:
  Context(Arguments args, std::istream& in, std::ostream& out, std::ostream& err);
  ~Context();

  const Arguments& args() const { return args_; }
  std::istream& in() { return in_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  bool json() const { return args_.has("json"); }
  std::string student() const;
  std::string database_path() const;

  // Opens the database (creating its folder) and brings the bundled banks in
  // it up to date (new and corrected items; local edits are kept).
  PracticeEngine& engine();
  Store& store();  // the engine's store, opened as engine() opens it

 private:
  Arguments args_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PracticeEngine> engine_;
};

// The blueprints built into the program; throws Error(not_found) for an unknown id.
const Blueprint& bundled_blueprint(const std::string& id);

// $XDG_DATA_HOME/mltprep/mltprep.db, else ~/.local/share/mltprep/mltprep.db.
std::string default_database_path();

}  // namespace mltprep::cli
