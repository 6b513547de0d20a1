// A named piece of text (a bank or blueprint file) and a problem found in one.
#pragma once

#include <string>
#include <vector>

namespace mltprep {

struct SourceFile {
  std::string path;  // as the user named it, or "bundled:<name>" for embedded data
  std::string text;
};

// One problem in a bank or blueprint file. Every field that is known is filled;
// line and column are 1-based and 0 when unknown.
struct SourceProblem {
  std::string file;
  std::string item_id;  // the item or blueprint area concerned, if any
  std::string field;    // e.g. "answer", "options[2]", "areas[3].percent"
  std::string message;
  int line = 0;
  int column = 0;
  std::string subject = "item";  // what item_id names: "item", or "area" in a blueprint
};

// "file:line:column: item HEM-0001: field answer: message", leaving out what is
// unknown ("area blood_banking" for a blueprint area).
std::string describe(const SourceProblem& problem);

// Reads every *.json file named, or found (recursively, sorted by path) under
// a named folder. A missing or unreadable path becomes a problem, never an exception.
std::vector<SourceFile> read_json_files(const std::vector<std::string>& paths,
                                        std::vector<SourceProblem>& problems);
// The paths read_json_files would read, in the same order, without reading
// them: for files parsed as they are read (parse_bank_files).
std::vector<std::string> find_json_files(const std::vector<std::string>& paths,
                                         std::vector<SourceProblem>& problems);

// What a JSON file under question-banks/ holds, judged by the folders in its
// path: a file named taxonomy.json is a taxonomy; a folder named "blueprints"
// holds blueprints, one named "schema" holds JSON Schemas (not validated as
// data); anything else is a bank.
enum class DataFileKind { bank, blueprint, schema, taxonomy };
DataFileKind classify_data_file(const std::string& path);

}  // namespace mltprep
