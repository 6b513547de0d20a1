// bank convert and bank export: other formats in and out (docs/formats.md).
#include <filesystem>
#include <ostream>

#include "commands.h"
#include "files.h"
#include "mltprep/app/conversion.h"
#include "mltprep/app/requests.h"
#include "numbers.h"

namespace mltprep::cli {
namespace {

std::string required_option(const Context& context, const char* name, const char* command) {
  const auto value = context.args().value(name);
  if (!value || value->empty()) throw UsageError{std::string("mltprep ") + command + " needs --" + name};
  return *value;
}

}  // namespace

int bank_convert(Context& context) {
  const std::string input = context.single_path("bank convert");
  const auto from = required_option(context, "from", "bank convert");
  const auto format = as_usage([&] { return app::import_format_named(from); });
  const std::string output = required_option(context, "out", "bank convert");
  const auto conversion = app::convert_questions(SourceFile{input, read_whole_file(input)}, format,
                                                 context.args().value("discipline").value_or(""),
                                                 std::filesystem::path(output).stem().string());
  write_file_atomically(output, conversion.bank_text);
  const auto count = conversion.items.size();
  context.out()
      << "Converted " << count << (count == 1 ? " question" : " questions") << " from " << input << " into "
      << output << " (bank \"" << conversion.bank_name << "\"), checked as "
      << "`bank validate` checks a bank.\nDifficulties are the authors' estimates (provisional) until "
      << "calibrated from real responses.\n";
  return 0;
}

int bank_export(Context& context) {
  const auto to = required_option(context, "to", "bank export");
  const auto format = as_usage([&] { return app::export_format_named(to); });
  const std::string output = required_option(context, "out", "bank export");
  if (context.args().positionals.empty()) throw UsageError{"mltprep bank export needs a bank file or folder"};
  const auto exported =
      app::export_banks(context.args().positionals, format, std::filesystem::path(output).stem().string());
  write_file_atomically(output, exported.bytes);
  context.out() << "Exported " << exported.items << (exported.items == 1 ? " item" : " items") << " to "
                << output << " (" << to << ").\n";
  return 0;
}

}  // namespace mltprep::cli
