#include <catch2/catch.hpp>

#include "mltprep/bundled.h"
#include "mltprep/discipline.h"
#include "mltprep/item.h"
#include "mltprep/random.h"

using namespace mltprep;

TEST_CASE("every discipline of the bundled taxonomy is known with its id prefix") {
  REQUIRE(bundled_taxonomy().disciplines().size() == 9);
  REQUIRE(bundled_taxonomy().find("coagulation")->id_prefix == "COA");
  REQUIRE(bundled_taxonomy().find("cardiology") == nullptr);
}

TEST_CASE("an answer is read as a letter or a number in any case") {
  CHECK(parse_option_choice("a", 4) == 0);
  CHECK(parse_option_choice("D", 4) == 3);
  CHECK(parse_option_choice("3", 4) == 2);
  CHECK_FALSE(parse_option_choice("E", 4).has_value());
  CHECK_FALSE(parse_option_choice("5", 4).has_value());
  CHECK_FALSE(parse_option_choice("AB", 4).has_value());
}

TEST_CASE("the same seed gives the same random sequence, another seed another") {
  Rng first(42), second(42), third(43);
  for (int i = 0; i < 100; ++i) REQUIRE(first.next() == second.next());
  Rng fourth(42);
  int same = 0;
  for (int i = 0; i < 100; ++i) same += (fourth.next() == third.next());
  CHECK(same == 0);
}

TEST_CASE("a bounded draw stays in range and reaches every value") {
  Rng rng(7);
  int seen[5] = {};
  for (int i = 0; i < 1000; ++i) {
    const auto x = rng.below(5);
    REQUIRE(x < 5);
    ++seen[x];
  }
  for (int count : seen) CHECK(count > 150);
}
