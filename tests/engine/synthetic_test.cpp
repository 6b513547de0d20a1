#include "mltprep/synthetic.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "mltprep/error.h"

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
    CHECK(first[i].discipline == again[i].discipline);
    CHECK(first[i].stem == again[i].stem);
    CHECK(first[i].parameters.b == again[i].parameters.b);
    CHECK(first[i].answer_index == again[i].answer_index);
    // Ids and disciplines follow the position; the seed moves only the draws.
    CHECK(first[i].id == other[i].id);
    CHECK(first[i].discipline == other[i].discipline);
    same_b += first[i].parameters.b == other[i].parameters.b;
  }
  CHECK(same_b == 0);
  spec.rasch = false;
  const auto three_pl = make_synthetic_items(spec);
  const auto three_pl_again = make_synthetic_items(spec);
  for (std::size_t i = 0; i < three_pl.size(); ++i) {
    CHECK(three_pl[i].parameters.a == three_pl_again[i].parameters.a);
  }
}

namespace {

// ASCP MLT content-area midpoints, split as the spec says: Blood Banking 17.5
// (60/40 blood bank/transfusion), Hematology 22.5 (75/25 hematology/coagulation).
// They sum to 102.5.
const std::map<std::string, double> kExpectedShare{
    {"blood_bank", 10.5 / 102.5}, {"transfusion", 7.0 / 102.5},   {"urinalysis", 7.5 / 102.5},
    {"chemistry", 22.5 / 102.5},  {"hematology", 16.875 / 102.5}, {"coagulation", 5.625 / 102.5},
    {"immunology", 7.5 / 102.5},  {"microbiology", 17.5 / 102.5}, {"lab_operations", 7.5 / 102.5},
};

}  // namespace

TEST_CASE("a synthetic bank follows its difficulty distribution and the ASCP content weights") {
  SyntheticBankSpec spec;
  spec.item_count = 10000;
  spec.difficulty_mean = 0.5;
  spec.difficulty_sd = 1.2;
  const auto items = make_synthetic_items(spec);
  REQUIRE(items.size() == 10000);
  std::set<std::string> ids;
  std::map<std::string, int> per_discipline;
  std::map<int, int> per_key;
  double sum = 0, sum_sq = 0;
  for (const auto& item : items) {
    ids.insert(item.id);
    ++per_discipline[item.discipline];
    ++per_key[item.answer_index];
    sum += item.parameters.b;
    sum_sq += item.parameters.b * item.parameters.b;
  }
  CHECK(ids.size() == items.size());
  // The standard error of a mean of 10,000 draws with SD 1.2 is 0.012, so 0.05 is about four.
  const double mean = sum / items.size();
  CHECK(mean == Approx(0.5).margin(0.05));
  CHECK(std::sqrt(sum_sq / items.size() - mean * mean) == Approx(1.2).margin(0.05));
  CHECK(per_discipline.size() == kExpectedShare.size());
  for (const auto& [discipline, share] : kExpectedShare) {
    INFO(discipline);
    CHECK(per_discipline[discipline] / 10000.0 == Approx(share).margin(0.02));
  }
  // Keys are drawn uniformly: each letter 25 % (SE 0.43 %), within 2 %.
  REQUIRE(per_key.size() == 4);
  for (const auto& [key, count] : per_key) CHECK(count / 10000.0 == Approx(0.25).margin(0.02));
}

TEST_CASE("every prefix of a synthetic bank is mixed across disciplines") {
  SyntheticBankSpec spec;
  spec.item_count = 2000;
  const auto items = make_synthetic_items(spec);
  std::set<std::string> first_twelve;
  for (int i = 0; i < 12; ++i) first_twelve.insert(items[i].discipline);
  CHECK(first_twelve.size() == 9);
  // Each discipline's count in the first n items stays within one item of n × its share.
  std::map<std::string, int> seen;
  double worst = 0;
  for (std::size_t n = 1; n <= items.size(); ++n) {
    ++seen[items[n - 1].discipline];
    for (const auto& [discipline, share] : kExpectedShare) {
      worst = std::max(worst, std::abs(seen[discipline] - share * static_cast<double>(n)));
    }
  }
  CHECK(worst < 1.0);
}

TEST_CASE("a synthetic item is marked synthetic wherever a reader might see it") {
  SyntheticBankSpec spec;
  spec.item_count = 400;
  spec.seed = 3;
  const auto items = make_synthetic_items(spec);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const int number = static_cast<int>(i) + 1;
    INFO(item.id);
    char id[16], b_text[32];
    std::snprintf(id, sizeof id, "SYN-%06d", number);
    std::snprintf(b_text, sizeof b_text, "%.2f", item.parameters.b);
    CHECK(item.id == id);
    CHECK(item.id.size() == 10);
    CHECK(item.stem ==
          "Synthetic item " + std::to_string(number) + " (b = " + b_text + ") — not study content.");
    REQUIRE(item.options.size() == 4);
    CHECK(item.options[0] == "Option A for synthetic item " + std::to_string(number));
    CHECK(item.options[3] == "Option D for synthetic item " + std::to_string(number));
    CHECK(item.answer_index >= 0);
    CHECK(item.answer_index < 4);
    CHECK(item.explanation.find("Synthetic") != std::string::npos);
    REQUIRE(item.references.size() == 1);
    CHECK(item.references[0].find("Synthetic") != std::string::npos);
    CHECK(item.topics == std::vector<std::string>{"synthetic"});
    CHECK(item.bank == "synthetic");
    CHECK(item.exams.empty());
    CHECK(item.parameters.calibrated);
    CHECK(item.parameters.source == "synthetic");
    CHECK(item.parameters.calibration_n == 0);
    CHECK(item.parameters.a == 1.0);  // Rasch by default
    CHECK(item.parameters.c == 0.0);
    const double b = item.parameters.b;
    const auto expected = b < -0.5  ? AuthorDifficulty::easy
                          : b > 0.5 ? AuthorDifficulty::hard
                                    : AuthorDifficulty::medium;
    CHECK(item.difficulty == expected);
  }
}

TEST_CASE("a synthetic bank of no items is empty, and an impossible size is refused") {
  SyntheticBankSpec spec;
  spec.item_count = 0;
  CHECK(make_synthetic_items(spec).empty());
  spec.item_count = -1;
  CHECK_THROWS_AS(make_synthetic_items(spec), Error);
  spec.item_count = 1000000;  // ids have six digits
  CHECK_THROWS_AS(make_synthetic_items(spec), Error);
}

TEST_CASE("3PL synthetic items carry a guessing floor and lognormal discrimination") {
  SyntheticBankSpec spec;
  spec.item_count = 10000;
  spec.rasch = false;
  double sum = 0, sum_sq = 0;
  for (const auto& item : make_synthetic_items(spec)) {
    CHECK(item.parameters.c == 0.2);
    CHECK(item.parameters.a > 0);
    sum += std::log(item.parameters.a);
    sum_sq += std::log(item.parameters.a) * std::log(item.parameters.a);
  }
  // log a ~ N(0, 0.25): the SE of the mean over 10,000 items is 0.0025.
  const double mean = sum / 10000;
  CHECK(mean == Approx(0).margin(0.01));
  CHECK(std::sqrt(sum_sq / 10000 - mean * mean) == Approx(0.25).margin(0.01));
}
