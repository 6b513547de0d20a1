// The disciplines an item may carry, with their item-id prefixes, and the
// default blueprint: data from question-banks/taxonomy.json and from the
// taxonomy files instructors import (docs/design.md, "Exams as data").
// Blueprints map disciplines to their own content areas.
#pragma once

#include <string>
#include <vector>

#include "mltprep/source_file.h"

namespace mltprep {

struct Discipline {
  std::string id;         // e.g. "blood_bank"
  std::string name;       // e.g. "Blood bank (immunohematology)"
  std::string id_prefix;  // item ids start with this and a hyphen, e.g. "BBK"
  // Other names of the discipline in learning-platform categories, e.g. "immunohematology".
  std::vector<std::string> aliases;
};

class Taxonomy {
 public:
  Taxonomy() = default;
  Taxonomy(std::vector<Discipline> disciplines, std::string default_blueprint);

  const std::vector<Discipline>& disciplines() const { return disciplines_; }
  const Discipline* find(const std::string& id) const;  // nullptr when unknown
  // The blueprint a session uses when none is named (drills score against it).
  const std::string& default_blueprint() const { return default_blueprint_; }
  // "blood_bank, transfusion, ..." for messages that list the valid ids.
  std::string id_list() const;

  // Adds `other`'s disciplines that this one lacks; the default blueprint is
  // this one's unless it has none. An id or prefix that `other` gives a
  // different meaning is a problem naming `other_file`.
  void extend(const Taxonomy& other, const std::string& other_file, std::vector<SourceProblem>& problems);

 private:
  std::vector<Discipline> disciplines_;
  std::string default_blueprint_;
};

// Parses and validates taxonomy files (one object each: "taxonomy", optional
// "default_blueprint", "disciplines" with id, name, prefix and optional
// aliases), merging them in order with Taxonomy::extend. Every problem is
// appended with file, line and field.
Taxonomy parse_taxonomy(const std::vector<SourceFile>& files, std::vector<SourceProblem>& problems);

}  // namespace mltprep
