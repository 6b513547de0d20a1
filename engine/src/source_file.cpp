#include "mltprep/source_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <system_error>

namespace mltprep {
namespace {

namespace fs = std::filesystem;

SourceProblem file_problem(const std::string& path, const std::string& message) {
  SourceProblem problem;
  problem.file = path;
  problem.message = message;
  return problem;
}

// Editors leave hidden lock and backup files (".#bank.json") beside the real ones.
bool is_hidden(const fs::path& path) {
  const auto name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

// Every *.json file under `folder`, sorted by path so that reports and
// imports are the same on every machine whatever order the directory lists.
std::vector<fs::path> json_files_under(const fs::path& folder, std::vector<SourceProblem>& problems) {
  std::vector<fs::path> found;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    std::error_code entry_error;  // an unreadable entry is skipped, not the whole walk
    if (is_hidden(it->path())) {
      if (it->is_directory(entry_error)) it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() == ".json" && it->is_regular_file(entry_error)) found.push_back(it->path());
  }
  if (error) problems.push_back(file_problem(folder.string(), "cannot list the folder: " + error.message()));
  std::sort(found.begin(), found.end(),
            [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  return found;
}

// Read straight into a string sized for the file: a string stream and the
// string made from it would hold the text twice (113 MiB for a 57 MB bank).
std::optional<std::string> read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::error_code error;
  const auto size = fs::file_size(path, error);
  std::string text;
  if (!error) text.reserve(size);
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0)
    text.append(block, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return std::nullopt;
  return text;
}

// Naming a file twice, or a file and its folder, must not make every item a duplicate of itself.
std::string identity_of(const fs::path& path) {
  std::error_code error;
  const auto canonical = fs::weakly_canonical(path, error);
  return error ? path.string() : canonical.string();
}

// Calls `visit` once per file named or found under a named folder, in order,
// reporting paths that do not exist or folders without JSON files.
void for_each_json_file(const std::vector<std::string>& paths, std::vector<SourceProblem>& problems,
                        const std::function<void(const fs::path&)>& visit) {
  std::set<std::string> seen;
  const auto visit_once = [&](const fs::path& path) {
    if (seen.insert(identity_of(path)).second) visit(path);
  };
  for (const auto& name : paths) {
    const fs::path path(name);
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      problems.push_back(file_problem(name, "no such file or folder"));
    } else if (fs::is_directory(status)) {
      const auto found = json_files_under(path, problems);
      if (found.empty()) problems.push_back(file_problem(name, "the folder holds no .json files"));
      for (const auto& file : found) visit_once(file);
    } else {
      visit_once(path);  // named explicitly: read whatever its extension
    }
  }
}

}  // namespace

std::string describe(const SourceProblem& problem) {
  // Appended piece by piece: GCC 12 at -O3 misreports `text += ":" + number` (-Wrestrict).
  std::string text = problem.file;
  if (!text.empty() && problem.line > 0) text.append(":").append(std::to_string(problem.line));
  if (!text.empty() && problem.line > 0 && problem.column > 0)
    text.append(":").append(std::to_string(problem.column));
  const auto add = [&text](const std::string& part) {
    if (!text.empty()) text += ": ";
    text += part;
  };
  if (!problem.item_id.empty()) add(problem.subject + " " + problem.item_id);
  if (!problem.field.empty()) add("field " + problem.field);
  add(problem.message);
  return text;
}

std::vector<std::string> find_json_files(const std::vector<std::string>& paths,
                                         std::vector<SourceProblem>& problems) {
  std::vector<std::string> found;
  for_each_json_file(paths, problems, [&found](const fs::path& path) { found.push_back(path.string()); });
  return found;
}

std::vector<SourceFile> read_json_files(const std::vector<std::string>& paths,
                                        std::vector<SourceProblem>& problems) {
  std::vector<SourceFile> files;
  for_each_json_file(paths, problems, [&](const fs::path& path) {
    auto text = read_whole_file(path);
    if (text) {
      files.push_back({path.string(), std::move(*text)});
    } else {
      problems.push_back(file_problem(path.string(), "cannot read the file"));
    }
  });
  return files;
}

DataFileKind classify_data_file(const std::string& path) {
  std::string name = path;
  const std::string bundled = "bundled:";
  if (name.rfind(bundled, 0) == 0) name = name.substr(bundled.size());
  if (fs::path(name).filename() == "taxonomy.json") return DataFileKind::taxonomy;
  // The nearest enclosing folder that means something decides.
  const auto parent = fs::path(name).parent_path();
  std::vector<std::string> folders;
  for (const auto& part : parent) folders.push_back(part.string());
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
    if (*it == "blueprints") return DataFileKind::blueprint;
    if (*it == "schema") return DataFileKind::schema;
  }
  return DataFileKind::bank;
}

}  // namespace mltprep
