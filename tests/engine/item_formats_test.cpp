#include "mltprep/item_formats.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>

#include "../../engine/src/formats/zip_archive.h"
#include "mltprep/bank.h"
#include "mltprep/bundled.h"

using namespace mltprep;

namespace {

ImportResult convert(const std::string& text, ImportFormat format, const std::string& discipline = "") {
  ImportOptions options;
  options.discipline = discipline;
  options.taxonomy = bundled_taxonomy();
  return import_items(SourceFile{"in.txt", text}, format, options);
}

// "in.txt:LINE: ..." for every problem, to compare whole lists at once.
std::vector<std::string> described(const ImportResult& result) {
  std::vector<std::string> lines;
  for (const auto& problem : result.problems) lines.push_back(describe(problem));
  return lines;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& needle) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(needle) != std::string::npos; });
}

const char* kGiftSample = R"(// Week 3 quiz
$CATEGORY: $course$/top/Hematology/Red cell disorders

// [id:HEM-0101] [tag:iron studies] [tag:level-application] [tag:difficulty-easy]
::HEM-0101::A woman has hemoglobin 9.1 g/dL and MCV 68 fL
(reference 80-100 fL)\: which \{likely\} cause\=?{
  ~Anemia of inflammation#Ferritin would be normal or raised.
  =Iron deficiency\~ anemia
  ~Beta-thalassemia minor
  ~Sideroblastic anemia
  ####Depleted iron stores.\nReference: Rodak's Hematology, 6th ed., iron chapter
}

::plain title::[html]Which cell is <b>shown</b> &amp; counted?{
  =Neutrophil
  ~Lymphocyte
  ~Monocyte
  ####Segmented nucleus.
  Reference: Rodak's Hematology, 6th ed., leukocyte chapter
}
)";

}  // namespace

TEST_CASE("GIFT multiple choice converts with its category, markers, escapes and feedback") {
  const auto result = convert(kGiftSample, ImportFormat::gift);
  INFO(Catch::Detail::stringify(described(result)));
  REQUIRE(result.ok());
  REQUIRE(result.items.size() == 2);
  const Item& first = result.items[0];
  CHECK(first.id == "HEM-0101");
  CHECK(first.discipline == "hematology");
  CHECK(first.topics == std::vector<std::string>{"red cell disorders", "iron studies"});
  CHECK(first.level == CognitiveLevel::application);
  CHECK(first.difficulty == AuthorDifficulty::easy);
  // Lines of the file fold into one paragraph; the escapes become their characters.
  CHECK(first.stem ==
        "A woman has hemoglobin 9.1 g/dL and MCV 68 fL (reference 80-100 fL): which {likely} cause=?");
  CHECK(first.options == std::vector<std::string>{"Anemia of inflammation", "Iron deficiency~ anemia",
                                                  "Beta-thalassemia minor", "Sideroblastic anemia"});
  CHECK(first.answer_index == 1);
  CHECK(first.explanation ==
        "Depleted iron stores.\nAnemia of inflammation: Ferritin would be normal or raised.");
  CHECK(first.references == std::vector<std::string>{"Rodak's Hematology, 6th ed., iron chapter"});

  const Item& second = result.items[1];
  CHECK(second.id == "HEM-0102");  // generated: after the highest id of its prefix in the file
  CHECK(second.stem == "Which cell is shown & counted?");  // [html]: markup dropped, entities decoded
  CHECK(second.options.size() == 3);
  CHECK(second.level == CognitiveLevel::recall);  // the documented defaults
  CHECK(second.difficulty == AuthorDifficulty::medium);
  CHECK(second.topics == std::vector<std::string>{"red cell disorders"});
}

