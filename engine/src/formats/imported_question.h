// A question as read from another format, and what turns a file's questions
// into validated bank items. Private to the engine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mltprep/item_formats.h"

namespace mltprep {

// What a format said about one question; empty fields take the defaults of
// docs/formats.md ("Converting").
struct ImportedQuestion {
  int line = 0;  // where the question starts
  std::string id;
  std::string discipline;
  std::vector<std::string> topics;
  std::string level;
  std::string difficulty;
  std::string stem;
  std::vector<std::string> options;
  int answer_index = -1;  // -1: the source marks no answer
  std::string explanation;
  std::vector<std::string> references;
};

// Collects a file's questions and problems; finish() makes the items, or the
// full list of problems when there is any.
class ImportCollector {
 public:
  ImportCollector(const SourceFile& source, const ImportOptions& options)
      : source_(source), options_(options) {}

  void add(ImportedQuestion question) { questions_.push_back(std::move(question)); }
  void problem(int line, const std::string& message, const std::string& field = "");
  ImportResult finish();
  const Taxonomy& taxonomy() const { return options_.taxonomy; }

 private:
  std::string discipline_of(const ImportedQuestion& question);
  std::optional<Item> item_from(const ImportedQuestion& question);
  void assign_missing_ids(std::vector<Item>& items) const;

  const SourceFile& source_;
  const ImportOptions& options_;
  std::vector<ImportedQuestion> questions_;
  std::vector<SourceProblem> problems_;
};

// Helpers the formats share.
std::string trim_text(const std::string& text);
std::string lower_text(std::string text);
std::vector<std::string> split_text(const std::string& text, char separator);  // trimmed, empties dropped
// A discipline of `taxonomy` named by id ("blood_bank"), by name ("Blood bank"),
// or by one of its aliases ("Blood Banking", "Immunohematology"); "" if none.
std::string discipline_named(const std::string& text, const Taxonomy& taxonomy);

}  // namespace mltprep
