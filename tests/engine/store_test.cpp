#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "mltprep/error.h"
#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

namespace {

std::vector<Item> small_bank(int count = 20) {
  SyntheticBankSpec spec;
  spec.item_count = count;
  return make_synthetic_items(spec);
}

std::string temp_database(const char* name) {
  const auto path = std::filesystem::temp_directory_path() / (std::string("mltprep-test-") + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

}  // namespace

TEST_CASE("re-importing the same bank changes nothing") {
  Store store(":memory:");
  const auto items = small_bank();
  const auto first = store.import_items(items);
  CHECK(first.added == 20);
  const auto again = store.import_items(items);
  CHECK(again.added == 0);
  CHECK(again.revised == 0);
  CHECK(again.unchanged == 20);
  CHECK(store.current_item_count() == 20);
}

TEST_CASE("a changed item gets a new version and old responses keep the version that was shown") {
  ManualClock clock;
  Store store(":memory:");
  PracticeEngine engine(store, clock, bundled_taxonomy(), bundled_blueprints(), counting_entropy());
  auto items = small_bank();
  engine.import_items(items);
  SessionRequest request;
  request.student = "kim";
  request.item_ids = {items[0].id};
  const auto session = engine.start(request);
  engine.answer(session.id, 0, items[0].answer_index);
  const auto shown_version = store.served_items(session.id)[0].version_id;

  items[0].stem = "A corrected stem for the first synthetic item?";
  const auto summary = engine.import_items(items);
  CHECK(summary.revised == 1);
  CHECK(summary.unchanged == 19);
  CHECK(store.current_item_count() == 20);

  const auto report = engine.report(session.id);
  REQUIRE(report.review.size() == 1);
  CHECK(report.review[0].stem != items[0].stem);  // what the student saw
  CHECK(store.item_version(shown_version).version == 1);
  for (const auto& current : store.current_items()) {
    if (current.item.id == items[0].id) CHECK(current.version == 2);
  }
}

TEST_CASE("the current items come back in id order, whatever order they were imported and revised in") {
  Store store(":memory:");
  auto items = small_bank(30);
  std::reverse(items.begin(), items.end());
  store.import_items(items);
  items[10].stem = "A revised stem for one synthetic item in the middle of the bank?";
  store.import_items({items[10]});  // its new version is now the table's last row

  const auto current = store.current_items();
  REQUIRE(current.size() == 30);
  for (std::size_t i = 1; i < current.size(); ++i) CHECK(current[i - 1].item.id < current[i].item.id);
  const auto revised = std::find_if(current.begin(), current.end(),
                                    [&](const StoredItem& stored) { return stored.item.id == items[10].id; });
  REQUIRE(revised != current.end());
  CHECK(revised->version == 2);
  CHECK(revised->item.stem == items[10].stem);
  CHECK(revised->item.parameters.b == items[10].parameters.b);
}

TEST_CASE("a stored item whose text was damaged is refused with an error saying what is wrong") {
  const auto path = temp_database("damaged");
  { Store(path).import_items(small_bank(3)); }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE items SET body = substr(body, 1, 40) WHERE version_id = 2");  // cut short
  }
  Store store(path);
  try {
    store.current_items();
    FAIL("a damaged item was read");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    CHECK_THAT(error.what(), Catch::Contains("invalid JSON"));
  }
}

TEST_CASE("sessions and answers survive closing and reopening the database file") {
  const auto path = temp_database("reopen");
  std::string session_id;
  {
    ManualClock clock;
    Store store(path);
    PracticeEngine engine(store, clock, bundled_taxonomy(), bundled_blueprints(), counting_entropy());
    engine.import_items(small_bank(50));
    SessionRequest request;
    request.student = "kim";
    request.item_count = 3;
    session_id = engine.start(request).id;
    engine.answer(session_id, 0, 1);
  }
  Store reopened(path);
  CHECK(reopened.session(session_id).answered_count == 1);
  CHECK(reopened.latest_responses(session_id).at(0).choice == 1);
  CHECK(reopened.current_item_count() == 50);
}

TEST_CASE("a database file newer than this program is refused with a clear error") {
  const auto path = temp_database("newer");
  { Store store(path); }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO schema_version VALUES (99)");  // as a later mltprep would
  }
  try {
    Store store(path);
    FAIL("a newer schema was opened");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::storage);
    CHECK_THAT(error.what(), Catch::Contains("newer"));
  }
}

TEST_CASE("an unreadable database path gives a storage error naming it") {
  try {
    Store store("/nonexistent-folder/for/mltprep/test.db");
    FAIL("opened a database in a missing folder");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::storage);
    CHECK_THAT(error.what(), Catch::Contains("/nonexistent-folder/for/mltprep/test.db"));
  }
}
