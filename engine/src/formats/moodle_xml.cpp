// Moodle XML quiz files (docs/formats.md, "Moodle XML").
#include <sstream>

#include "formats/format_readers.h"
#include "mltprep/item_formats.h"

namespace mltprep {
namespace {

void write_text(std::ostream& out, const char* element, const std::string& text, const char* indent) {
  out << indent << "<" << element << " format=\"plain_text\"><text>" << xml_escaped(text) << "</text></"
      << element << ">\n";
}

// Options in a numeric or logical order stay in order: the student must see
// them as the author wrote them, so Moodle is told not to shuffle.
void write_question(std::ostream& out, const Item& item) {
  out << "  <question type=\"multichoice\">\n"
      << "    <name><text>" << xml_escaped(item.id) << "</text></name>\n";
  write_text(out, "questiontext", item.stem, "    ");
  write_text(out, "generalfeedback", explanation_with_references(item), "    ");
  out << "    <defaultgrade>1</defaultgrade>\n"
      << "    <penalty>0</penalty>\n"
      << "    <hidden>0</hidden>\n"
      << "    <idnumber>" << xml_escaped(item.id) << "</idnumber>\n"
      << "    <single>true</single>\n"
      << "    <shuffleanswers>false</shuffleanswers>\n"
      << "    <answernumbering>ABCD</answernumbering>\n";
  for (std::size_t i = 0; i < item.options.size(); ++i) {
    const bool key = static_cast<int>(i) == item.answer_index;
    out << "    <answer fraction=\"" << (key ? 100 : 0) << "\" format=\"plain_text\">\n"
        << "      <text>" << xml_escaped(item.options[i]) << "</text>\n"
        << "      <feedback format=\"plain_text\"><text></text></feedback>\n"
        << "    </answer>\n";
  }
  out << "    <tags>\n";
  for (const auto& topic : item.topics) out << "      <tag><text>" << xml_escaped(topic) << "</text></tag>\n";
  out << "      <tag><text>level-" << level_name(item.level) << "</text></tag>\n"
      << "      <tag><text>difficulty-" << difficulty_name(item.difficulty) << "</text></tag>\n"
      << "    </tags>\n"
      << "  </question>\n";
}

}  // namespace

std::string export_moodle_xml(const std::vector<Item>& items) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<!-- Exported by mltprep. Difficulty tags are the authors' estimates unless the items were "
         "calibrated. -->\n"
      << "<quiz>\n";
  std::string category;
  for (const auto& item : items) {
    if (item.discipline != category) {
      category = item.discipline;
      out << "  <question type=\"category\">\n"
          << "    <category><text>$course$/top/mltprep/" << xml_escaped(category) << "</text></category>\n"
          << "  </question>\n";
    }
    write_question(out, item);
  }
  out << "</quiz>\n";
  return out.str();
}

}  // namespace mltprep
