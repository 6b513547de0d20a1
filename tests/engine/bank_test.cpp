#include "mltprep/bank.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "mltprep/error.h"
#include "test_support.h"

using namespace mltprep;
using mltprep::testing::find_problem;
using mltprep::testing::line_containing;

namespace {

std::string source_path(const std::string& relative) {
  return std::string(MLTPREP_SOURCE_DIR) + "/" + relative;
}

BankSet parse_folder(const std::string& relative) {
  std::vector<SourceProblem> reading;
  const auto files = read_json_files({source_path(relative)}, reading);
  REQUIRE(reading.empty());
  return parse_banks(files, bundled_taxonomy());
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

bool has_item(const BankSet& set, const std::string& id) {
  const auto items = set.all_items();
  return std::any_of(items.begin(), items.end(), [&](const Item& item) { return item.id == id; });
}

// An item object in bank JSON: valid defaults, each replaced by `changes`
// (name -> raw JSON value; an empty value removes the field; new names are added).
using Fields = std::vector<std::pair<std::string, std::string>>;
std::string item_object(const Fields& changes = {}) {
  Fields fields = {{"id", R"("HEM-0500")"},
                   {"discipline", R"("hematology")"},
                   {"topics", R"(["erythrocytes"])"},
                   {"level", R"("recall")"},
                   {"difficulty", R"("medium")"},
                   {"stem", R"("Which red cell index is calculated from hemoglobin and hematocrit?")"},
                   {"options", R"(["MCHC", "MCV", "RDW", "Reticulocyte count"])"},
                   {"answer", R"("A")"},
                   {"explanation", R"("MCHC = hemoglobin / hematocrit x 100.")"},
                   {"references", R"(["Rodak's Hematology, 6th ed., ch. 10"])"}};
  for (const auto& [name, value] : changes) {
    auto found =
        std::find_if(fields.begin(), fields.end(), [&](const auto& field) { return field.first == name; });
    if (found == fields.end()) {
      fields.emplace_back(name, value);
    } else {
      found->second = value;
    }
  }
  std::string text = "{";
  for (const auto& [name, value] : fields) {
    if (value.empty()) continue;
    text += (text.size() > 1 ? ",\n  \"" : "\n  \"") + name + "\": " + value;
  }
  return text + "\n}";
}

SourceFile bank_file(const std::string& path, const std::vector<std::string>& items) {
  std::string text = "{\n\"bank\": \"inline\",\n\"version\": \"1\",\n\"items\": [\n";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ",\n" : "") + items[i];
  return {path, text + "\n]\n}\n"};
}

BankSet parse_items(const std::vector<std::string>& items) {
  return parse_banks({bank_file("inline.json", items)}, bundled_taxonomy());
}

}  // namespace

TEST_CASE("a well-formed bank folder parses into items, files in path order, with their parameters") {
  const auto set = parse_folder("tests/data/good-bank");
  INFO((set.problems.empty() ? "" : describe(set.problems.front())));
  REQUIRE(set.ok());
  REQUIRE(set.banks.size() == 2);
  CHECK(ends_with(set.banks[0].file, "good-bank/chemistry.json"));
  CHECK(ends_with(set.banks[1].file, "good-bank/hematology.json"));
  CHECK(set.banks[0].name == "fixture-good");
  CHECK(set.banks[0].version == "2026.11");
  const auto items = set.all_items();
  REQUIRE(items.size() == 4);

  const Item& calibrated = items[0];
  CHECK(calibrated.id == "CHM-0001");
  CHECK(calibrated.bank == "fixture-good");
  CHECK(calibrated.parameters.calibrated);
  CHECK(calibrated.parameters.b == Approx(-0.4));
  CHECK(calibrated.parameters.calibration_n == 812);
  CHECK(calibrated.parameters.source == "fixture calibration 2026-10");
  CHECK(calibrated.exams.empty());

  const Item& provisional = items[1];  // "hard", no irt: b = +1, Rasch
  CHECK(provisional.id == "CHM-0002");
  CHECK_FALSE(provisional.parameters.calibrated);
  CHECK(provisional.parameters.b == Approx(1.0));
  CHECK(provisional.parameters.a == Approx(1.0));
  CHECK(provisional.parameters.c == Approx(0.0));
  CHECK(provisional.level == CognitiveLevel::application);

  const Item& hematology = items[2];
  CHECK(hematology.id == "HEM-0001");
  CHECK(hematology.answer_index == 1);
  CHECK(hematology.options.size() == 4);
  CHECK(hematology.topics == std::vector<std::string>{"erythrocytes", "microcytic anemia"});
  CHECK(hematology.exams == std::vector<std::string>{"ascp-mlt", "amt-mlt"});
}

TEST_CASE("a bank with an answer letter outside its options is refused, naming file, item and field") {
  const auto set = parse_folder("tests/data/bad-bank");
  const auto* problem = find_problem(set.problems, "HEM-0102", "answer");
  REQUIRE(problem != nullptr);
  CHECK(ends_with(problem->file, "bad-bank/items.json"));
  CHECK(problem->line ==
        line_containing(source_path("tests/data/bad-bank/items.json"), R"("id": "HEM-0102")"));
  CHECK_THAT(problem->message, Catch::Contains("\"E\"") && Catch::Contains("A-D"));
  CHECK_FALSE(has_item(set, "HEM-0102"));
  CHECK_THAT(describe(*problem),
             Catch::Matches(".*bad-bank/items.json:[0-9]+: item HEM-0102: field answer: .*"));
}

TEST_CASE("a duplicate id is refused on its second use, pointing at the first") {
  const auto set = parse_folder("tests/data/bad-bank");
  const auto path = source_path("tests/data/bad-bank/items.json");
  const auto* problem = find_problem(set.problems, "HEM-0101", "id");
  REQUIRE(problem != nullptr);
  const int first_line = line_containing(path, R"("id": "HEM-0101")");
  CHECK(problem->line > first_line);  // reported at the second item
  CHECK_THAT(problem->message, Catch::Contains("items.json:" + std::to_string(first_line)));
  const auto items = set.all_items();
  CHECK(std::count_if(items.begin(), items.end(), [](const Item& item) { return item.id == "HEM-0101"; }) ==
        1);
}

TEST_CASE("an unknown discipline, two options and an empty explanation are each refused by name") {
  const auto set = parse_folder("tests/data/bad-bank");
  const auto* discipline = find_problem(set.problems, "HEM-0103", "discipline");
  REQUIRE(discipline != nullptr);
  CHECK_THAT(discipline->message, Catch::Contains("cardiology") && Catch::Contains("hematology"));
  const auto* options = find_problem(set.problems, "HEM-0104", "options");
  REQUIRE(options != nullptr);
  CHECK_THAT(options->message, Catch::Contains("has 2 options") && Catch::Contains("3 to 6"));
  const auto* explanation = find_problem(set.problems, "HEM-0105", "explanation");
  REQUIRE(explanation != nullptr);
  CHECK(explanation->message == "must not be empty");
  for (const char* id : {"HEM-0103", "HEM-0104", "HEM-0105"}) CHECK_FALSE(has_item(set, id));
}

TEST_CASE("a JSON syntax error is reported with line and column, and the other files are still checked") {
  const auto set = parse_folder("tests/data/bad-bank");
  REQUIRE_FALSE(set.problems.empty());
  const auto& syntax = set.problems.front();  // broken.json sorts before items.json
  CHECK(ends_with(syntax.file, "bad-bank/broken.json"));
  CHECK(syntax.line == 6);
  CHECK(syntax.column == 13);  // the end of the token the parser could not place: "topics"
  CHECK_THAT(syntax.message, Catch::StartsWith("invalid JSON: syntax error"));
  // Every problem of the other file, and nothing else; the good item survives.
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& problem : set.problems) found.emplace_back(problem.item_id, problem.field);
  const std::vector<std::pair<std::string, std::string>> expected = {{"", ""},
                                                                     {"HEM-0101", "id"},
                                                                     {"HEM-0102", "answer"},
                                                                     {"HEM-0103", "discipline"},
                                                                     {"HEM-0104", "options"},
                                                                     {"HEM-0105", "explanation"}};
  CHECK(found == expected);
  CHECK(set.all_items().size() == 1);
  CHECK(has_item(set, "HEM-0101"));
}

TEST_CASE("a number too large for a double is reported with its place, not thrown") {
  const SourceFile file{"big.json", "{\n  \"bank\": \"x\",\n  \"version\": 1e999\n}\n"};
  const auto set = parse_banks({file}, bundled_taxonomy());
  REQUIRE(set.problems.size() == 1);
  CHECK(set.problems[0].line == 3);
  CHECK(set.problems[0].column == 18);  // the number's last character
  CHECK(set.problems[0].message == "invalid JSON: number overflow parsing '1e999'");
  CHECK(set.banks.empty());
}

TEST_CASE("an unknown item field is reported, with the field it was probably meant to be") {
  const auto set = parse_items({item_object({{"explanation", ""}, {"explenation", R"("Why.")"}})});
  const auto* typo = find_problem(set.problems, "HEM-0500", "explenation");
  REQUIRE(typo != nullptr);
  CHECK(typo->message == "unknown field; did you mean \"explanation\"?");
  const auto* missing = find_problem(set.problems, "HEM-0500", "explanation");
  REQUIRE(missing != nullptr);
  CHECK(missing->message == "required field is missing");
  CHECK(typo->line == 6);  // the item's "id" line in the inline file
}

TEST_CASE("an id must carry its discipline's prefix, a hyphen and digits") {
  const auto set = parse_items({item_object({{"id", R"("COA-0001")"}}),
                                item_object({{"id", R"("hem-12")"}, {"stem", R"("Another stem?")"}})});
  const auto* mismatch = find_problem(set.problems, "COA-0001", "id");
  REQUIRE(mismatch != nullptr);
  CHECK_THAT(mismatch->message, Catch::Contains("HEM-"));
  const auto* shape = find_problem(set.problems, "hem-12", "id");
  REQUIRE(shape != nullptr);
  CHECK_THAT(shape->message, Catch::Contains("e.g. HEM-0001"));
  CHECK(set.all_items().empty());
}

TEST_CASE("options that differ only in case and spacing are duplicates") {
  const auto set = parse_items({item_object({{"options", R"(["MCHC", "MCV", "  mchc ", "RDW"])"}})});
  const auto* problem = find_problem(set.problems, "HEM-0500", "options[2]");
  REQUIRE(problem != nullptr);
  CHECK_THAT(problem->message, Catch::Contains("options[0]"));
  CHECK(set.problems.size() == 1);
}

TEST_CASE("identical stems in different files are refused, ignoring case and spacing") {
  const auto first = bank_file("first.json", {item_object()});
  const auto second = bank_file(
      "second.json",
      {item_object({{"id", R"("HEM-0501")"},
                    {"stem", R"("which red cell INDEX is  calculated from hemoglobin and hematocrit? ")"}})});
  const auto set = parse_banks({first, second}, bundled_taxonomy());
  REQUIRE(set.problems.size() == 1);
  const auto& problem = set.problems.front();
  CHECK(problem.file == "second.json");
  CHECK(problem.item_id == "HEM-0501");
  CHECK(problem.field == "stem");
  CHECK_THAT(problem.message, Catch::Contains("HEM-0500") && Catch::Contains("first.json:6"));
  CHECK(has_item(set, "HEM-0500"));
  CHECK_FALSE(has_item(set, "HEM-0501"));
}

TEST_CASE("ids are unique across files, not only within one") {
  const auto set = parse_banks({bank_file("a.json", {item_object()}),
                                bank_file("b.json", {item_object({{"stem", R"("A different question?")"}})})},
                               bundled_taxonomy());
  REQUIRE(set.problems.size() == 1);
  CHECK(set.problems[0].file == "b.json");
  CHECK(set.problems[0].field == "id");
  CHECK_THAT(set.problems[0].message, Catch::Contains("a.json:6"));
}

TEST_CASE("calibrated parameters are checked field by field") {
  const auto set =
      parse_items({item_object({{"irt", R"({"a": 0, "b": 7.5, "c": 1, "n": -3, "sourse": "x"})"}})});
  CHECK(find_problem(set.problems, "HEM-0500", "irt.a") != nullptr);
  CHECK(find_problem(set.problems, "HEM-0500", "irt.b") != nullptr);
  CHECK(find_problem(set.problems, "HEM-0500", "irt.c") != nullptr);
  CHECK(find_problem(set.problems, "HEM-0500", "irt.n") != nullptr);
  CHECK(find_problem(set.problems, "HEM-0500", "irt.source")->message == "required field is missing");
  CHECK_THAT(find_problem(set.problems, "HEM-0500", "irt.sourse")->message, Catch::Contains("\"source\""));
  CHECK(set.problems.size() == 6);
}

TEST_CASE("calibrated parameters are accepted up to the limits the ability grid covers, and not beyond") {
  const auto at_limits =
      parse_items({item_object({{"irt", R"({"a": 4, "b": -6, "c": 0, "n": 500, "source": "x"})"}})});
  CHECK(at_limits.problems.empty());
  const auto steeper =
      parse_items({item_object({{"irt", R"({"a": 4.01, "b": 6, "c": 0, "n": 500, "source": "x"})"}})});
  REQUIRE(steeper.problems.size() == 1);
  CHECK(find_problem(steeper.problems, "HEM-0500", "irt.a")->message ==
        "must be above 0 and at most 4 (the discrimination)");
}

TEST_CASE("wrong types and words outside the vocabularies are all reported, not only the first") {
  const auto set = parse_items({item_object({{"topics", R"("erythrocytes")"},
                                             {"level", R"("expert")"},
                                             {"difficulty", "2"},
                                             {"references", "[]"},
                                             {"exams", R"(["ascp-mlt", 3])"}})});
  CHECK(find_problem(set.problems, "HEM-0500", "topics")->message ==
        "must be an array of strings, not a string");
  CHECK_THAT(find_problem(set.problems, "HEM-0500", "level")->message,
             Catch::Contains("recall, application, analysis"));
  CHECK(find_problem(set.problems, "HEM-0500", "difficulty")->message == "must be a string, not a number");
  CHECK(find_problem(set.problems, "HEM-0500", "references")->message == "needs at least 1 entry");
  CHECK(find_problem(set.problems, "HEM-0500", "exams[1]") != nullptr);
  CHECK(set.problems.size() == 5);
}

TEST_CASE("an item without an id is named by its position in the file") {
  const auto set = parse_items({item_object({{"id", ""}})});
  REQUIRE(set.problems.size() == 1);
  CHECK(set.problems[0].item_id.empty());
  CHECK(set.problems[0].field == "items[0].id");
  CHECK(set.problems[0].message == "required field is missing");
}

TEST_CASE("a bank file's own fields are required and located by line") {
  const SourceFile file{"top.json", "{\n  \"bank\": \"x\",\n  \"versoin\": \"1\",\n  \"items\": {}\n}\n"};
  const auto set = parse_banks({file}, bundled_taxonomy());
  const auto* typo = find_problem(set.problems, "", "versoin");
  REQUIRE(typo != nullptr);
  CHECK(typo->line == 3);
  CHECK_THAT(typo->message, Catch::Contains("\"version\""));
  CHECK(find_problem(set.problems, "", "version")->message == "required field is missing");
  const auto* items = find_problem(set.problems, "", "items");
  REQUIRE(items != nullptr);
  CHECK(items->line == 4);
  CHECK(items->message == "must be an array of items, not an object");
}

TEST_CASE("a key written twice in one item is reported against that item") {
  const auto set = parse_items({item_object({{"answer", R"("A", "answer": "B")"}})});
  const auto* problem = find_problem(set.problems, "HEM-0500", "answer");
  REQUIRE(problem != nullptr);
  CHECK_THAT(problem->message, Catch::Contains("appears twice"));
  CHECK(set.all_items().empty());
}

TEST_CASE("an item survives the trip to bank JSON and back, calibration and exams included") {
  const auto set = parse_folder("tests/data/good-bank");
  for (const auto& item : set.all_items()) {
    const Item back = item_from_json(item_to_json(item));
    CHECK(back.id == item.id);
    CHECK(back.discipline == item.discipline);
    CHECK(back.topics == item.topics);
    CHECK(back.level == item.level);
    CHECK(back.difficulty == item.difficulty);
    CHECK(back.stem == item.stem);
    CHECK(back.options == item.options);
    CHECK(back.answer_index == item.answer_index);
    CHECK(back.explanation == item.explanation);
    CHECK(back.references == item.references);
    CHECK(back.exams == item.exams);
    CHECK(back.parameters.calibrated == item.parameters.calibrated);
    CHECK(back.parameters.a == Approx(item.parameters.a));
    CHECK(back.parameters.b == Approx(item.parameters.b));
    CHECK(back.parameters.c == Approx(item.parameters.c));
    CHECK(back.parameters.calibration_n == item.parameters.calibration_n);
    CHECK(back.parameters.source == item.parameters.source);
    CHECK(content_hash(back) == content_hash(item));
  }
}

TEST_CASE("a stored item needs only be well formed: generated ids and empty lists read back") {
  Item item;
  item.id = "SYN-000001";  // not a discipline prefix: synthetic items are stored too
  item.discipline = "chemistry";
  item.stem = "Synthetic item 1 (not study content)?";
  item.options = {"A", "B", "C", "D"};
  item.answer_index = 3;
  item.parameters = {1.3, 6.5, 0.2, true, 0, "synthetic"};
  const Item back = item_from_json(item_to_json(item));
  CHECK(back.id == "SYN-000001");
  CHECK(back.topics.empty());
  CHECK(back.references.empty());
  CHECK(back.explanation.empty());
  CHECK(back.answer_index == 3);
  CHECK(back.parameters.b == Approx(6.5));
  CHECK(back.parameters.c == Approx(0.2));
  CHECK(back.parameters.source == "synthetic");
}

TEST_CASE("a malformed item object is refused with invalid_input naming the field") {
  const auto item = parse_folder("tests/data/good-bank").all_items().front();
  std::string text = item_to_json(item);
  const auto answer = text.find("\"answer\":\"A\"");
  REQUIRE(answer != std::string::npos);
  text.replace(answer, 12, "\"answer\":\"Q\"");
  try {
    item_from_json(text);
    FAIL("a malformed item was accepted");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    CHECK_THAT(error.what(), Catch::Contains("CHM-0001") && Catch::Contains("field answer"));
  }
  CHECK_THROWS_AS(item_from_json("{\"id\": "), Error);
}

TEST_CASE("the content hash changes when the stem changes and not otherwise") {
  const auto item = parse_folder("tests/data/good-bank").all_items().front();
  const auto hash = content_hash(item);
  CHECK(hash.size() == 16);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  Item copy = item;
  CHECK(content_hash(copy) == hash);
  copy.bank = "another-bank";  // where an item was loaded from is not its content
  CHECK(content_hash(copy) == hash);
  copy.stem += " ";
  CHECK(content_hash(copy) != hash);
  Item recalibrated = item;
  recalibrated.parameters.b += 0.1;
  CHECK(content_hash(recalibrated) != hash);
}

TEST_CASE("reading files reports a missing path as a problem and walks folders in path order") {
  std::vector<SourceProblem> problems;
  const auto files = read_json_files(
      {source_path("tests/data/no-such-folder"), source_path("tests/data/good-bank")}, problems);
  REQUIRE(problems.size() == 1);
  CHECK(ends_with(problems[0].file, "no-such-folder"));
  CHECK(problems[0].message == "no such file or folder");
  REQUIRE(files.size() == 2);
  CHECK(ends_with(files[0].path, "chemistry.json"));
  CHECK(ends_with(files[1].path, "hematology.json"));
  // A file named again, alone or through its folder, is read once.
  problems.clear();
  const auto again = read_json_files(
      {source_path("tests/data/good-bank/chemistry.json"), source_path("tests/data/good-bank")}, problems);
  CHECK(problems.empty());
  CHECK(again.size() == 2);
}

TEST_CASE("a folder holding no JSON files is reported, so a mistyped folder is not a silent success") {
  const auto folder = std::filesystem::temp_directory_path() / "mltprep-test-empty-bank-folder";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder / "nested");
  std::ofstream(folder / "notes.txt") << "not a bank";
  std::vector<SourceProblem> problems;
  const auto files = read_json_files({folder.string()}, problems);
  CHECK(files.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "the folder holds no .json files");
  std::filesystem::remove_all(folder);
}

TEST_CASE("data files are classified by the folders they sit in") {
  CHECK(classify_data_file("question-banks/mlt-core/hematology.json") == DataFileKind::bank);
  CHECK(classify_data_file("question-banks/blueprints/ascp-mlt.json") == DataFileKind::blueprint);
  CHECK(classify_data_file("bundled:blueprints/amt-mlt.json") == DataFileKind::blueprint);
  CHECK(classify_data_file("/x/question-banks/schema/bank.schema.json") == DataFileKind::schema);
  CHECK(classify_data_file("blueprints.json") == DataFileKind::bank);
}

TEST_CASE("a problem is described with what is known about it") {
  SourceProblem problem;
  problem.file = "bank.json";
  problem.item_id = "HEM-0001";
  problem.field = "answer";
  problem.message = "wrong";
  problem.line = 12;
  CHECK(describe(problem) == "bank.json:12: item HEM-0001: field answer: wrong");
  problem.column = 4;
  CHECK(describe(problem) == "bank.json:12:4: item HEM-0001: field answer: wrong");
  SourceProblem bare;
  bare.file = "bank.json";
  bare.message = "cannot read the file";
  CHECK(describe(bare) == "bank.json: cannot read the file");
}
