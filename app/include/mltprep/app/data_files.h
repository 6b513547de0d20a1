// Bank, blueprint and taxonomy files checked together, as `bank validate`
// reports them and `bank import` stores them (docs/formats.md).
#pragma once

#include <string>
#include <vector>

#include "mltprep/bank.h"
#include "mltprep/blueprint.h"
#include "mltprep/discipline.h"

namespace mltprep::app {

struct CheckedFiles {
  Taxonomy taxonomy;                       // the known taxonomy extended by the files' own
  std::vector<SourceFile> taxonomy_files;  // as read, for storing
  std::vector<Blueprint> blueprints;       // the files' blueprints
  std::vector<SourceFile> blueprint_files;
  BankSet banks;
  std::vector<SourceProblem> problems;  // every problem: reading, taxonomy, blueprints, banks, exam names
  int bank_files = 0;

  bool ok() const { return problems.empty(); }
};

// Reads the named files and folders and checks each by what it holds
// (taxonomy.json, blueprints/, schema/, banks). Items may name the disciplines
// of `known` and of the files' taxonomy, and the exams of `known_blueprints`
// and of the files' blueprints.
CheckedFiles check_data_files(const std::vector<std::string>& paths, const Taxonomy& known,
                              const std::vector<Blueprint>& known_blueprints);
// The same against the bundled taxonomy and blueprints.
CheckedFiles check_data_files(const std::vector<std::string>& paths);

}  // namespace mltprep::app
