// Exams as data: a discipline and an exam added with data files only
// (tests/data/new-exam: a taxonomy entry, a blueprint and a bank) and taken
// through the command line, with no code change.
#include <catch2/catch.hpp>

#include "cli_support.h"

using namespace mltprep::testing;

TEST_CASE("an exam and a discipline added by data files are listed and taken in the terminal") {
  const auto db = fresh_database("new-exam");
  const auto imported = run({"bank", "import", source_path("tests/data/new-exam"), "--db", db});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK_THAT(imported.out, Catch::Contains("8 new"));

  const auto exams = run({"exams", "--db", db});
  CHECK_THAT(exams.out, Catch::Contains("histology-quiz") &&
                            Catch::Contains("Histotechnology practice form") && Catch::Contains("5 items") &&
                            Catch::Contains("70 to pass"));
  CHECK_THAT(exams.out, Catch::Contains("ascp-mlt") && Catch::Contains("(default)"));
  CHECK_THAT(run({"topics", "--db", db}).out, Catch::Contains("histology — Histotechnology (8 items)"));

  const auto exam =
      run({"exam", "--blueprint", "histology-quiz", "--db", db, "--student", "kim", "--seed", "3"},
          "a\na\na\na\na\nsubmit\n");
  INFO(exam.out << exam.err);
  REQUIRE(exam.exit_code == 0);
  CHECK_THAT(exam.out, Catch::Contains("Histotechnology practice form — 5 items"));
  CHECK_THAT(exam.out, Catch::Contains("Answered 5 of 5"));
  CHECK_THAT(exam.out, Catch::Contains("Histotechnology"));
  CHECK_THAT(run({"history", "--db", db, "--student", "kim"}).out,
             Catch::Contains("Histotechnology practice"));
}

TEST_CASE("a bank naming a discipline that no taxonomy holds is refused with file, item and field") {
  const auto db = fresh_database("no-taxonomy");
  const auto refused = run({"bank", "import", source_path("tests/data/new-exam/histology.json"), "--db", db});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err,
             Catch::Contains("histology.json:6: item HTL-0001: field discipline: unknown discipline "
                             "\"histology\""));
  CHECK_THAT(refused.err, Catch::Contains("Nothing was imported"));
}
