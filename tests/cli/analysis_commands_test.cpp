#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_support.h"

using namespace mltprep::testing;

namespace {

// `students` drills of the same 10 coagulation items (same seed), answered
// with letters that vary by student so that scores differ.
std::string database_with_drills(const std::string& name, int students) {
  const auto db = fresh_database(name);
  for (int s = 0; s < students; ++s) {
    std::string answers;
    for (int i = 0; i < 10; ++i)
      answers += std::string(1, static_cast<char>('A' + (s * 7 + i * (s % 3 + 1)) % 4)) + "\n";
    const auto result = run({"drill", "--discipline", "coagulation", "--count", "10", "--seed", "3", "--db",
                             db, "--student", "student" + std::to_string(s)},
                            answers);
    REQUIRE(result.exit_code == 0);
  }
  return db;
}

}  // namespace

TEST_CASE("stats reports every answered item with its facility, choices and flags") {
  const auto db = database_with_drills("stats", 12);
  const auto text = run({"stats", "--db", db});
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("120 final answers in 12 sessions"));
  CHECK_THAT(text.out, Catch::Contains("No finished fixed-form sessions"));

  const auto json = nlohmann::json::parse(run({"stats", "--json", "--db", db}).out);
  REQUIRE(json["items"].size() == 10);
  for (const auto& item : json["items"]) {
    CHECK(item["responses"] == 12);
    int chosen = 0;
    for (const auto& [letter, count] : item["choices"].items()) chosen += count.get<int>();
    CHECK(chosen == 12);
  }
  CHECK(nlohmann::json::parse(run({"stats", "--json", "--bank", "no-such-bank", "--db", db}).out)["items"]
            .empty());
  CHECK(run({"stats", "--since", "2026-13-45", "--db", db}).exit_code == 2);
  CHECK(nlohmann::json::parse(
            run({"stats", "--json", "--since", "2999-01-01", "--db", db}).out)["responses"] == 0);
}

TEST_CASE("bank calibrate reports without storing, and --apply stores calibrated versions") {
  const auto db = database_with_drills("calibrate", 40);
  const auto report = run({"bank", "calibrate", "--min-responses", "20", "--db", db});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  CHECK_THAT(report.out, Catch::Contains("joint maximum likelihood") && Catch::Contains("Converged"));
  CHECK_THAT(report.out, Catch::Contains("Nothing stored"));
  CHECK_THAT(run({"bank", "list", "--json", "--db", db}).out, !Catch::Contains("\"calibrated\""));

  const auto applied = nlohmann::json::parse(
      run({"bank", "calibrate", "--min-responses", "20", "--apply", "--json", "--db", db}).out);
  CHECK(applied["applied"] == true);
  const auto calibrated = applied["items"].size();
  CHECK(calibrated >= 8);  // items everyone got right or wrong cannot be calibrated
  const auto list = nlohmann::json::parse(run({"bank", "list", "--json", "--db", db}).out);
  CHECK(list["total"]["calibrated"] == calibrated);
  // The next session is scored with the calibrated difficulties.
  const auto next = run({"drill", "--discipline", "coagulation", "--count", "10", "--seed", "3", "--db", db,
                         "--student", "next"},
                        repeat_lines("A", 10));
  CHECK_THAT(next.out, Catch::Contains(std::to_string(calibrated) + " calibrated from responses"));

  // The calibrated versions show students the same items: their earlier answers still count.
  const auto again =
      nlohmann::json::parse(run({"bank", "calibrate", "--min-responses", "20", "--json", "--db", db}).out);
  CHECK(again["items"].size() == calibrated);
  CHECK(again["items"][0]["current_source"].get<std::string>().rfind("rasch-jml", 0) == 0);

  const auto skipped =
      nlohmann::json::parse(run({"bank", "calibrate", "--min-responses", "1000", "--json", "--db", db}).out);
  CHECK(skipped["items"].empty());
  CHECK(skipped["skipped"].size() == 10);
}

TEST_CASE("results export writes one gradebook row per session with per-discipline percents") {
  const auto db = database_with_drills("results", 3);
  const auto result = run({"results", "export", "--format", "csv", "--db", db});
  REQUIRE(result.exit_code == 0);
  std::istringstream lines(result.out);
  std::string header, row;
  std::getline(lines, header);
  CHECK_THAT(header, Catch::StartsWith(
                         "session,student,started_utc,finished_utc,mode,blueprint,answered,correct,percent"));
  CHECK_THAT(header, Catch::Contains("coagulation_percent"));
  int rows = 0;
  while (std::getline(lines, row)) {
    ++rows;
    CHECK_THAT(row, Catch::Contains(",student") && Catch::Contains("Drill: coagulation"));
  }
  CHECK(rows == 3);
  CHECK(run({"results", "export", "--format", "xlsx", "--db", db}).exit_code == 2);
}

TEST_CASE("instructor token prints a token once and refuses to replace it without --reset") {
  const auto db = fresh_database("token");
  const auto first = run({"instructor", "token", "--db", db});
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.size() == 65);  // 64 hex digits and a line break
  CHECK_THAT(first.err, Catch::Contains("only its SHA-256 hash"));
  const auto again = run({"instructor", "token", "--db", db});
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains("--reset"));
  const auto reset = run({"instructor", "token", "--reset", "--db", db});
  CHECK(reset.exit_code == 0);
  CHECK(reset.out != first.out);
}

TEST_CASE("simulate shows lengths no simulee reached and an undefined correlation as absent") {
  // 40 synthetic items run out before 50 and 100 items; one true ability leaves r undefined.
  const std::vector<std::string> args = {"simulate", "--synthetic", "40", "--simulees",
                                         "5",        "--theta",     "0.5"};
  const auto text = run(args);
  INFO(text.out << text.err);
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out,
             Catch::Contains("     50      -       -      -       -        -           -           -"));
  CHECK_THAT(text.out,
             Catch::Contains("    100      -       -      -       -        -           -           -"));
  CHECK_THAT(text.out, Catch::Contains("-: no simulee reached that length"));
  CHECK_THAT(text.out, Catch::Contains("r -: undefined"));
  CHECK_THAT(text.out, !Catch::Contains("0.000   0.000"));

  auto with_json = args;
  with_json.push_back("--json");
  const auto json = nlohmann::json::parse(run(with_json).out);
  for (const char* table : {"adaptive", "random_form"}) {
    const auto& rows = json[table];
    REQUIRE(rows.size() == 5);
    CHECK(rows[0]["items"] == 10);
    CHECK(rows[0]["simulees"] == 5);
    CHECK(rows[0]["rmse"].is_number());
    CHECK(rows[0]["correlation"].is_null());  // every simulee at θ = 0.5
    for (std::size_t k = 3; k < rows.size(); ++k) {
      INFO(table << " at " << rows[k]["items"]);
      CHECK(rows[k]["simulees"] == 0);
      for (const char* field : {"rmse", "bias", "correlation", "mean_se", "classification_accuracy",
                                "false_pass_rate", "false_fail_rate"}) {
        CHECK(rows[k][field].is_null());
      }
    }
  }
}
