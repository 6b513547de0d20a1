#include "mltprep/app/data_files.h"

#include <set>

#include "mltprep/bundled.h"

namespace mltprep::app {
namespace {

// An item's "exams" must name blueprints that exist: known ones or those being checked.
void check_exam_names(CheckedFiles& checked, const std::vector<Blueprint>& known_blueprints) {
  std::set<std::string> known;
  for (const auto& blueprint : known_blueprints) known.insert(blueprint.id);
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

void append(std::vector<SourceProblem>& to, const std::vector<SourceProblem>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

CheckedFiles check_data_files(const std::vector<std::string>& paths, const Taxonomy& known,
                              const std::vector<Blueprint>& known_blueprints) {
  CheckedFiles checked;
  std::vector<std::string> bank_paths, blueprint_paths, taxonomy_paths;
  for (auto& path : find_json_files(paths, checked.problems)) {
    switch (classify_data_file(path)) {
      case DataFileKind::bank:
        bank_paths.push_back(std::move(path));
        break;
      case DataFileKind::blueprint:
        blueprint_paths.push_back(std::move(path));
        break;
      case DataFileKind::taxonomy:
        taxonomy_paths.push_back(std::move(path));
        break;
      case DataFileKind::schema:
        break;
    }
  }
  // Taxonomies first: blueprints and banks name their disciplines. Banks are
  // parsed as they are read, so a large bank's text is never held beside its items.
  checked.taxonomy_files = read_json_files(taxonomy_paths, checked.problems);
  checked.taxonomy = known;
  for (const auto& file : checked.taxonomy_files) {
    checked.taxonomy.extend(parse_taxonomy({file}, checked.problems), file.path, checked.problems);
  }
  checked.blueprint_files = read_json_files(blueprint_paths, checked.problems);
  checked.blueprints = parse_blueprints(checked.blueprint_files, checked.taxonomy, checked.problems);
  checked.bank_files = static_cast<int>(bank_paths.size());
  checked.banks = parse_bank_files(bank_paths, checked.taxonomy);
  append(checked.problems, checked.banks.problems);
  check_exam_names(checked, known_blueprints);
  return checked;
}

CheckedFiles check_data_files(const std::vector<std::string>& paths) {
  return check_data_files(paths, bundled_taxonomy(), bundled_blueprints());
}

}  // namespace mltprep::app
