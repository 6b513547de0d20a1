#include "mltprep/cli.h"

#include <ostream>

#include "arguments.h"
#include "commands.h"
#include "context.h"
#include "mltprep/error.h"

namespace mltprep {
namespace cli {
namespace {

constexpr const char* kVersion = "0.1.0";

struct Command {
  const char* name;
  const char* synopsis;
  const char* help;
  std::set<std::string> options;
  int (*run)(Context&);
};

const std::set<std::string> kGlobalOptions = {"db", "student", "help", "version"};
const std::set<std::string> kFlags = {"json", "help", "version", "apply", "reset"};

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"bank validate",
       "bank validate PATH...",
       "Checks bank and blueprint files (files or folders): JSON syntax, required fields, disciplines,\n"
       "options, answer letters, duplicate ids and stems. Names the file, item and field of every problem.\n"
       "Exit 0 when clean, 1 when any problem.",
       {},
       bank_validate},
      {"bank import",
       "bank import PATH...",
       "Validates, then imports the banks into the database. All or nothing: with any problem nothing\n"
       "is imported. Re-importing is idempotent; a changed item becomes a new version.",
       {},
       bank_import},
      {"bank convert",
       "bank convert FILE --from gift|aiken|csv [--discipline D] --out BANK.json",
       "Converts questions written for other tools into a bank file, then checks it as bank validate does.\n"
       "All or nothing: question types other than single-answer multiple choice, and every other problem,\n"
       "are listed with their line numbers, and then nothing is written. Formats: docs/formats.md.",
       {"from", "discipline", "out"},
       bank_convert},
      {"bank export",
       "bank export BANK... --to gift|moodle-xml|qti --out PATH",
       "Writes validated banks as a GIFT file or a Moodle XML file for Moodle's importers, or as a\n"
       "QTI 2.1 content package (a zip file). Formats: docs/formats.md.",
       {"to", "out"},
       bank_export},
      {"bank list",
       "bank list [--json]",
       "Counts the items in the database by discipline, level and difficulty.",
       {"json"},
       bank_list},
      {"drill",
       "drill [--discipline D]... [--topic T] [--level L] [--difficulty X] [--count N] [--seed S]",
       "An untimed drill (a custom quiz when several disciplines or none are given): after each answer\n"
       "the key and the explanation. Answer with A-D or 1-4; q saves and leaves.",
       {"discipline", "topic", "level", "difficulty", "count", "seed", "blueprint"},
       drill},
      {"exam",
       "exam --blueprint ID [--time-multiplier 1|1.5|2] [--seed S]",
       "A timed practice exam following a blueprint (`mltprep exams` lists them with their length and\n"
       "time limit). Adaptive exams: one item at a time, no going back. Fixed forms: next, previous,\n"
       "flag, review, goto N and submit. q saves and leaves; the clock keeps running, as in the real exam.",
       {"blueprint", "time-multiplier", "seed"},
       exam},
      {"exams",
       "exams [--json]",
       "Lists the exams this database knows (bundled and imported blueprints): mode, items, time limit,\n"
       "score scale and pass mark; the default one is marked.",
       {"json"},
       exams},
      {"topics",
       "topics [--json]",
       "Lists the disciplines with their item counts and topics (the values --discipline and --topic take).",
       {"json"},
       topics},
      {"resume",
       "resume [SESSION]",
       "Continues a session where it stopped (default: the student's latest unfinished one).",
       {},
       resume},
      {"history", "history [--json]", "Lists the student's sessions with their scores.", {"json"}, history},
      {"simulate",
       "simulate [--blueprint ID] [--bank PATH | --synthetic N] [--simulees N] [--seed S] [--theta "
       "LIST] [--json]",
       "Simulated examinees (true abilities from N(0,1), or cycling through --theta values) take whole\n"
       "adaptive exams through the same engine as students. Reports RMSE, bias, correlation, mean SE and\n"
       "pass/fail classification after 10, 20, 30, 50 and 100 items, item exposure, and the same figures\n"
       "for a random fixed form of the same length. Progress goes to standard error.",
       {"blueprint", "bank", "synthetic", "simulees", "seed", "theta", "json"},
       simulate},
      {"stats",
       "stats [--bank B] [--since YYYY-MM-DD] [--min-responses N] [--json]",
       "Item analysis of every student's stored final answers: per item version the responses, facility\n"
       "(p), corrected point-biserial, choice counts per option, median time and flags (nobody right,\n"
       "everybody right, negative discrimination, an option never chosen; flags need N responses,\n"
       "default 10); Cronbach's alpha for each fixed form taken by finished sessions.",
       {"bank", "since", "min-responses", "json"},
       stats},
      {"bank calibrate",
       "bank calibrate [--min-responses N] [--apply] [--json]",
       "Rasch difficulties of the current item versions from every student's stored final answers (joint\n"
       "maximum likelihood on the observed answers), with standard errors and infit/outfit mean squares;\n"
       "items outside 0.7-1.3 infit are flagged. Items with fewer than N responses (default 30) are "
       "skipped.\n"
       "Without --apply it only reports; with it, the values are stored as new item versions with their\n"
       "source and n, and reports count calibrated and provisional difficulties apart.",
       {"min-responses", "apply", "json"},
       bank_calibrate},
      {"results export",
       "results export [--format csv] [--out FILE]",
       "A gradebook: one CSV row per session with answers (every student): student, dates, mode, answered,\n"
       "correct, the practice score estimate (theta, SE, scaled score, pass probability) and the percent\n"
       "right per discipline. Written to FILE, or to standard output.",
       {"format", "out"},
       results_export},
      {"instructor token",
       "instructor token [--reset]",
       "Issues the token that opens the instructor pages (/instructor.html) and /api/instructor/ routes,\n"
       "and prints it once; the database keeps only its SHA-256 hash. --reset replaces an earlier token.",
       {"reset"},
       instructor_token},
      {"backup",
       "backup OUT",
       "Writes a consistent copy of the database to OUT with SQLite's online backup; safe while\n"
       "`mltprep serve` runs, so a school can keep its results.",
       {},
       backup},
      {"restore",
       "restore BACKUP",
       "Replaces the database with BACKUP after checking it (SQLite's quick check, an mltprep schema);\n"
       "a damaged or foreign file is refused and the database is left as it was. Stop the server first.",
       {},
       restore},
      {"serve",
       "serve [--host 127.0.0.1] [--port 8080] [--max-connections 2048] [--max-connections-per-address 32]",
       "Serves the browser quiz and its JSON API (docs/api.md) until Ctrl+C or SIGTERM. Brings the\n"
       "bundled banks up to date first (new and corrected items; items edited locally are kept).\n"
       "Listens on 127.0.0.1 unless told otherwise. Connections beyond the caps get 503: raise the\n"
       "per-address cap when many students share one address (a proxy or NAT); docs/api.md, \"Limits\".",
       {"host", "port", "max-connections", "max-connections-per-address"},
       serve},
      {"report",
       "report SESSION [--json]",
       "The score report of a session, with the item review once it is finished.",
       {"json"},
       report},
  };
  return table;
}