TEST_CASE("GIFT question types other than single-answer multiple choice are named with their lines") {
  const std::string text =
      "$CATEGORY: chemistry\n\n"
      "Glucose is a hexose.{T}\n\n"                                // line 3
      "Pick two.{~%50%Na ~%50%K ~%-100%Glucose}\n\n"               // 5
      "Match.{=Na -> sodium =K -> potassium =Cl -> chloride}\n\n"  // 7
      "Normal glucose?{#90:20}\n\n"                                // 9
      "Discuss ketones.{}\n\n"                                     // 11
      "Name the hormone.{=insulin =Insulin}\n\n"                   // 13
      "Just a description line.\n\n"                               // 15
      "Which ion?{=Na ~K ~Cl ~Ca ####x\nReference: Tietz}\n";      // 17: fine on its own
  const auto result = convert(text, ImportFormat::gift);
  const auto lines = described(result);
  CHECK(result.items.empty());  // all or nothing
  CHECK(any_contains(lines, "in.txt:3: unsupported question type: true/false"));
  CHECK(any_contains(lines, "in.txt:5: unsupported question type: multiple-answer"));
  CHECK(any_contains(lines, "in.txt:7: unsupported question type: matching"));
  CHECK(any_contains(lines, "in.txt:9: unsupported question type: numerical"));
  CHECK(any_contains(lines, "in.txt:11: unsupported question type: essay"));
  CHECK(any_contains(lines, "in.txt:13: unsupported question type: short answer"));
  CHECK(any_contains(lines, "in.txt:15: unsupported question type: description"));
  CHECK(lines.size() == 7);
}

TEST_CASE("GIFT questions that break the bank rules are named with their lines") {
  const std::string text =
      "Which ion?{=Na ~K ~Cl ~Ca ####Sodium.\nReference: Tietz}\n\n"  // 1-2: no discipline
      "$CATEGORY: chemistry\n\n"
      "Which ion again?{=Na ~K ~Cl ~Ca}\n\n"  // 6: no explanation or reference
      "Unclosed {=Na ~K\n";                   // 8
  const auto lines = described(convert(text, ImportFormat::gift));
  CHECK(any_contains(lines, "in.txt:1: field discipline: no discipline: give --discipline"));
  CHECK(any_contains(lines, "in.txt:6: item CHM-0001: field explanation"));
  CHECK(any_contains(lines, "in.txt:6: item CHM-0001: field references"));
  CHECK(any_contains(lines, "in.txt:8: the answer block opened with '{' is never closed"));
}

TEST_CASE("the bundled bank exported to GIFT converts back to the same items") {
  const auto banks = parse_banks(bundled_bank_files(), bundled_taxonomy());
  REQUIRE(banks.ok());
  const auto items = banks.all_items();
  const auto back = convert(export_gift(items), ImportFormat::gift);
  INFO(Catch::Detail::stringify(described(back)));
  REQUIRE(back.ok());
  REQUIRE(back.items.size() == items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    INFO(items[i].id);
    CHECK(back.items[i].id == items[i].id);
    CHECK(back.items[i].discipline == items[i].discipline);
    CHECK(back.items[i].topics == items[i].topics);
    CHECK(back.items[i].level == items[i].level);
    CHECK(back.items[i].difficulty == items[i].difficulty);
    CHECK(back.items[i].stem == items[i].stem);
    CHECK(back.items[i].options == items[i].options);
    CHECK(back.items[i].answer_index == items[i].answer_index);
    CHECK(back.items[i].explanation == items[i].explanation);
    CHECK(back.items[i].references == items[i].references);
  }
}

TEST_CASE("Aiken questions convert, with mltprep's optional lines after ANSWER:") {
  const std::string text =
      "Which tube additive binds calcium\n"
      "to prevent clotting?\n"
      "A. Sodium citrate\n"
      "B) Lithium heparin\n"
      "C. Sodium fluoride\n"
      "D. Clot activator\n"
      "ANSWER: A\n"
      "EXPLANATION: Citrate chelates calcium; heparin acts through antithrombin.\n"
      "REFERENCE: CLSI GP41\n"
      "TOPICS: specimen collection; additives\n"
      "LEVEL: recall\n"
      "DIFFICULTY: easy\n"
      "\n"
      "Which stain shows acid-fast bacilli?\n"
      "A. Gram\n"
      "B. Ziehl-Neelsen\n"
      "C. India ink\n"
      "D. Wright\n"
      "ANSWER: B\n"
      "DISCIPLINE: microbiology\n"
      "EXPLANATION: Carbol fuchsin retained after acid alcohol.\n"
      "REFERENCE: Mahon, Textbook of Diagnostic Microbiology, mycobacteria chapter\n";
  const auto result = convert(text, ImportFormat::aiken, "lab_operations");
  INFO(Catch::Detail::stringify(described(result)));
  REQUIRE(result.ok());
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].id == "LAB-0001");
  CHECK(result.items[0].stem == "Which tube additive binds calcium to prevent clotting?");
  CHECK(result.items[0].options[1] == "Lithium heparin");
  CHECK(result.items[0].answer_index == 0);
  CHECK(result.items[0].topics == std::vector<std::string>{"specimen collection", "additives"});
  CHECK(result.items[0].difficulty == AuthorDifficulty::easy);
  CHECK(result.items[1].id == "MIC-0001");
  CHECK(result.items[1].answer_index == 1);
}

