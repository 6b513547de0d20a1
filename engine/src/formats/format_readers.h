// The readers of each import format, each feeding an ImportCollector, and the
// text helpers the writers share. Private to the engine.
#pragma once

#include <string>
#include <vector>

#include "formats/imported_question.h"

namespace mltprep {

void read_gift(const SourceFile& source, ImportCollector& collector);
void read_aiken(const SourceFile& source, ImportCollector& collector);
void read_csv_items(const SourceFile& source, ImportCollector& collector);

// A source's lines without line ends ("\r\n" or "\n") and without a UTF-8 byte order mark.
std::vector<std::string> source_lines(const std::string& text);

// Text for XML character data and attribute values.
std::string xml_escaped(const std::string& text);

// "Reference: ..." lines, one per reference, as GIFT and Moodle XML carry them
// in the general feedback after the explanation.
std::string explanation_with_references(const Item& item);
// The reverse: "Reference:" and "References:" lines become references, the rest the explanation.
void split_references(const std::string& feedback, std::string& explanation,
                      std::vector<std::string>& references);

}  // namespace mltprep
