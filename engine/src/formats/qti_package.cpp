// QTI 2.1 content packages (docs/formats.md, "QTI 2.1").
#include <sstream>

#include "formats/format_readers.h"
#include "formats/zip_archive.h"
#include "mltprep/item_formats.h"

namespace mltprep {
namespace {

constexpr const char* kQtiNamespace = "http://www.imsglobal.org/xsd/imsqti_v2p1";
constexpr const char* kQtiSchema = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd";

std::string item_path(const Item& item) { return "items/" + item.id + ".xml"; }

// Item text in paragraphs, one per line of the text.
void write_paragraphs(std::ostream& out, const std::string& text, const char* indent) {
  for (const auto& line : source_lines(text)) {
    if (!line.empty()) out << indent << "<p>" << xml_escaped(line) << "</p>\n";
  }
}

// Scores 1 for the correct choice, and shows the explanation whatever the answer.
void write_response_processing(std::ostream& out) {
  out << "  <responseProcessing>\n"
      << "    <responseCondition>\n"
      << "      <responseIf>\n"
      << "        <match><variable identifier=\"RESPONSE\"/><correct identifier=\"RESPONSE\"/></match>\n"
      << "        <setOutcomeValue identifier=\"SCORE\"><baseValue "
         "baseType=\"float\">1</baseValue></setOutcomeValue>\n"
      << "      </responseIf>\n"
      << "      <responseElse>\n"
      << "        <setOutcomeValue identifier=\"SCORE\"><baseValue "
         "baseType=\"float\">0</baseValue></setOutcomeValue>\n"
      << "      </responseElse>\n"
      << "    </responseCondition>\n"
      << "    <setOutcomeValue identifier=\"FEEDBACK\"><baseValue "
         "baseType=\"identifier\">EXPLANATION</baseValue>"
         "</setOutcomeValue>\n"
      << "  </responseProcessing>\n";
}

std::string assessment_item(const Item& item) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<assessmentItem xmlns=\"" << kQtiNamespace
      << "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      << "    xsi:schemaLocation=\"" << kQtiNamespace << " " << kQtiSchema << "\"\n"
      << "    identifier=\"" << xml_escaped(item.id) << "\" title=\"" << xml_escaped(item.id)
      << "\" adaptive=\"false\" timeDependent=\"false\">\n"
      << "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"identifier\">\n"
      << "    <correctResponse><value>" << option_letter(item.answer_index) << "</value></correctResponse>\n"
      << "  </responseDeclaration>\n"
      << "  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\">\n"
      << "    <defaultValue><value>0</value></defaultValue>\n"
      << "  </outcomeDeclaration>\n"
      << "  <outcomeDeclaration identifier=\"FEEDBACK\" cardinality=\"single\" baseType=\"identifier\"/>\n"
      << "  <itemBody>\n";
  write_paragraphs(out, item.stem, "    ");
  out << "    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" maxChoices=\"1\">\n";
  for (std::size_t i = 0; i < item.options.size(); ++i) {
    out << "      <simpleChoice identifier=\"" << option_letter(static_cast<int>(i)) << "\">"
        << xml_escaped(item.options[i]) << "</simpleChoice>\n";
  }
  out << "    </choiceInteraction>\n"
      << "  </itemBody>\n";
  write_response_processing(out);
  out << "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"EXPLANATION\" showHide=\"show\">\n";
  write_paragraphs(out, explanation_with_references(item), "    ");
  out << "  </modalFeedback>\n"
      << "</assessmentItem>\n";
  return out.str();
}

std::string manifest(const std::vector<Item>& items, const std::string& package_name) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
      << "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      << "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 "
         "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd\"\n"
      << "    identifier=\"MANIFEST-" << xml_escaped(package_name) << "\">\n"
      << "  <metadata>\n"
      << "    <schema>QTIv2.1 Package</schema>\n"
      << "    <schemaversion>1.0.0</schemaversion>\n"
      << "  </metadata>\n"
      << "  <organizations/>\n"
      << "  <resources>\n";
  for (const auto& item : items) {
    out << "    <resource identifier=\"RES-" << xml_escaped(item.id)
        << "\" type=\"imsqti_item_xmlv2p1\" href=\"" << xml_escaped(item_path(item)) << "\">\n"
        << "      <file href=\"" << xml_escaped(item_path(item)) << "\"/>\n"
        << "    </resource>\n";
  }
  out << "  </resources>\n"
      << "</manifest>\n";
  return out.str();
}

}  // namespace

std::string export_qti_package(const std::vector<Item>& items, const std::string& package_name) {
  std::vector<ZipEntry> entries;
  entries.push_back({"imsmanifest.xml", manifest(items, package_name)});
  for (const auto& item : items) entries.push_back({item_path(item), assessment_item(item)});
  return zip_archive(entries);
}

}  // namespace mltprep
