#include "mltprep/item_formats.h"

#include "formats/format_readers.h"

namespace mltprep {

std::optional<ImportFormat> parse_import_format(const std::string& name) {
  if (name == "gift") return ImportFormat::gift;
  if (name == "aiken") return ImportFormat::aiken;
  if (name == "csv") return ImportFormat::csv;
  return std::nullopt;
}

std::optional<ExportFormat> parse_export_format(const std::string& name) {
  if (name == "gift") return ExportFormat::gift;
  if (name == "moodle-xml") return ExportFormat::moodle_xml;
  if (name == "qti") return ExportFormat::qti;
  return std::nullopt;
}

ImportResult import_items(const SourceFile& source, ImportFormat format, const ImportOptions& options) {
  ImportCollector collector(source, options);
  switch (format) {
    case ImportFormat::gift:
      read_gift(source, collector);
      break;
    case ImportFormat::aiken:
      read_aiken(source, collector);
      break;
    case ImportFormat::csv:
      read_csv_items(source, collector);
      break;
  }
  return collector.finish();
}

std::vector<std::string> source_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::string xml_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters other than tab and line breaks are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}

std::string explanation_with_references(const Item& item) {
  std::string text = item.explanation;
  if (!item.references.empty()) text += "\n";
  for (const auto& reference : item.references) text += "\nReference: " + reference;
  return text;
}

void split_references(const std::string& feedback, std::string& explanation,
                      std::vector<std::string>& references) {
  std::string rest;
  for (const auto& line : source_lines(feedback)) {
    const std::string lowered = lower_text(trim_text(line));
    std::size_t prefix = 0;
    for (const char* label : {"references:", "reference:"}) {
      if (prefix == 0 && lowered.rfind(label, 0) == 0) prefix = std::string(label).size();
    }
    if (prefix > 0) {
      const std::string reference = trim_text(trim_text(line).substr(prefix));
      if (!reference.empty()) references.push_back(reference);
    } else {
      rest += (rest.empty() ? "" : "\n") + line;
    }
  }
  explanation = trim_text(rest);
}

}  // namespace mltprep
