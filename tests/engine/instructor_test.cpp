#include "mltprep/instructor.h"

#include <catch2/catch.hpp>

#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/error.h"
#include "mltprep/sha256.h"
#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("an instructor token is stored only as its hash, and a reset replaces it") {
  EngineFixture fixture(0);
  CHECK_FALSE(instructor_token_valid(fixture.store, ""));
  CHECK_FALSE(instructor_token_valid(fixture.store, "anything"));  // none issued yet
  const auto first = issue_instructor_token(fixture.store, counting_entropy(1), 0);
  CHECK(first.size() == 64);
  CHECK(*fixture.store.instructor_token_hash() == sha256_hex(first));
  CHECK(instructor_token_valid(fixture.store, first));
  CHECK_FALSE(instructor_token_valid(fixture.store, first.substr(1)));
  const auto second = issue_instructor_token(fixture.store, counting_entropy(50), 0);
  CHECK(second != first);
  CHECK_FALSE(instructor_token_valid(fixture.store, first));
  CHECK(instructor_token_valid(fixture.store, second));
}

TEST_CASE("a retired item is no longer drawn but its past sessions keep it") {
  EngineFixture fixture(300);
  const auto id = fixture.engine.items().front().item.id;
  const auto before = fixture.engine.items().size();
  fixture.engine.set_retired(id, true);
  CHECK(fixture.engine.items().size() == before - 1);
  bool listed = false;
  for (const auto& stored : fixture.store.current_items()) {
    if (stored.item.id == id) listed = stored.retired;
  }
  CHECK(listed);
  fixture.engine.set_retired(id, false);
  CHECK(fixture.engine.items().size() == before);
  CHECK_THROWS_AS(fixture.engine.set_retired("HEM-424242", true), Error);
}

TEST_CASE("an instructor's item is checked with the bank rules, new ids unused and edits keeping theirs") {
  const auto items = parse_banks(bundled_bank_files(), bundled_taxonomy()).all_items();
  std::vector<StoredItem> current;
  for (const auto& item : items) current.push_back({1, 1, item});
  const std::vector<std::string> blueprints = {"ascp-mlt", "amt-mlt"};
  const Item& existing = items.front();

  const auto edit =
      check_item_edit(item_to_json(existing), current, existing.id, blueprints, bundled_taxonomy());
  REQUIRE(edit.item);
  CHECK(edit.item->bank == existing.bank);

  const auto duplicate = check_item_edit(item_to_json(existing), current, "", blueprints, bundled_taxonomy());
  CHECK_FALSE(duplicate.item);
  CHECK(find_problem(duplicate.problems, existing.id, "id"));

  Item broken = existing;
  broken.explanation = "";
  broken.options.resize(2);
  broken.exams = {"no-such-exam"};
  const auto refused =
      check_item_edit(item_to_json(broken), current, existing.id, blueprints, bundled_taxonomy());
  CHECK_FALSE(refused.item);
  CHECK(find_problem(refused.problems, existing.id, "explanation"));
  CHECK(find_problem(refused.problems, existing.id, "options"));

  Item fresh = existing;
  fresh.id = existing.id.substr(0, 4) + "7777";
  fresh.stem = "An instructor's own stem, unlike any other?";
  fresh.exams = {"no-such-exam"};
  const auto unknown_exam = check_item_edit(item_to_json(fresh), current, "", blueprints, bundled_taxonomy());
  CHECK(find_problem(unknown_exam.problems, fresh.id, "exams"));
  fresh.exams = {"amt-mlt"};
  const auto created = check_item_edit(item_to_json(fresh), current, "", blueprints, bundled_taxonomy());
  REQUIRE(created.item);
  CHECK(created.item->bank == "instructor");
  CHECK_FALSE(check_item_edit("{\"not\": \"an item\"", current, "", blueprints, bundled_taxonomy()).item);
}
