#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

#include "mltprep/synthetic.h"

using namespace mltprep;

TEST_CASE("a synthetic bank is fixed by its spec and changes with the seed") {
  SyntheticBankSpec spec;
  spec.item_count = 300;
  const auto first = make_synthetic_items(spec);
  const auto again = make_synthetic_items(spec);
  spec.seed = 2;
  const auto other = make_synthetic_items(spec);
  REQUIRE(first.size() == 300);
  int same_b = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].id == again[i].id);
    CHECK(first[i].parameters.b == again[i].parameters.b);
    CHECK(first[i].answer_index == again[i].answer_index);
    same_b += first[i].parameters.b == other[i].parameters.b;
  }
  CHECK(same_b == 0);
}

TEST_CASE("a synthetic bank follows its difficulty distribution and the ASCP content weights") {
  SyntheticBankSpec spec;
  spec.item_count = 10000;
  spec.difficulty_mean = 0.5;
  spec.difficulty_sd = 1.2;
  const auto items = make_synthetic_items(spec);
  std::set<std::string> ids;
  std::map<std::string, int> per_discipline;
  double sum = 0, sum_sq = 0;
  for (const auto& item : items) {
    ids.insert(item.id);
    ++per_discipline[item.discipline];
    sum += item.parameters.b;
    sum_sq += item.parameters.b * item.parameters.b;
    CHECK(item.parameters.calibrated);
    CHECK(item.stem.find("not study content") != std::string::npos);
  }
  CHECK(ids.size() == items.size());
  const double mean = sum / items.size();
  CHECK(mean == Approx(0.5).margin(0.05));
  CHECK(std::sqrt(sum_sq / items.size() - mean * mean) == Approx(1.2).margin(0.05));
  // Chemistry 22.5 / 105 of the ASCP midpoints; coagulation a quarter of hematology's 22.5.
  CHECK(per_discipline["chemistry"] / 10000.0 == Approx(22.5 / 105).margin(0.02));
  CHECK(per_discipline["coagulation"] / 10000.0 == Approx(22.5 * 0.25 / 105).margin(0.02));
  CHECK(per_discipline.size() == 9);
}

TEST_CASE("3PL synthetic items carry a guessing floor and varied discrimination") {
  SyntheticBankSpec spec;
  spec.item_count = 200;
  spec.rasch = false;
  for (const auto& item : make_synthetic_items(spec)) {
    CHECK(item.parameters.c == Approx(0.2));
    CHECK(item.parameters.a > 0.3);
    CHECK(item.parameters.a < 3.0);
  }
}
