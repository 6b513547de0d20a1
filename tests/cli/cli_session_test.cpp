#include <catch2/catch.hpp>

#include "cli_support.h"

using namespace mltprep::testing;

TEST_CASE("a piped drill finishes with a score and appears in the history") {
  const auto db = fresh_database("drill");
  const auto drill =
      run({"drill", "--discipline", "hematology", "--count", "5", "--db", db, "--student", "kim"},
          "A\nB\nC\nD\nA\n");
  INFO(drill.out << drill.err);
  REQUIRE(drill.exit_code == 0);
  CHECK_THAT(drill.out, Catch::Contains("Item 5 of 5"));
  CHECK_THAT(drill.out, Catch::Contains("Answered 5 of 5"));
  CHECK_THAT(drill.out, Catch::Contains("Practice estimate"));
  const auto history = run({"history", "--db", db, "--student", "kim"});
  CHECK(history.exit_code == 0);
  CHECK_THAT(history.out, Catch::Contains("Drill: hematology"));
  CHECK_THAT(history.out, Catch::Contains("finished"));
  // Another student sees none of it.
  CHECK_THAT(run({"history", "--db", db, "--student", "lee"}).out, Catch::Contains("No sessions yet"));
}

TEST_CASE("unknown input gets a one-line hint and the drill goes on") {
  const auto db = fresh_database("hint");
  const auto result =
      run({"drill", "--discipline", "chemistry", "--count", "1", "--db", db, "--student", "kim"},
          "maybe\nz\nb\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("Type a letter A-D"));
  CHECK_THAT(result.out, Catch::Contains("Answered 1 of 1"));
}

TEST_CASE("a scripted ASCP exam of 100 answers ends with the ability, scaled score, pass chance and areas") {
  const auto db = fresh_database("ascp");
  const auto result = run({"exam", "--blueprint", "ascp-mlt", "--db", db, "--student", "kim", "--seed", "5"},
                          repeat_lines("b", 100));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("Item 100 of 100"));
  CHECK_THAT(result.out, Catch::Contains("Ability estimate θ ="));
  CHECK_THAT(result.out, Catch::Contains("standard error"));
  CHECK_THAT(result.out, Catch::Contains("Estimated scaled score:"));
  CHECK_THAT(result.out, Catch::Contains("Probability of passing:"));
  CHECK_THAT(result.out, Catch::Contains("Content area"));
  CHECK_THAT(result.out, Catch::Contains("Laboratory Operations"));
  CHECK_THAT(result.out, Catch::Contains("author estimates (provisional)"));
}

TEST_CASE("leaving an exam at the end of input saves it, and resume continues at the next item") {
  const auto db = fresh_database("resume");
  const auto first = run({"exam", "--blueprint", "ascp-mlt", "--db", db, "--student", "kim"}, "a\nb\nc\n");
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("Saved. Resume with"));
  const auto resumed = run({"resume", "--db", db, "--student", "kim"}, "q\n");
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("at item 4"));
  CHECK_THAT(resumed.out, Catch::Contains("Item 4 of 100"));
}

TEST_CASE("a fixed-form exam takes navigation commands and is scored on submit") {
  const auto db = fresh_database("amt");
  REQUIRE(run({"bank", "import", write_synthetic_bank("amt", 2000), "--db", db}).exit_code == 0);
  const auto result = run({"exam", "--blueprint", "amt-mlt", "--db", db, "--student", "kim", "--seed", "1"},
                          "a\nflag\nprevious\nb\nreview\ngoto 210\nc\nsubmit\n");
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("Item 1 of 210"));
  CHECK_THAT(result.out, Catch::Contains("Flagged for review"));
  CHECK_THAT(result.out, Catch::Contains("Item 210 of 210"));
  CHECK_THAT(result.out, Catch::Contains("Answered 2 of 210"));  // item 1 was changed, not added
  CHECK_THAT(result.out, Catch::Contains("unanswered items count as wrong"));
}

TEST_CASE("report --json of a finished drill holds the review with keys") {
  const auto db = fresh_database("report");
  run({"drill", "--discipline", "urinalysis", "--count", "2", "--db", db, "--student", "kim"}, "a\na\n");
  const auto history = run({"history", "--json", "--db", db, "--student", "kim"});
  const auto id_at = history.out.find("\"id\": \"");
  REQUIRE(id_at != std::string::npos);
  const auto id = history.out.substr(id_at + 7, 48);
  const auto report = run({"report", id, "--json", "--db", db, "--student", "kim"});
  CHECK(report.exit_code == 0);
  CHECK_THAT(report.out, Catch::Contains("\"review\""));
  CHECK_THAT(report.out, Catch::Contains("\"key\""));
  CHECK_THAT(report.out, Catch::Contains("\"explanation\""));
  const auto wrong_student = run({"report", id, "--db", db, "--student", "lee"});
  CHECK(wrong_student.exit_code == 1);
}

TEST_CASE("a session with no answer reports no score, in the report and in the history") {
  const auto db = fresh_database("no-answer");
  // A drill: an exam in progress withholds its scores whatever was answered.
  const auto left = run({"drill", "--count", "5", "--db", db, "--student", "kim"}, "q\n");
  REQUIRE(left.exit_code == 0);
  CHECK_THAT(left.out, Catch::Contains("Saved. Resume with"));
  const auto history_json = run({"history", "--json", "--db", db, "--student", "kim"});
  const auto id_at = history_json.out.find("\"id\": \"");
  REQUIRE(id_at != std::string::npos);
  const auto id = history_json.out.substr(id_at + 7, 48);

  const auto report = run({"report", id, "--db", db, "--student", "kim"});
  INFO(report.out << report.err);
  REQUIRE(report.exit_code == 0);
  CHECK_THAT(report.out, Catch::Contains("Answered 0 of"));
  CHECK_THAT(report.out, Catch::Contains("No answers yet: no score."));
  CHECK_THAT(report.out, !Catch::Contains("Ability estimate"));
  CHECK_THAT(report.out, !Catch::Contains("scaled score"));
  CHECK_THAT(report.out, !Catch::Contains("Probability of passing"));

  const auto as_json = run({"report", id, "--json", "--db", db, "--student", "kim"});
  CHECK_THAT(as_json.out, Catch::Contains("\"ability\": null"));
  CHECK_THAT(as_json.out, Catch::Contains("\"scaled_score\": null"));
  CHECK_THAT(as_json.out, Catch::Contains("\"pass_probability\": null"));

  const auto history = run({"history", "--db", db, "--student", "kim"});
  CHECK_THAT(history.out, Catch::Contains("0/5      -      -  in progress"));
}
