#include <catch2/catch.hpp>

#include "cli_support.h"

using namespace mltprep::testing;

TEST_CASE("the bundled banks and blueprints validate cleanly") {
  const auto result = run({"bank", "validate", source_path("question-banks")});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("OK:"));
}

TEST_CASE("validating a broken bank folder names every problem with its file and item") {
  const auto result = run({"bank", "validate", source_path("tests/data/bad-bank")});
  CHECK(result.exit_code == 1);
  const std::string items = "bad-bank/items.json:";
  CHECK_THAT(result.err, Catch::Contains(items) && Catch::Contains("item HEM-0101: field id: already used"));
  CHECK_THAT(result.err, Catch::Contains("item HEM-0102: field answer:"));
  CHECK_THAT(result.err,
             Catch::Contains("item HEM-0103: field discipline: unknown discipline \"cardiology\""));
  CHECK_THAT(result.err, Catch::Contains("item HEM-0104: field options: has 2 options"));
  CHECK_THAT(result.err, Catch::Contains("item HEM-0105: field explanation: must not be empty"));
  CHECK_THAT(result.err, Catch::Contains("bad-bank/broken.json:6:13: invalid JSON"));
  CHECK_THAT(result.err, Catch::Contains("6 problems found"));
}

TEST_CASE("validate without a path is a usage error") {
  const auto result = run({"bank", "validate"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("needs at least one file or folder"));
}

TEST_CASE("a bank import with any problem imports nothing") {
  const auto db = fresh_database("bad-import");
  REQUIRE(run({"bank", "list", "--json", "--db", db}).exit_code == 0);
  const auto before = run({"bank", "list", "--json", "--db", db}).out;
  const auto result = run({"bank", "import", source_path("tests/data/bad-bank"), "--db", db});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("Nothing was imported"));
  CHECK(run({"bank", "list", "--json", "--db", db}).out == before);
}

TEST_CASE("every subcommand has --help, and usage errors exit 2") {
  for (const auto& command : {std::vector<std::string>{"bank", "validate"},
                              {"bank", "import"},
                              {"bank", "list"},
                              {"drill"},
                              {"exam"},
                              {"resume"},
                              {"history"},
                              {"report"}}) {
    auto args = command;
    args.push_back("--help");
    const auto result = run(args);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::StartsWith("Usage: mltprep"));
  }
  CHECK(run({"--version"}).exit_code == 0);
  CHECK(run({"frobnicate"}).exit_code == 2);
  CHECK(run({}).exit_code == 2);
  CHECK(run({"drill", "--colour", "red"}).exit_code == 2);
  CHECK(run({"drill", "--count", "many"}).exit_code == 2);
  CHECK(run({"exam"}).exit_code == 2);
}

TEST_CASE("an unknown blueprint or discipline is a data error that names it") {
  const auto db = fresh_database("unknown");
  const auto exam = run({"exam", "--blueprint", "mls-ascp", "--db", db});
  CHECK(exam.exit_code == 1);
  CHECK_THAT(exam.err, Catch::Contains("mls-ascp"));
  const auto drill = run({"drill", "--discipline", "cardiology", "--db", db});
  CHECK(drill.exit_code == 1);
  CHECK_THAT(drill.err, Catch::Contains("cardiology"));
}

TEST_CASE("an item that names a blueprint nobody has is a validation problem") {
  const auto result = run({"bank", "validate", source_path("tests/data/unknown-exam")});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err,
             Catch::Contains("CHM-0801") && Catch::Contains("exams") && Catch::Contains("mls-ascp"));
}
