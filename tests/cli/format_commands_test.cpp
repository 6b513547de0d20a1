#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli_support.h"

using namespace mltprep::testing;

namespace {

std::string temp_path(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("mltprep-format-" + name);
  std::filesystem::remove_all(path);
  return path.string();
}

std::string write_text(const std::string& name, const std::string& text) {
  const auto path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int shell(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

const char* kAikenQuestion =
    "Which additive binds calcium?\nA. Sodium citrate\nB. Lithium heparin\nC. Sodium fluoride\nD. Clot activator\n"
    "ANSWER: A\nEXPLANATION: Citrate chelates calcium.\nREFERENCE: CLSI GP41\n";

}  // namespace

TEST_CASE("bank convert writes a bank that validates, and says the difficulties are provisional") {
  const auto input = write_text("ok.txt", kAikenQuestion);
  const auto output = temp_path("ok.json");
  const auto result = run({"bank", "convert", input, "--from", "aiken", "--discipline", "lab_operations", "--out", output});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("Converted 1 question") && Catch::Contains("provisional"));
  CHECK(run({"bank", "validate", output}).exit_code == 0);
  CHECK_THAT(read_text(output), Catch::Contains("\"id\": \"LAB-0001\""));
}

TEST_CASE("a failed conversion writes nothing and leaves an earlier output as it was") {
  const auto input = write_text("bad.gift", "$CATEGORY: chemistry\n\nGlucose is a sugar.{T}\n\nWhich?{=a ~b ~c ~d}\n");
  const auto output = write_text("bad.json", "earlier contents\n");
  const auto result = run({"bank", "convert", input, "--from", "gift", "--out", output});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("bad.gift:3: unsupported question type: true/false"));
  CHECK_THAT(result.err, Catch::Contains("bad.gift:5: item CHM-0001: field explanation"));
  CHECK_THAT(result.err, Catch::Contains("nothing was written"));
  CHECK(read_text(output) == "earlier contents\n");
}

TEST_CASE("bank convert names a missing input file and a wrong format") {
  const auto missing = run({"bank", "convert", temp_path("absent.gift"), "--from", "gift", "--out", temp_path("x.json")});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("cannot read") && Catch::Contains("absent.gift"));
  const auto wrong = run({"bank", "convert", temp_path("x.gift"), "--from", "docx", "--out", temp_path("x.json")});
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.err, Catch::Contains("--from must be gift, aiken or csv, not 'docx'"));
}

TEST_CASE("the bundled bank exported to GIFT and converted back is the same bank") {
  const auto gift = temp_path("bundled.gift");
  const auto back = temp_path("mlt-core.json");
  REQUIRE(run({"bank", "export", source_path("question-banks/mlt-core"), "--to", "gift", "--out", gift}).exit_code == 0);
  const auto result = run({"bank", "convert", gift, "--from", "gift", "--out", back});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(run({"bank", "validate", back}).exit_code == 0);
  // Same items, field for field, as a second export of the converted bank shows.
  const auto again = temp_path("again.gift");
  REQUIRE(run({"bank", "export", back, "--to", "gift", "--out", again}).exit_code == 0);
  CHECK(read_text(again) == read_text(gift));
}

TEST_CASE("Moodle XML and QTI exports are well-formed XML in a readable zip") {
  const auto xml = temp_path("bank.xml");
  REQUIRE(run({"bank", "export", source_path("question-banks/mlt-core"), "--to", "moodle-xml", "--out", xml}).exit_code == 0);
  CHECK(shell("xmllint --noout " + xml) == 0);

  const auto zip = temp_path("bank.zip");
  const auto unpacked = temp_path("qti");
  REQUIRE(run({"bank", "export", source_path("question-banks/mlt-core"), "--to", "qti", "--out", zip}).exit_code == 0);
  CHECK(shell("unzip -tq " + zip) == 0);
  REQUIRE(shell("mkdir " + unpacked + " && unzip -q " + zip + " -d " + unpacked) == 0);
  CHECK(shell("xmllint --noout " + unpacked + "/imsmanifest.xml " + unpacked + "/items/*.xml") == 0);
  CHECK(std::filesystem::exists(unpacked + "/items/HEM-0901.xml"));
}

TEST_CASE("exporting a broken bank exports nothing") {
  const auto output = temp_path("broken.gift");
  const auto result = run({"bank", "export", source_path("tests/data/bad-bank"), "--to", "gift", "--out", output});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("nothing was exported"));
  CHECK_FALSE(std::filesystem::exists(output));
}
