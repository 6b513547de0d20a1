#include "mltprep/shipped_banks.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

namespace {

std::vector<Item> release(int count) {
  SyntheticBankSpec spec;
  spec.item_count = count;
  auto items = make_synthetic_items(spec);
  for (auto& item : items) item.parameters = ItemParameters{};  // authored: provisional
  return items;
}

const StoredItem& current(EngineFixture& fixture, const std::string& id) {
  static std::vector<StoredItem> items;
  items = fixture.store.current_items();
  for (const auto& stored : items) {
    if (stored.item.id == id) return stored;
  }
  FAIL("no item " << id);
  throw;
}

}  // namespace

TEST_CASE("a new release's corrections reach a database, and items an instructor edited are kept") {
  EngineFixture fixture(0);
  auto shipped = release(20);
  const auto first = update_shipped_items(fixture.store, fixture.engine, shipped);
  CHECK(first.added == 20);
  CHECK(update_shipped_items(fixture.store, fixture.engine, shipped).added == 0);  // idempotent

  // An instructor edits item 0; the next release corrects items 0 and 1 and adds one.
  Item edited = shipped[0];
  edited.stem += " (local wording)";
  fixture.engine.import_items({edited});
  shipped[0].explanation += " Corrected.";
  shipped[1].answer_index = (shipped[1].answer_index + 1) % 4;  // a wrong key fixed
  auto next = shipped;
  next.push_back(release(21).back());
  const auto second = update_shipped_items(fixture.store, fixture.engine, next);
  CHECK(second.added == 1);
  CHECK(second.updated == 1);
  CHECK(second.kept_local == 1);
  CHECK(second.kept_local_ids == std::vector<std::string>{shipped[0].id});
  CHECK_THAT(current(fixture, shipped[0].id).item.stem, Catch::EndsWith("(local wording)"));
  CHECK(current(fixture, shipped[1].id).item.answer_index == shipped[1].answer_index);
  CHECK(current(fixture, shipped[1].id).version == 2);

  const auto third = update_shipped_items(fixture.store, fixture.engine, next);  // nothing new to offer
  CHECK(third.added + third.updated + third.kept_local == 0);
}

TEST_CASE("a database from before shipped items were recorded takes the new release") {
  EngineFixture fixture(0);
  auto shipped = release(5);
  fixture.engine.import_items(shipped);  // as the first release imported them
  shipped[2].stem += " (reworded)";
  const auto update = update_shipped_items(fixture.store, fixture.engine, shipped);
  CHECK(update.updated == 1);
  CHECK(update.added == 0);
  CHECK_THAT(current(fixture, shipped[2].id).item.stem, Catch::EndsWith("(reworded)"));
}
