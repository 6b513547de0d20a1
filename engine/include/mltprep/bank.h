// Question banks: parsing and validating the bank JSON format (docs/formats.md).
#pragma once

#include <string>
#include <vector>

#include "mltprep/discipline.h"
#include "mltprep/item.h"
#include "mltprep/source_file.h"

namespace mltprep {

struct Bank {
  std::string name;     // "bank" field, e.g. "mlt-core"
  std::string version;  // "version" field
  std::string file;
  std::vector<Item> items;
};

struct BankSet {
  std::vector<Bank> banks;              // only the items that passed validation
  std::vector<SourceProblem> problems;  // every problem found, in file order

  bool ok() const { return problems.empty(); }
  std::vector<Item> all_items() const;
};

// Parses and validates bank files together: JSON syntax (with line and column),
// required fields and their types, a discipline of `taxonomy` with its id prefix, 3-6 options,
// answer letter within the options, duplicate option texts, empty stem or
// explanation, ids unique across all files, identical stems across all files.
// Reports every problem, not only the first.
BankSet parse_banks(const std::vector<SourceFile>& files, const Taxonomy& taxonomy);
// The same for the files at `paths`, each read in blocks as it is parsed, so
// that a large bank's text is never held beside its items. A file that cannot
// be read is a problem.
BankSet parse_bank_files(const std::vector<std::string>& paths, const Taxonomy& taxonomy);

// A 64-bit hash (hex) of an item's authored content and parameters; a changed
// item gets a new hash and hence a new stored version.
std::string content_hash(const Item& item);
// The same without the measurement values: what students see. Calibration
// changes content_hash but not this.
std::string authored_content_hash(const Item& item);

// The item as bank-format JSON text (one object), and back. item_from_json
// throws Error(invalid_input) naming the field on a malformed object.
std::string item_to_json(const Item& item);
// A whole bank file holding `items`, laid out as authors write it (two-space
// indent, fields in authoring order, UTF-8 as is).
std::string bank_file_text(const std::string& bank_name, const std::string& version,
                           const std::vector<Item>& items);
Item item_from_json(const std::string& json_text);

}  // namespace mltprep
