// The database at start, and a school's backups: a database that cannot be
// written or fails SQLite's check is refused at once, naming the file; a
// backup restores the results it holds; a damaged backup is refused.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "cli_support.h"

using namespace mltprep::testing;

namespace {

CliResult drill(const std::string& db, const std::string& student) {
  return run({"drill", "--discipline", "hematology", "--count", "2", "--db", db, "--student", student},
             "a\nb\n");
}

// Overwrites part of the file after its first page (the header), as a disk fault would.
void damage(const std::string& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(8192);
  const std::string noise(8192, '\x5a');
  file.write(noise.data(), static_cast<std::streamsize>(noise.size()));
}

}  // namespace

TEST_CASE("a database that fails SQLite's integrity check is refused by every command, naming the file") {
  const auto db = fresh_database("damaged");
  REQUIRE(drill(db, "kim").exit_code == 0);
  damage(db);
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"history"}, {"serve", "--port", "0"}, {"bank", "list"}}) {
    auto full = args;
    full.insert(full.end(), {"--db", db});
    const auto refused = run(full);
    INFO(refused.err);
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains(db));
  }
}

TEST_CASE("a database its user cannot write is refused at start, not at the first answer") {
  const auto db = fresh_database("read-only");
  REQUIRE(drill(db, "kim").exit_code == 0);
  REQUIRE(std::system(("chmod 0644 " + db).c_str()) == 0);
  // As an unprivileged user (the tests may run as root, whom permissions do not stop).
  const std::string command = "setpriv --reuid=65534 --regid=65534 --clear-groups " +
                              std::string(MLTPREP_BINARY) + " --db " + db +
                              " history --student kim > /dev/null 2> " + db + ".err";
  const int status = std::system(command.c_str());
  std::ifstream err(db + ".err");
  const std::string message((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  INFO(message);
  CHECK(WEXITSTATUS(status) == 1);
  CHECK_THAT(message, Catch::Contains(db) && Catch::Contains("cannot be written"));
}

TEST_CASE("backup and restore bring back the results of the backup; a damaged backup is refused") {
  const auto db = fresh_database("kept");
  const auto copy = fresh_database("kept-backup");
  REQUIRE(drill(db, "kim").exit_code == 0);
  const auto backed_up = run({"backup", copy, "--db", db});
  INFO(backed_up.err);
  REQUIRE(backed_up.exit_code == 0);
  REQUIRE(drill(db, "lee").exit_code == 0);
  CHECK_THAT(run({"history", "--db", db, "--student", "lee"}).out, Catch::Contains("Drill: hematology"));

  const auto restored = run({"restore", copy, "--db", db});
  INFO(restored.err);
  REQUIRE(restored.exit_code == 0);
  CHECK_THAT(run({"history", "--db", db, "--student", "kim"}).out, Catch::Contains("Drill: hematology"));
  CHECK_THAT(run({"history", "--db", db, "--student", "lee"}).out, Catch::Contains("No sessions yet"));

  damage(copy);
  const auto refused = run({"restore", copy, "--db", db});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains(copy) && Catch::Contains("nothing was restored"));
  CHECK_THAT(run({"history", "--db", db, "--student", "kim"}).out, Catch::Contains("Drill: hematology"));
}
