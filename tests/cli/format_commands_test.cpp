#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_support.h"

using namespace mltprep::testing;

namespace {

std::string format_path(const std::string& name) {
  const auto path = mltprep::testing::temp_path("format-" + name);
  std::filesystem::remove_all(path);
  return path.string();
}

std::string write_text(const std::string& name, const std::string& text) {
  const auto path = format_path(name);
  std::ofstream(path) << text;
  return path;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int shell(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

const char* kAikenQuestion =
    "Which additive binds calcium?\nA. Sodium citrate\nB. Lithium heparin\nC. Sodium fluoride\nD. Clot "
    "activator\n"
    "ANSWER: A\nEXPLANATION: Citrate chelates calcium.\nREFERENCE: CLSI GP41\n";

}  // namespace

TEST_CASE("bank convert writes a bank that validates, and says the difficulties are provisional") {
  const auto input = write_text("ok.txt", kAikenQuestion);
  const auto output = format_path("ok.json");
  const auto result =
      run({"bank", "convert", input, "--from", "aiken", "--discipline", "lab_operations", "--out", output});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("Converted 1 question") && Catch::Contains("provisional"));
  CHECK(run({"bank", "validate", output}).exit_code == 0);
  CHECK_THAT(read_text(output), Catch::Contains("\"id\": \"LAB-0001\""));
}

TEST_CASE("a failed conversion writes nothing and leaves an earlier output as it was") {
  const auto input =
      write_text("bad.gift", "$CATEGORY: chemistry\n\nGlucose is a sugar.{T}\n\nWhich?{=a ~b ~c ~d}\n");
  const auto output = write_text("bad.json", "earlier contents\n");
  const auto result = run({"bank", "convert", input, "--from", "gift", "--out", output});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("bad.gift:3: unsupported question type: true/false"));
  CHECK_THAT(result.err, Catch::Contains("bad.gift:5: item CHM-0001: field explanation"));
  CHECK_THAT(result.err, Catch::Contains("nothing was written"));
  CHECK(read_text(output) == "earlier contents\n");
}

TEST_CASE(
    "a GIFT file of ten multiple-choice questions and two others: both named, then converted without them") {
  const auto fixture = source_path("tests/data/gift/week3.gift");
  const auto refused =
      run({"bank", "convert", fixture, "--from", "gift", "--out", format_path("week3-refused.json")});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("week3.gift:52: unsupported question type: true/false"));
  CHECK_THAT(refused.err, Catch::Contains("week3.gift:54: unsupported question type: short answer"));
  CHECK_THAT(refused.err, Catch::Contains("2 problems found"));
  CHECK_FALSE(std::filesystem::exists(format_path("week3-refused.json")));

  std::string kept;  // the file without lines 52-55 (the two questions and their blank lines)
  std::istringstream lines(read_text(fixture));
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    if (++number < 52 || number > 55) kept += line + "\n";
  }
  const auto first = format_path("first");
  const auto second = format_path("second");
  std::filesystem::create_directories(first);
  std::filesystem::create_directories(second);
  const auto input = write_text("week3-mc.gift", kept);
  const auto converted = run({"bank", "convert", input, "--from", "gift", "--out", first + "/week3.json"});
  INFO(converted.err);
  REQUIRE(converted.exit_code == 0);
  CHECK_THAT(converted.out, Catch::Contains("Converted 10 questions"));
  CHECK(run({"bank", "validate", first + "/week3.json"}).exit_code == 0);

  // GIFT → JSON → GIFT → JSON is identical.
  REQUIRE(run({"bank", "export", first + "/week3.json", "--to", "gift", "--out", first + "/week3.gift"})
              .exit_code == 0);
  REQUIRE(run({"bank", "convert", first + "/week3.gift", "--from", "gift", "--out", second + "/week3.json"})
              .exit_code == 0);
  CHECK(read_text(second + "/week3.json") == read_text(first + "/week3.json"));
  CHECK_THAT(read_text(first + "/week3.json"),
             Catch::Contains("\"id\": \"HEM-0106\""));  // the untitled id, generated
}

TEST_CASE("bank convert names a missing input file and a wrong format") {
  const auto missing =
      run({"bank", "convert", format_path("absent.gift"), "--from", "gift", "--out", format_path("x.json")});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("cannot read") && Catch::Contains("absent.gift"));
  const auto wrong =
      run({"bank", "convert", format_path("x.gift"), "--from", "docx", "--out", format_path("x.json")});
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.err, Catch::Contains("--from must be gift, aiken or csv, not 'docx'"));
}

TEST_CASE("the bundled bank exported to GIFT and converted back is the same bank") {
  const auto gift = format_path("bundled.gift");
  const auto back = format_path("mlt-core.json");
  REQUIRE(run({"bank", "export", source_path("question-banks/mlt-core"), "--to", "gift", "--out", gift})
              .exit_code == 0);
  const auto result = run({"bank", "convert", gift, "--from", "gift", "--out", back});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(run({"bank", "validate", back}).exit_code == 0);
  // Same items, field for field, as a second export of the converted bank shows.
  const auto again = format_path("again.gift");
  REQUIRE(run({"bank", "export", back, "--to", "gift", "--out", again}).exit_code == 0);
  CHECK(read_text(again) == read_text(gift));
}

TEST_CASE("Moodle XML and QTI exports are well-formed XML in a readable zip") {
  const auto xml = format_path("bank.xml");
  REQUIRE(run({"bank", "export", source_path("question-banks/mlt-core"), "--to", "moodle-xml", "--out", xml})
              .exit_code == 0);
  CHECK(shell("xmllint --noout " + xml) == 0);

  const auto zip = format_path("bank.zip");
  const auto unpacked = format_path("qti");
  REQUIRE(run({"bank", "export", source_path("question-banks/mlt-core"), "--to", "qti", "--out", zip})
              .exit_code == 0);
  CHECK(shell("unzip -tq " + zip) == 0);
  REQUIRE(shell("mkdir " + unpacked + " && unzip -q " + zip + " -d " + unpacked) == 0);
  CHECK(shell("xmllint --noout " + unpacked + "/imsmanifest.xml " + unpacked + "/items/*.xml") == 0);
  // The manifest lists every item of the bank, each with its file.
  const auto bank_size =
      nlohmann::json::parse(
          run({"bank", "list", "--json", "--db", fresh_database("qti")}).out)["total"]["items"]
          .get<int>();
  const std::string manifest = read_text(unpacked + "/imsmanifest.xml");
  int resources = 0;
  for (auto at = manifest.find("<resource "); at != std::string::npos;
       at = manifest.find("<resource ", at + 1))
    ++resources;
  CHECK(resources == bank_size);
  CHECK(std::distance(std::filesystem::directory_iterator(unpacked + "/items"),
                      std::filesystem::directory_iterator()) == bank_size);
  CHECK(std::filesystem::exists(unpacked + "/items/HEM-0901.xml"));
}

TEST_CASE("exporting a broken bank exports nothing") {
  const auto output = format_path("broken.gift");
  const auto result =
      run({"bank", "export", source_path("tests/data/bad-bank"), "--to", "gift", "--out", output});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("nothing was exported"));
  CHECK_FALSE(std::filesystem::exists(output));
}
