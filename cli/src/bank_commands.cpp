#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "commands.h"
#include "mltprep/bank.h"
#include "mltprep/blueprint.h"
#include "mltprep/bundled.h"
#include "mltprep/discipline.h"
#include "mltprep/error.h"

namespace mltprep::cli {
namespace {

struct CheckedFiles {
  BankSet banks;
  std::vector<Blueprint> blueprints;
  std::vector<SourceProblem> problems;  // every problem, reading, banks and blueprints
  int bank_files = 0;
  int blueprint_files = 0;
};

// An item's "exams" must name blueprints that exist: bundled ones or those being checked.
void check_exam_names(CheckedFiles& checked) {
  std::set<std::string> known;
  std::vector<SourceProblem> ignored;
  for (const auto& blueprint : parse_blueprints(bundled_blueprint_files(), ignored))
    known.insert(blueprint.id);
  for (const auto& blueprint : checked.blueprints) known.insert(blueprint.id);
  for (const auto& bank : checked.banks.banks) {
    for (const auto& item : bank.items) {
      for (const auto& exam : item.exams) {
        if (known.count(exam)) continue;
        SourceProblem problem;
        problem.file = bank.file;
        problem.item_id = item.id;
        problem.field = "exams";
        problem.message = "no blueprint '" + exam + "' exists";
        checked.problems.push_back(problem);
      }
    }
  }
}

// Reads the named files and folders and checks each by what it holds.
CheckedFiles check_files(const std::vector<std::string>& paths) {
  CheckedFiles checked;
  std::vector<std::string> bank_paths, blueprint_paths;
  for (auto& path : find_json_files(paths, checked.problems)) {
    switch (classify_data_file(path)) {
      case DataFileKind::bank:
        bank_paths.push_back(std::move(path));
        break;
      case DataFileKind::blueprint:
        blueprint_paths.push_back(std::move(path));
        break;
      case DataFileKind::schema:
        break;
    }
  }
  // Blueprints are small and read whole; banks are parsed as they are read, so
  // that a large bank's text is never held beside its items.
  const auto blueprint_files = read_json_files(blueprint_paths, checked.problems);
  checked.bank_files = static_cast<int>(bank_paths.size());
  checked.blueprint_files = static_cast<int>(blueprint_files.size());
  checked.banks = parse_bank_files(bank_paths);
  checked.problems.insert(checked.problems.end(), checked.banks.problems.begin(),
                          checked.banks.problems.end());
  checked.blueprints = parse_blueprints(blueprint_files, checked.problems);
  check_exam_names(checked);
  return checked;
}

int report_problems(Context& context, const CheckedFiles& checked) {
  for (const auto& problem : checked.problems) context.err() << describe(problem) << "\n";
  context.err() << checked.problems.size() << (checked.problems.size() == 1 ? " problem" : " problems")
                << " found.\n";
  return 1;
}

void require_paths(const Context& context, const char* command) {
  if (context.args().positionals.empty()) {
    throw UsageError{std::string("mltprep ") + command + " needs at least one file or folder"};
  }
}

}  // namespace

int bank_validate(Context& context) {
  require_paths(context, "bank validate");
  const auto checked = check_files(context.args().positionals);
  if (!checked.problems.empty()) return report_problems(context, checked);
  const auto items = checked.banks.all_items();
  context.out() << "OK: " << items.size() << " items in " << checked.bank_files << " bank files, "
                << checked.blueprints.size() << " blueprints in " << checked.blueprint_files << " files.\n";
  return 0;
}

int bank_import(Context& context) {
  require_paths(context, "bank import");
  const auto checked = check_files(context.args().positionals);
  if (!checked.problems.empty()) {
    report_problems(context, checked);
    context.err() << "Nothing was imported.\n";
    return 1;
  }
  const auto summary = context.engine().import_items(checked.banks.all_items());
  context.out() << "Imported into " << context.database_path() << ": " << summary.added << " new, "
                << summary.revised << " changed (new versions), " << summary.unchanged << " unchanged.\n";
  return 0;
}

int bank_list(Context& context) {
  std::map<std::string, std::map<std::string, int>> counts;  // discipline → column → count
  std::map<std::string, int> totals;
  for (const auto& stored : context.engine().items()) {
    const auto& item = stored.item;
    for (const std::string& column :
         {std::string("items"), std::string(level_name(item.level)),
          std::string(difficulty_name(item.difficulty)),
          std::string(item.parameters.calibrated ? "calibrated" : "provisional")}) {
      ++counts[item.discipline][column];
      ++totals[column];
    }
  }
  const std::vector<std::string> columns = {"items",  "recall", "application", "analysis",   "easy",
                                            "medium", "hard",   "calibrated",  "provisional"};
  if (context.json()) {
    nlohmann::json out = {{"disciplines", counts}, {"total", totals}};
    context.out() << out.dump(2) << "\n";
    return 0;
  }
  context.out() << "Items in " << context.database_path()
                << " (difficulty: author estimate unless calibrated)\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-16s", "discipline");
  context.out() << line;
  for (const auto& column : columns) context.out() << " " << column;
  context.out() << "\n";
  auto print_row = [&](const std::string& name, std::map<std::string, int>& row) {
    std::snprintf(line, sizeof line, "%-16s", name.c_str());
    context.out() << line;
    for (const auto& column : columns) {
      std::snprintf(line, sizeof line, " %*d", static_cast<int>(column.size()), row[column]);
      context.out() << line;
    }
    context.out() << "\n";
  };
  for (const auto& discipline : all_disciplines()) print_row(discipline.id, counts[discipline.id]);
  print_row("total", totals);
  return 0;
}

}  // namespace mltprep::cli
