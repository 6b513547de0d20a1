// The canonical disciplines of DESIGN.md ("Content areas"). Every item carries
// exactly one; blueprints map them to their own content areas.
#pragma once

#include <string>
#include <vector>

namespace mltprep {

struct Discipline {
  std::string id;         // e.g. "blood_bank"
  std::string name;       // e.g. "Blood bank (immunohematology)"
  std::string id_prefix;  // item ids start with this and a hyphen, e.g. "BBK"
};

const std::vector<Discipline>& all_disciplines();
const Discipline* find_discipline(const std::string& id);

}  // namespace mltprep
