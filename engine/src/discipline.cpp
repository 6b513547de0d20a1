#include "mltprep/discipline.h"

#include <cctype>
#include <set>

#include "json_fields.h"
#include "json_text.h"

namespace mltprep {
namespace {

// Nesting depth of a discipline's members: top-level object, "disciplines" array, discipline object.
constexpr int kDisciplineDepth = 3;

// "blood_bank": a lower-case letter, then lower-case letters, digits and underscores.
bool is_discipline_id(const std::string& id) {
  if (id.empty() || !std::islower(static_cast<unsigned char>(id.front()))) return false;
  for (unsigned char c : id) {
    if (!std::islower(c) && !std::isdigit(c) && c != '_') return false;
  }
  return true;
}

// "BBK": two to five upper-case letters, as item ids begin.
bool is_prefix(const std::string& prefix) {
  if (prefix.size() < 2 || prefix.size() > 5) return false;
  for (unsigned char c : prefix) {
    if (!std::isupper(c)) return false;
  }
  return true;
}

std::optional<Discipline> read_discipline(const Json& entry, const Reporter& reporter) {
  if (!entry.is_object()) {
    reporter.report("", "a discipline must be an object, not " + json_type_phrase(entry));
    return std::nullopt;
  }
  const auto before = reporter.count();
  report_unknown_fields(entry, {"id", "name", "prefix", "aliases"}, reporter);
  const auto id = read_string(entry, "id", reporter);
  if (id && !is_discipline_id(*id)) {
    reporter.report("id",
                    "\"" + *id + "\" must be lower-case letters, digits and underscores, e.g. blood_bank");
  }
  const auto name = read_string(entry, "name", reporter);
  const auto prefix = read_string(entry, "prefix", reporter);
  if (prefix && !is_prefix(*prefix)) {
    reporter.report("prefix", "\"" + *prefix + "\" must be 2 to 5 upper-case letters, e.g. BBK");
  }
  const auto aliases = read_strings(entry, "aliases", reporter, 0, Presence::optional);
  if (reporter.count() != before) return std::nullopt;
  return Discipline{*id, *name, *prefix, aliases.value_or(std::vector<std::string>{})};
}

// Each discipline read, with the line of its entry, or nullopt after reporting.
std::optional<Taxonomy> read_taxonomy(const Json& root, const SourceFile& file, const JsonKeyLines& lines,
                                      std::vector<SourceProblem>& problems) {
  const Reporter reporter(problems, file.path);
  if (!root.is_object()) {
    reporter.report("", "a taxonomy file must be an object, not " + json_type_phrase(root));
    return std::nullopt;
  }
  const auto before = reporter.count();
  report_unknown_fields(root, {"$schema", "taxonomy", "default_blueprint", "disciplines"}, reporter);
  read_string(root, "taxonomy", reporter);
  const auto default_blueprint = read_string(root, "default_blueprint", reporter, Presence::optional);
  const Json* entries = find_member(root, "disciplines", reporter, Presence::required);
  std::vector<Discipline> disciplines;
  if (entries && !entries->is_array()) reporter.report("disciplines", "must be an array of disciplines");
  if (entries && entries->is_array()) {
    std::set<std::string> ids, prefixes;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      Reporter nested = reporter.nested("disciplines[" + std::to_string(i) + "].");
      const auto& entry = (*entries)[i];
      if (entry.is_object() && entry.contains("id") && entry["id"].is_string()) {
        nested.line = lines.line_of_member("id", entry["id"].get<std::string>(), kDisciplineDepth, 0);
      }
      auto discipline = read_discipline(entry, nested);
      if (!discipline) continue;
      if (!ids.insert(discipline->id).second) nested.report("id", discipline->id + " is listed twice");
      if (!prefixes.insert(discipline->id_prefix).second) {
        nested.report("prefix", discipline->id_prefix + " is the prefix of another discipline already");
      }
      disciplines.push_back(std::move(*discipline));
    }
  }
  locate_file_level_problems(problems, before, lines);
  if (reporter.count() != before) return std::nullopt;
  return Taxonomy(std::move(disciplines), default_blueprint.value_or(""));
}

}  // namespace

Taxonomy::Taxonomy(std::vector<Discipline> disciplines, std::string default_blueprint)
    : disciplines_(std::move(disciplines)), default_blueprint_(std::move(default_blueprint)) {}

const Discipline* Taxonomy::find(const std::string& id) const {
  for (const auto& discipline : disciplines_) {
    if (discipline.id == id) return &discipline;
  }
  return nullptr;
}

std::string Taxonomy::id_list() const {
  std::string list;
  for (const auto& discipline : disciplines_) list += (list.empty() ? "" : ", ") + discipline.id;
  return list;
}

void Taxonomy::extend(const Taxonomy& other, const std::string& other_file,
                      std::vector<SourceProblem>& problems) {
  for (const auto& discipline : other.disciplines_) {
    SourceProblem problem;
    problem.file = other_file;
    if (const auto* known = find(discipline.id)) {
      if (known->id_prefix == discipline.id_prefix) continue;  // the same discipline again
      problem.field = "prefix";
      problem.message = "discipline " + discipline.id + " already has prefix " + known->id_prefix;
      problems.push_back(std::move(problem));
      continue;
    }
    bool prefix_taken = false;
    for (const auto& known : disciplines_) {
      if (known.id_prefix != discipline.id_prefix) continue;
      problem.field = "prefix";
      problem.message = "prefix " + discipline.id_prefix + " already belongs to discipline " + known.id;
      problems.push_back(problem);
      prefix_taken = true;
    }
    if (!prefix_taken) disciplines_.push_back(discipline);
  }
  if (default_blueprint_.empty()) default_blueprint_ = other.default_blueprint_;
}

Taxonomy parse_taxonomy(const std::vector<SourceFile>& files, std::vector<SourceProblem>& problems) {
  Taxonomy taxonomy;
  for (const auto& file : files) {
    const auto before = problems.size();
    const auto root = parse_json_source(file, problems);
    if (!root) continue;
    const JsonKeyLines lines(file.text);
    locate_file_level_problems(problems, before, lines);
    const auto read = read_taxonomy(*root, file, lines, problems);
    if (read && problems.size() == before) taxonomy.extend(*read, file.path, problems);
  }
  return taxonomy;
}

}  // namespace mltprep