void print_usage(std::ostream& out) {
  out << "mltprep " << kVersion << " — practice exams for MLT(ASCP) and MLT(AMT) students\n\n"
      << "Usage: mltprep [--db PATH] [--student NAME] COMMAND [options]\n\nCommands:\n";
  for (const auto& command : commands()) out << "  mltprep " << command.synopsis << "\n";
  out << "\nGlobal options:\n"
      << "  --db PATH        the database (default $XDG_DATA_HOME/mltprep/mltprep.db)\n"
      << "  --student NAME   whose sessions (default: your login name)\n"
      << "  --help           help on any command; --version the version\n"
      << "\nScores are practice estimates, never official ASCP or AMT scores.\n";
}

// The command named by the first one or two positionals, which it removes.
const Command* find_command(Arguments& args) {
  for (std::size_t words : {2, 1}) {
    if (args.positionals.size() < words) continue;
    std::string name = args.positionals[0];
    if (words == 2) name += " " + args.positionals[1];
    for (const auto& command : commands()) {
      if (name == command.name) {
        args.positionals.erase(args.positionals.begin(),
                               args.positionals.begin() + static_cast<std::ptrdiff_t>(words));
        return &command;
      }
    }
  }
  return nullptr;
}

void check_options(const Arguments& args, const Command& command) {
  for (const auto& [name, values] : args.options) {
    if (!kGlobalOptions.count(name) && !command.options.count(name)) {
      throw UsageError{"mltprep " + std::string(command.name) + " has no option --" + name};
    }
  }
}

// One place maps errors to exit codes: 1 for the data or the user's input
// (with every problem found in the data), 70 for a fault of the program.
int report_error(const Error& error, std::ostream& err) {
  for (const auto& problem : error.problems()) err << describe(problem) << "\n";
  err << "mltprep: " << error.what() << "\n";
  return error.code() == ErrorCode::internal ? 70 : 1;
}

}  // namespace
}  // namespace cli

int run_cli(const std::vector<std::string>& raw_args, std::istream& in, std::ostream& out,
            std::ostream& err) {
  using namespace cli;
  try {
    std::vector<std::string> normalised = raw_args;
    for (auto& arg : normalised) {
      if (arg == "-h") arg = "--help";
    }
    Arguments args = parse_arguments(normalised, kFlags);
    if (args.has("version")) {
      out << "mltprep " << kVersion << "\n";
      return 0;
    }
    const Command* command = find_command(args);
    if (!command) {
      if (args.has("help") || args.positionals.empty()) {
        print_usage(args.has("help") ? out : err);
        return args.has("help") ? 0 : 2;
      }
      err << "mltprep: unknown command '" << args.positionals.front() << "' (mltprep --help lists them)\n";
      return 2;
    }
    if (args.has("help")) {
      out << "Usage: mltprep " << command->synopsis << "\n\n" << command->help << "\n";
      return 0;
    }
    check_options(args, *command);
    Context context(std::move(args), in, out, err);
    return command->run(context);
  } catch (const UsageError& usage) {
    err << "mltprep: " << usage.message << "\n";
    return 2;
  } catch (const Error& error) {
    return report_error(error, err);
  } catch (const std::exception& error) {
    err << "mltprep: internal error: " << error.what() << "\n";
    return 70;
  } catch (...) {
    err << "mltprep: internal error of an unknown kind\n";
    return 70;
  }
}

}  // namespace mltprep
