// What every subcommand gets: its arguments, the streams, and the application
// service opened on the chosen database (lazily, so `bank validate` needs none).
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "arguments.h"
#include "mltprep/app/service.h"

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
  // Writes the --json form when asked for it, otherwise the text form; returns exit code 0.
  template <typename JsonForm, typename TextForm>
  int render(JsonForm json_form, TextForm text_form) {
    if (json()) {
      out_ << json_form().dump(2) << "\n";
    } else {
      text_form(out_);
    }
    return 0;
  }
  std::string student() const;
  // The one file a command such as `bank convert` or `backup` takes; a usage error otherwise.
  std::string single_path(const char* command) const;
  std::string database_path() const;

  // Opens the database (creating its folder) and brings the bundled banks in
  // it up to date, saying once which corrected items stay as edited locally.
  app::Service& service();

 private:
  Arguments args_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<app::Service> service_;
};

// $XDG_DATA_HOME/mltprep/mltprep.db, else ~/.local/share/mltprep/mltprep.db.
std::string default_database_path();

}  // namespace mltprep::cli
