#include "mltprep/discipline.h"

namespace mltprep {

const std::vector<Discipline>& all_disciplines() {
  static const std::vector<Discipline> disciplines = {
      {"blood_bank", "Blood bank (immunohematology)", "BBK"},
      {"transfusion", "Transfusion services", "TXS"},
      {"urinalysis", "Urinalysis and body fluids", "URN"},
      {"chemistry", "Chemistry", "CHM"},
      {"hematology", "Hematology", "HEM"},
      {"coagulation", "Coagulation and hemostasis", "COA"},
      {"immunology", "Immunology and serology", "IMM"},
      {"microbiology", "Microbiology", "MIC"},
      {"lab_operations", "Laboratory operations", "LAB"},
  };
  return disciplines;
}

const Discipline* find_discipline(const std::string& id) {
  for (const auto& discipline : all_disciplines()) {
    if (discipline.id == id) return &discipline;
  }
  return nullptr;
}

}  // namespace mltprep
