#include "mltprep/item_analysis.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

namespace {

StoredItem stored_item(std::int64_t version_id, const std::string& id, int key) {
  StoredItem stored;
  stored.version_id = version_id;
  stored.version = 1;
  stored.item.id = id;
  stored.item.options = {"a", "b", "c", "d"};
  stored.item.answer_index = key;
  return stored;
}

// Four students take the same three-item fixed form (keys A, B, C):
//   S1 A B C (3 right)   S2 A B A (2)   S3 A C B (1)   S4 B C A (0)
ResponseData small_form() {
  ResponseData data;
  data.items = {{1, stored_item(1, "HEM-0001", 0)},
                {2, stored_item(2, "HEM-0002", 1)},
                {3, stored_item(3, "HEM-0003", 2)}};
  const std::vector<std::pair<std::string, std::vector<int>>> choices = {
      {"S1", {0, 1, 2}}, {"S2", {0, 1, 0}}, {"S3", {0, 2, 1}}, {"S4", {1, 2, 0}}};
  double seconds = 10;
  for (const auto& [session, picked] : choices) {
    for (int i = 0; i < 3; ++i) {
      const auto& item = data.items.at(i + 1).item;
      StoredResponse response{i, i + 1, picked[i], picked[i] == item.answer_index, 0, i == 0 ? seconds : 5.0};
      data.responses.push_back({session, response});
    }
    seconds += 10;
    data.fixed_forms[session] = {1, 2, 3};
    data.blueprint_of[session] = "amt-mlt";
  }
  return data;
}

const ItemStatistics& item_named(const ItemAnalysis& analysis, const std::string& id) {
  for (const auto& stats : analysis.items) {
    if (stats.item.item.id == id) return stats;
  }
  FAIL("no statistics for " << id);
  throw;
}

}  // namespace

TEST_CASE("item analysis matches hand-computed facility, point-biserials, choices, times and alpha") {
  AnalysisOptions options;
  options.flag_min_responses = 4;
  const auto analysis = analyse_items(small_form(), options);
  CHECK(analysis.sessions == 4);
  CHECK(analysis.responses == 12);

  // Item 1: right for S1-S3; rest scores (share right on the other two) 1, 0.5, 0, 0.
  // r = 0.375 / sqrt(0.75 × 0.6875) = 0.52223.
  const auto& first = item_named(analysis, "HEM-0001");
  CHECK(first.facility == Approx(0.75));
  REQUIRE(first.discrimination);
  CHECK(*first.discrimination == Approx(0.52223).epsilon(1e-4));
  CHECK(first.choice_counts == std::vector<int>{3, 1, 0, 0});
  CHECK(first.median_seconds == Approx(25));  // 10, 20, 30, 40
  CHECK(first.flags == std::vector<std::string>{"option C never chosen", "option D never chosen"});

  // Item 2: right for S1, S2; rest scores 1, 0.5, 0.5, 0: r = 0.5 / sqrt(1 × 0.5) = 0.70711.
  const auto& second = item_named(analysis, "HEM-0002");
  CHECK(second.facility == Approx(0.5));
  CHECK(*second.discrimination == Approx(0.70711).epsilon(1e-4));
  CHECK(second.choice_counts == std::vector<int>{0, 2, 2, 0});

  // Item 3: right for S1 only; rest scores 1, 1, 0.5, 0: r = 0.52223.
  const auto& third = item_named(analysis, "HEM-0003");
  CHECK(third.facility == Approx(0.25));
  CHECK(*third.discrimination == Approx(0.52223).epsilon(1e-4));

  // Alpha: item variances 0.1875 + 0.25 + 0.1875; totals 3, 2, 1, 0 have variance 1.25;
  // alpha = 3/2 × (1 − 0.625 / 1.25) = 0.75.
  REQUIRE(analysis.forms.size() == 1);
  CHECK(analysis.forms[0].sessions == 4);
  CHECK(analysis.forms[0].item_count == 3);
  REQUIRE(analysis.forms[0].alpha);
  CHECK(*analysis.forms[0].alpha == Approx(0.75));
}

TEST_CASE("item analysis flags items nobody or everybody gets right and reversed discrimination") {
  auto data = small_form();
  // Reverse item 1: only the weakest student (S4) gets it right.
  for (auto& [session, response] : data.responses) {
    if (response.version_id == 1) response.correct = session == "S4";
  }
  AnalysisOptions options;
  options.flag_min_responses = 4;
  const auto reversed = analyse_items(data, options);
  CHECK(*item_named(reversed, "HEM-0001").discrimination < 0);
  CHECK_THAT(Catch::Detail::stringify(item_named(reversed, "HEM-0001").flags),
             Catch::Contains("negative discrimination"));

  for (auto& [session, response] : data.responses) {
    if (response.version_id == 2) response.correct = false;
    if (response.version_id == 3) response.correct = true;
  }
  const auto extremes = analyse_items(data, options);
  CHECK_THAT(Catch::Detail::stringify(item_named(extremes, "HEM-0002").flags),
             Catch::Contains("nobody right"));
  CHECK_THAT(Catch::Detail::stringify(item_named(extremes, "HEM-0003").flags),
             Catch::Contains("everybody right"));
  CHECK_FALSE(item_named(extremes, "HEM-0002").discrimination);  // no variance: undefined, not 0

  options.flag_min_responses = 5;  // too few responses to flag anything
  for (const auto& stats : analyse_items(data, options).items) CHECK(stats.flags.empty());
}

TEST_CASE("item analysis reads each session's final answer and the forms of finished fixed-form sessions") {
  EngineFixture fixture(2000);
  auto& engine = fixture.engine;
  std::vector<std::string> sessions;
  for (const char* student : {"ana", "ben"}) {
    SessionRequest request;
    request.kind = SessionKind::linear_exam;
    request.blueprint_id = "amt-mlt";
    request.student = student;
    request.seed = 42;  // the same seed: the same form
    sessions.push_back(engine.start(request).id);
  }
  engine.answer(sessions[0], 0, 0);
  engine.answer(sessions[0], 0, 1);  // changed: only the final answer counts
  engine.answer(sessions[0], 1, 2);
  engine.answer(sessions[1], 0, 3);
  engine.finish(sessions[0]);
  engine.finish(sessions[1]);

  const auto data = read_response_data(fixture.store, 0);
  CHECK(data.responses.size() == 3);
  const auto first = std::find_if(
      data.responses.begin(), data.responses.end(),
      [&](const SessionResponse& r) { return r.session_id == sessions[0] && r.response.position == 0; });
  REQUIRE(first != data.responses.end());
  CHECK(first->response.choice == 1);  // the changed answer
  CHECK(std::count_if(data.responses.begin(), data.responses.end(),
                      [&](const SessionResponse& r) { return r.session_id == sessions[0]; }) == 2);
  CHECK(data.fixed_forms.size() == 2);
  CHECK(data.fixed_forms.at(sessions[0]).size() == 210);
  const auto analysis = analyse_items(data, AnalysisOptions{});
  REQUIRE(analysis.forms.size() == 1);
  CHECK(analysis.forms[0].sessions == 2);
  CHECK(analysis.forms[0].item_count == 210);

  fixture.clock.advance_seconds(24 * 3600);
  CHECK(read_response_data(fixture.store, fixture.clock.now())
            .responses.empty());  // --since after every answer
}
