// bank convert and bank export: other formats in and out (docs/formats.md).
#include <filesystem>
#include <ostream>

#include "commands.h"
#include "files.h"
#include "mltprep/bank.h"
#include "mltprep/error.h"
#include "mltprep/item_formats.h"

namespace mltprep::cli {
namespace {

std::string required_option(const Context& context, const char* name, const char* command) {
  const auto value = context.args().value(name);
  if (!value || value->empty()) throw UsageError{std::string("mltprep ") + command + " needs --" + name};
  return *value;
}

std::string single_path(const Context& context, const char* command) {
  if (context.args().positionals.size() != 1) {
    throw UsageError{std::string("mltprep ") + command + " takes exactly one input file"};
  }
  return context.args().positionals.front();
}

int report(Context& context, const std::vector<SourceProblem>& problems, const std::string& consequence) {
  for (const auto& problem : problems) context.err() << describe(problem) << "\n";
  context.err() << problems.size() << (problems.size() == 1 ? " problem" : " problems") << " found; "
                << consequence << "\n";
  return 1;
}

}  // namespace

int bank_convert(Context& context) {
  const std::string input = single_path(context, "bank convert");
  const std::string from = required_option(context, "from", "bank convert");
  const std::string output = required_option(context, "out", "bank convert");
  const auto format = parse_import_format(from);
  if (!format) throw UsageError{"--from must be gift, aiken or csv, not '" + from + "'"};
  ImportOptions options;
  options.discipline = context.args().value("discipline").value_or("");

  const auto result = import_items(SourceFile{input, read_whole_file(input)}, *format, options);
  if (!result.ok()) return report(context, result.problems, "nothing was written.");
  const std::string bank_name = std::filesystem::path(output).stem().string();
  write_file_atomically(output, bank_file_text(bank_name, "1", result.items));
  context.out()
      << "Converted " << result.items.size() << (result.items.size() == 1 ? " question" : " questions")
      << " from " << input << " into " << output << " (bank \"" << bank_name << "\"), checked as "
      << "`bank validate` checks a bank.\nDifficulties are the authors' estimates (provisional) until "
      << "calibrated from real responses.\n";
  return 0;
}

int bank_export(Context& context) {
  const std::string to = required_option(context, "to", "bank export");
  const std::string output = required_option(context, "out", "bank export");
  const auto format = parse_export_format(to);
  if (!format) throw UsageError{"--to must be gift, moodle-xml or qti, not '" + to + "'"};
  if (context.args().positionals.empty()) throw UsageError{"mltprep bank export needs a bank file or folder"};

  std::vector<SourceProblem> problems;
  const auto files = read_json_files(context.args().positionals, problems);
  auto banks = parse_banks(files);
  problems.insert(problems.end(), banks.problems.begin(), banks.problems.end());
  if (!problems.empty()) return report(context, problems, "nothing was exported.");
  const auto items = banks.all_items();
  const std::string package = std::filesystem::path(output).stem().string();
  switch (*format) {
    case ExportFormat::gift:
      write_file_atomically(output, export_gift(items));
      break;
    case ExportFormat::moodle_xml:
      write_file_atomically(output, export_moodle_xml(items));
      break;
    case ExportFormat::qti:
      write_file_atomically(output, export_qti_package(items, package));
      break;
  }
  context.out() << "Exported " << items.size() << (items.size() == 1 ? " item" : " items") << " to " << output
                << " (" << to << ").\n";
  return 0;
}

}  // namespace mltprep::cli
