// Items in the formats other tools use: GIFT, Aiken and CSV read in; GIFT,
// Moodle XML and a QTI 2.1 content package written out (docs/formats.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mltprep/discipline.h"
#include "mltprep/item.h"
#include "mltprep/source_file.h"

namespace mltprep {

enum class ImportFormat { gift, aiken, csv };
enum class ExportFormat { gift, moodle_xml, qti };

// "gift", "aiken", "csv"; "gift", "moodle-xml", "qti". nullopt for anything else.
std::optional<ImportFormat> parse_import_format(const std::string& name);
std::optional<ExportFormat> parse_export_format(const std::string& name);

struct ImportOptions {
  std::string discipline;  // for questions whose source names none
  Taxonomy taxonomy;       // the disciplines questions may name, by id, name or alias
};

// What a conversion found. All or nothing: `items` is empty whenever
// `problems` is not. Every problem names the line where its question starts.
struct ImportResult {
  std::vector<Item> items;
  std::vector<SourceProblem> problems;
  bool ok() const { return problems.empty(); }
};

// Every question of `source` as a bank item. Question types other than
// single-answer multiple choice are problems, each with its line. The items
// are then checked as `bank validate` checks a bank file, so a converted bank
// is a valid one. Defaults for what a format cannot say are in docs/formats.md.
ImportResult import_items(const SourceFile& source, ImportFormat format, const ImportOptions& options);

// The items as a GIFT file or a Moodle XML quiz file, both for Moodle's importers.
std::string export_gift(const std::vector<Item>& items);
std::string export_moodle_xml(const std::vector<Item>& items);

// A QTI 2.1 content package: the bytes of a zip archive holding imsmanifest.xml
// and one assessmentItem file per item.
std::string export_qti_package(const std::vector<Item>& items, const std::string& package_name);

}  // namespace mltprep
