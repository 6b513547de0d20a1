// Questions in other formats into a bank, and banks out to other formats
// (docs/formats.md). All or nothing: any problem is Error(invalid_input)
// carrying every problem with its line, and nothing is produced.
#pragma once

#include <string>
#include <vector>

#include "mltprep/item_formats.h"

namespace mltprep::app {

struct Conversion {
  std::vector<Item> items;
  std::string bank_name;
  std::string bank_text;  // the bank file, checked as `bank validate` checks one
};

// `discipline` is for questions whose source names none; may be empty.
Conversion convert_questions(const SourceFile& source, ImportFormat format, const std::string& discipline,
                             const std::string& bank_name);

struct Export {
  int items = 0;
  std::string bytes;  // the GIFT or Moodle XML text, or the QTI zip archive
};

Export export_banks(const std::vector<std::string>& paths, ExportFormat format,
                    const std::string& package_name);

// "1 problem found", "3 problems found".
std::string problems_found(std::size_t count);

}  // namespace mltprep::app