TEST_CASE("Aiken problems name their lines, and nothing converts") {
  const std::string text =
      "First?\nA. one\nB. two\nC. three\nANSWER: E\n\n"  // line 5: E is not an option
      "Second?\nA. one\nC. two\nANSWER: A\n\n"           // line 9: C where B was expected
      "Third has no options.\n\n"                        // line 12
      "Fourth?\nA. one\nB. two\nC. three\n";             // line 14: no ANSWER:
  const auto result = convert(text, ImportFormat::aiken, "chemistry");
  const auto lines = described(result);
  CHECK(result.items.empty());
  CHECK(any_contains(lines, "in.txt:5: field answer: ANSWER: 'E' is not the letter of one of the 3 options"));
  CHECK(any_contains(lines, "in.txt:9: field options: option C where option B was expected"));
  CHECK(any_contains(lines, "in.txt:12: unsupported question: no A. or A) options"));
  CHECK(any_contains(lines, "in.txt:14: field answer: no ANSWER: line after the options"));
}

TEST_CASE("CSV rows convert, with quoted commas, quotes and line breaks") {
  const std::string text =
      "id,discipline,topics,level,difficulty,stem,A,B,C,D,answer,explanation,reference\r\n"
      "URN-0101,urinalysis,casts;renal disease,analysis,hard,\"Red cell casts, 2+ protein and \"\"smoky\"\" "
      "urine\n"
      "suggest which condition?\",Glomerulonephritis,Cystitis,Urethritis,Prostatitis,A,"
      "\"Red cell casts form in the tubules.\",\"Strasinger, Urinalysis and Body Fluids, 7th ed., ch. 8\n"
      "CLSI GP16\"\r\n"
      ",urinalysis,crystals,recall,easy,Which crystal is hexagonal?,Cystine,Uric acid,Oxalate,Tyrosine,a,"
      "Cystine plates are hexagonal.,\"Strasinger, ch. 7\"\r\n";
  const auto result = convert(text, ImportFormat::csv);
  INFO(Catch::Detail::stringify(described(result)));
  REQUIRE(result.ok());
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].stem == "Red cell casts, 2+ protein and \"smoky\" urine\nsuggest which condition?");
  CHECK(result.items[0].topics == std::vector<std::string>{"casts", "renal disease"});
  CHECK(result.items[0].references ==
        std::vector<std::string>{"Strasinger, Urinalysis and Body Fluids, 7th ed., ch. 8", "CLSI GP16"});
  CHECK(result.items[0].level == CognitiveLevel::analysis);
  CHECK(result.items[1].id == "URN-0102");
  CHECK(result.items[1].answer_index == 0);
}

