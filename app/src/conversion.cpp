#include "mltprep/app/conversion.h"

#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/error.h"

namespace mltprep::app {

std::string problems_found(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " problem found" : " problems found");
}

Conversion convert_questions(const SourceFile& source, ImportFormat format, const std::string& discipline,
                             const std::string& bank_name) {
  ImportOptions options;
  options.discipline = discipline;
  options.taxonomy = bundled_taxonomy();
  auto result = import_items(source, format, options);
  if (!result.ok()) {
    throw Error(ErrorCode::invalid_input, problems_found(result.problems.size()) + "; nothing was written.",
                result.problems);
  }
  Conversion conversion{std::move(result.items), bank_name, ""};
  conversion.bank_text = bank_file_text(bank_name, "1", conversion.items);
  return conversion;
}

Export export_banks(const std::vector<std::string>& paths, ExportFormat format,
                    const std::string& package_name) {
  std::vector<SourceProblem> problems;
  const auto files = read_json_files(paths, problems);
  const auto banks = parse_banks(files, bundled_taxonomy());
  problems.insert(problems.end(), banks.problems.begin(), banks.problems.end());
  if (!problems.empty()) {
    throw Error(ErrorCode::invalid_input, problems_found(problems.size()) + "; nothing was exported.",
                problems);
  }
  const auto items = banks.all_items();
  Export out{static_cast<int>(items.size()), ""};
  switch (format) {
    case ExportFormat::gift:
      out.bytes = export_gift(items);
      break;
    case ExportFormat::moodle_xml:
      out.bytes = export_moodle_xml(items);
      break;
    case ExportFormat::qti:
      out.bytes = export_qti_package(items, package_name);
      break;
  }
  return out;
}

}  // namespace mltprep::app
