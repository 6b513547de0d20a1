// Quality rules for the bundled study bank (docs/item-writing.md): the figures a
// reviewer would otherwise count by hand, checked on every build.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/discipline.h"
#include "test_support.h"

using namespace mltprep;

namespace {

const std::vector<Item>& bundled_items() {
  static const auto items = [] {
    const auto banks = parse_banks(bundled_bank_files(), bundled_taxonomy());
    if (!banks.ok()) throw std::runtime_error(describe(banks.problems.front()));
    return banks.all_items();
  }();
  return items;
}

std::map<std::string, std::vector<const Item*>> by_discipline() {
  std::map<std::string, std::vector<const Item*>> groups;
  for (const auto& item : bundled_items()) groups[item.discipline].push_back(&item);
  return groups;
}

std::set<std::string> word_set(const std::string& text) {
  std::string cleaned;
  for (unsigned char c : text) cleaned += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ';
  std::istringstream words(cleaned);
  return {std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t shared = 0;
  for (const auto& word : a) shared += b.count(word);
  const std::size_t united = a.size() + b.size() - shared;
  return united ? static_cast<double>(shared) / static_cast<double>(united) : 1.0;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

TEST_CASE("every discipline has at least its minimum number of items") {
  const std::map<std::string, std::size_t> minimum = {
      {"chemistry", 80},  {"hematology", 70},  {"coagulation", 30},
      {"blood_bank", 50}, {"transfusion", 35}, {"microbiology", 75},
      {"urinalysis", 45}, {"immunology", 40},  {"lab_operations", 55}};
  const auto groups = by_discipline();
  for (const auto& [discipline, count] : minimum) {
    INFO(discipline);
    CHECK(groups.count(discipline));
    if (groups.count(discipline)) CHECK(groups.at(discipline).size() >= count);
  }
}

TEST_CASE("each answer letter is the key for 18-32 % of each discipline's items") {
  for (const auto& [discipline, items] : by_discipline()) {
    std::map<int, int> keys;
    for (const auto* item : items) ++keys[item->answer_index];
    for (int letter = 0; letter < 4; ++letter) {
      const double share = 100.0 * keys[letter] / static_cast<double>(items.size());
      INFO(discipline << ": " << option_letter(letter) << " is the key for " << share << " %");
      CHECK(share >= 18.0);
      CHECK(share <= 32.0);
    }
  }
}

TEST_CASE("at least half of each discipline is at application or analysis level") {
  for (const auto& [discipline, items] : by_discipline()) {
    const auto higher = std::count_if(items.begin(), items.end(),
                                      [](const Item* item) { return item->level != CognitiveLevel::recall; });
    INFO(discipline << ": " << higher << " of " << items.size());
    CHECK(2 * higher >= static_cast<long>(items.size()));
  }
}

TEST_CASE("every item has four options, an explanation and a reference, and its id names its discipline") {
  for (const auto& item : bundled_items()) {
    INFO(item.id);
    CHECK(item.options.size() == 4);
    CHECK(item.explanation.size() >= 40);
    CHECK_FALSE(item.references.empty());
    CHECK(item.id.rfind(bundled_taxonomy().find(item.discipline)->id_prefix + "-", 0) == 0);
  }
}

TEST_CASE("no option says all or none of the above") {
  for (const auto& item : bundled_items()) {
    for (const auto& option : item.options) {
      INFO(item.id << ": " << option);
      CHECK(lower(option).find("all of the above") == std::string::npos);
      CHECK(lower(option).find("none of the above") == std::string::npos);
      CHECK(lower(option).find("both a and b") == std::string::npos);
    }
  }
}

TEST_CASE("no two stems are near duplicates (word-set Jaccard similarity below 0.8)") {
  const auto& items = bundled_items();
  std::vector<std::set<std::string>> words;
  for (const auto& item : items) words.push_back(word_set(item.stem));
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = i + 1; j < items.size(); ++j) {
      const double similarity = jaccard(words[i], words[j]);
      if (similarity >= 0.8)
        FAIL_CHECK(items[i].id << " and " << items[j].id << " stems: Jaccard " << similarity);
    }
  }
}

TEST_CASE("the key is the single longest option in at most 30 % of each discipline's items") {
  for (const auto& [discipline, items] : by_discipline()) {
    const auto cued = std::count_if(items.begin(), items.end(), [](const Item* item) {
      const auto& options = item->options;
      const auto key_length = options[static_cast<std::size_t>(item->answer_index)].size();
      return std::count_if(options.begin(), options.end(),
                           [&](const std::string& option) { return option.size() >= key_length; }) == 1;
    });
    INFO(discipline << ": " << cued << " of " << items.size());
    CHECK(10 * cued <= 3 * static_cast<long>(items.size()));
  }
}

TEST_CASE("every item has had a cold reading by a second reader, recorded in review-log.tsv") {
  std::ifstream log(std::string(MLTPREP_SOURCE_DIR) + "/question-banks/mlt-core/review-log.tsv");
  REQUIRE(log);
  std::set<std::string> read;
  std::string line;
  std::getline(log, line);  // header
  while (std::getline(log, line)) read.insert(line.substr(0, line.find('\t')));
  for (const auto& item : bundled_items()) {
    INFO(item.id);
    CHECK(read.count(item.id));
  }
}

TEST_CASE("the bundled bank fills a full adaptive exam and a full fixed form without repeating an item") {
  mltprep::testing::EngineFixture fixture(0);
  fixture.engine.import_items(bundled_items());
  SessionRequest request;
  request.student = "kim";
  request.kind = SessionKind::adaptive_exam;
  request.blueprint_id = "ascp-mlt";
  request.seed = 9;
  const auto adaptive = fixture.engine.start(request);
  std::set<std::string> seen;
  for (int answered = 0; answered < 100; ++answered) {
    const auto item = fixture.engine.current_item(adaptive.id);
    REQUIRE(item);
    seen.insert(item->item_id);
    fixture.engine.answer(adaptive.id, item->position, answered % 3 == 0 ? 1 : 0);
  }
  CHECK(seen.size() == 100);
  CHECK_FALSE(fixture.engine.current_item(adaptive.id));

  request.student = "lee";
  request.kind = SessionKind::linear_exam;
  request.blueprint_id = "amt-mlt";
  const auto form = fixture.engine.start(request);
  CHECK(form.item_count == 210);
  mltprep::testing::check_full_fixed_form(fixture, form.id, "amt-mlt");
}