TEST_CASE("CSV problems name the header or the row's first line") {
  const std::string missing_column =
      "id,discipline,topics,stem,A,B,C,D,answer,explanation,reference,colour\n";
  const auto header = described(convert(missing_column, ImportFormat::csv));
  CHECK(any_contains(header, "in.txt:1: the header has no 'level' column"));
  CHECK(any_contains(header, "in.txt:1: unknown column 'colour'"));

  const std::string rows =
      "id,discipline,topics,level,difficulty,stem,A,B,C,D,answer,explanation,reference\n"
      "CHM-0101,chemistry,lipids,recall,easy,\"Two\nlines\",a,b,c,d,A,x,y\n"  // lines 2-3
      "CHM-0102,chemistry,lipids,recall,easy,short row\n"                     // line 4
      "CHM-0103,chemistry,lipids,recall,easy,Which?,a,b,c,d,Z,x,y\n"          // line 5
      "CHM-0104,chemistry,lipids,recall,easy,\"never closed,a,b\n";           // line 6
  const auto lines = described(convert(rows, ImportFormat::csv));
  CHECK(any_contains(lines, "in.txt:4: this row has 6 fields; the header has 13"));
  CHECK(any_contains(lines, "in.txt:5: field answer: answer 'Z' is not the letter of one of the 4 options"));
  CHECK(any_contains(lines, "in.txt:6: a quoted field opened here is never closed"));
}

TEST_CASE("Moodle XML holds every item with its key, escaped, and options in the author's order") {
  Item item;
  item.id = "CHM-0101";
  item.discipline = "chemistry";
  item.topics = {"electrolytes"};
  item.stem = "Is Na < 135 & K > 5.5 a \"pattern\"?";
  item.options = {"Yes", "No", "Only <b>sometimes</b>", "Never"};
  item.answer_index = 1;
  item.explanation = "Because.";
  item.references = {"Tietz"};
  const std::string xml = export_moodle_xml({item});
  CHECK_THAT(xml, Catch::Contains("<question type=\"multichoice\">"));
  CHECK_THAT(xml, Catch::Contains("<text>$course$/top/mltprep/chemistry</text>"));
  CHECK_THAT(xml, Catch::Contains("Is Na &lt; 135 &amp; K &gt; 5.5 a &quot;pattern&quot;?"));
  CHECK_THAT(xml, Catch::Contains("<answer fraction=\"100\" format=\"plain_text\">\n      <text>No</text>"));
  CHECK_THAT(xml, Catch::Contains("Only &lt;b&gt;sometimes&lt;/b&gt;"));
  CHECK_THAT(xml, Catch::Contains("<shuffleanswers>false</shuffleanswers>"));
  CHECK_THAT(xml, Catch::Contains("<idnumber>CHM-0101</idnumber>"));
  CHECK_THAT(xml, Catch::Contains("Because.\n\nReference: Tietz"));
}

TEST_CASE("zip archives carry the standard CRC-32 and a central directory of every entry") {
  CHECK(crc32("123456789") == 0xCBF43926u);  // the CRC-32 check value
  const std::string archive = zip_archive({{"a.txt", "alpha"}, {"dir/b.xml", "<b/>"}});
  const auto u16 = [&](std::size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(archive[at])) |
           static_cast<unsigned>(static_cast<unsigned char>(archive[at + 1])) << 8;
  };
  const std::size_t end = archive.size() - 22;  // the end record, without a comment
  CHECK(archive.substr(end, 4) == "PK\x05\x06");
  CHECK(u16(end + 10) == 2);
  CHECK(archive.substr(0, 4) == "PK\x03\x04");
  CHECK(archive.find("dir/b.xml<b/>") != std::string::npos);  // stored, not compressed
}

TEST_CASE("a QTI package holds a manifest and one choice item per bank item") {
  const auto banks = parse_banks(bundled_bank_files(), bundled_taxonomy());
  REQUIRE(banks.ok());
  auto items = banks.all_items();
  items.resize(3);
  const std::string package = export_qti_package(items, "mlt-core");
  CHECK(package.find("imsmanifest.xml") != std::string::npos);
  for (const auto& item : items) {
    INFO(item.id);
    CHECK(package.find("href=\"items/" + item.id + ".xml\"") != std::string::npos);
    CHECK(package.find("identifier=\"" + item.id + "\"") != std::string::npos);
  }
  const std::string correct =
      std::string("<correctResponse><value>") + option_letter(items[0].answer_index) + "</value>";
  CHECK(package.find(correct) != std::string::npos);
  CHECK(package.find(
            "<choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" maxChoices=\"1\">") !=
        std::string::npos);
}
