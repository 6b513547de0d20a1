#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "mltprep/error.h"
#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

namespace {

SessionRequest exam_request(const std::string& blueprint, SessionKind kind, std::uint64_t seed,
                            const std::string& student = "kim") {
  SessionRequest request;
  request.kind = kind;
  request.blueprint_id = blueprint;
  request.student = student;
  request.seed = seed;
  return request;
}

// Runs an adaptive exam to the end and returns the item ids in the order served.
std::vector<std::string> run_adaptive(EngineFixture& fixture, Simulee& simulee, std::uint64_t seed,
                                      const std::string& student = "kim") {
  auto& engine = fixture.engine;
  const auto session = engine.start(exam_request("ascp-mlt", SessionKind::adaptive_exam, seed, student));
  std::vector<std::string> served;
  while (auto item = engine.current_item(session.id)) {
    served.push_back(item->item_id);
    fixture.clock.advance_seconds(30);
    engine.answer(session.id, item->position, simulee.choose(engine, *item));
  }
  return served;
}

std::map<std::string, int> area_counts(const Report& report) {
  std::map<std::string, int> counts;
  for (const auto& area : report.areas) counts[area.id] = area.attempted;
  return counts;
}

}  // namespace

TEST_CASE("adaptive exams keep every content area inside its blueprint range and never repeat an item") {
  EngineFixture fixture(1000);
  const auto& blueprint = fixture.engine.blueprint("ascp-mlt");
  Rng abilities(2026);
  for (int simulee_index = 0; simulee_index < 200; ++simulee_index) {
    Simulee simulee{abilities.normal(), Rng(1000 + simulee_index)};
    const auto served =
        run_adaptive(fixture, simulee, 500 + simulee_index, "s" + std::to_string(simulee_index));
    REQUIRE(served.size() == 100);
    REQUIRE(std::set<std::string>(served.begin(), served.end()).size() == 100);
    const auto sessions = fixture.engine.history("s" + std::to_string(simulee_index));
    const auto report = fixture.engine.report(sessions.front().id);
    for (const auto& area : blueprint.areas) {
      const int count = area_counts(report)[area.id];
      INFO("simulee " << simulee_index << ", area " << area.id << ": " << count << " items");
      REQUIRE(count >= area.min_percent);
      REQUIRE(count <= area.max_percent);
    }
  }
}

TEST_CASE("an adaptive exam follows the answers: higher ability gets harder items") {
  EngineFixture fixture(1000);
  Simulee strong{2.0, Rng(1)}, weak{-2.0, Rng(2)};
  auto mean_difficulty = [&](const std::vector<std::string>& ids) {
    double sum = 0;
    for (const auto& id : ids) {
      for (const auto& stored : fixture.engine.items()) {
        if (stored.item.id == id) sum += stored.item.parameters.b;
      }
    }
    return sum / static_cast<double>(ids.size());
  };
  const double strong_b = mean_difficulty(run_adaptive(fixture, strong, 11, "strong"));
  const double weak_b = mean_difficulty(run_adaptive(fixture, weak, 11, "weak"));
  CHECK(strong_b > weak_b + 1.5);
  const auto strong_report = fixture.engine.report(fixture.engine.history("strong").front().id);
  const auto weak_report = fixture.engine.report(fixture.engine.history("weak").front().id);
  REQUIRE(strong_report.ability);
  REQUIRE(weak_report.ability);
  CHECK(strong_report.ability->theta == Approx(2.0).margin(0.6));
  CHECK(weak_report.ability->theta == Approx(-2.0).margin(0.6));
  CHECK(strong_report.pass_probability.value() > 0.95);
  CHECK(weak_report.pass_probability.value() < 0.05);
}

TEST_CASE("items of equal difficulty share exposure instead of going to everyone in id order") {
  EngineFixture fixture(0);
  SyntheticBankSpec spec;
  spec.item_count = 600;
  spec.difficulty_sd = 0;  // every item at b = 0: all tie in information
  fixture.engine.import_items(make_synthetic_items(spec));
  std::set<std::string> first_items;
  for (int s = 0; s < 60; ++s) {
    const auto session = fixture.engine.start(
        exam_request("ascp-mlt", SessionKind::adaptive_exam, 100 + s, "student" + std::to_string(s)));
    first_items.insert(fixture.engine.current_item(session.id)->item_id);
  }
  // Id order would give at most k = 5 different first items; a fair draw over
  // the tied items of the first area gives dozens.
  CHECK(first_items.size() > 20);
}

TEST_CASE("replaying a session's answers with its seed reproduces its item sequence exactly") {
  std::vector<std::string> first, replay, other_seed;
  {
    EngineFixture fixture(1000);
    Simulee simulee{0.3, Rng(99)};
    first = run_adaptive(fixture, simulee, 4242);
  }
  {
    EngineFixture fixture(1000);
    Simulee simulee{0.3, Rng(99)};
    replay = run_adaptive(fixture, simulee, 4242);
  }
  {
    EngineFixture fixture(1000);
    Simulee simulee{0.3, Rng(99)};
    other_seed = run_adaptive(fixture, simulee, 4243);
  }
  CHECK(first == replay);
  CHECK(first != other_seed);
}

TEST_CASE("the seed is stored with the session") {
  EngineFixture fixture(200);
  const auto session = fixture.engine.start(exam_request("ascp-mlt", SessionKind::adaptive_exam, 31337));
  CHECK(fixture.store.session(session.id).seed == 31337);
}

TEST_CASE("an answer after the deadline is refused, not stored, and the session ends at the deadline") {
  EngineFixture fixture(300);
  auto& engine = fixture.engine;
  const auto session = engine.start(exam_request("ascp-mlt", SessionKind::adaptive_exam, 5));
  REQUIRE(session.deadline == session.started_at + 150 * 60 * 1000);
  auto item = engine.current_item(session.id);
  engine.answer(session.id, item->position, 0);
  item = engine.current_item(session.id);
  fixture.clock.advance_seconds(150 * 60 + 1);
  try {
    engine.answer(session.id, item->position, 0);
    FAIL("the late answer was accepted");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::expired);
  }
  CHECK(fixture.store.latest_responses(session.id).size() == 1);
  const auto ended = engine.session(session.id);
  CHECK(ended.status == SessionStatus::finished);
  CHECK(ended.expired);
  CHECK(ended.finished_at == session.deadline);
  CHECK_FALSE(engine.current_item(session.id).has_value());
}

TEST_CASE("extra time multiplies the time limit") {
  EngineFixture fixture(300);
  auto request = exam_request("ascp-mlt", SessionKind::adaptive_exam, 5);
  request.time_multiplier = 1.5;
  const auto session = fixture.engine.start(request);
  CHECK(*session.deadline - session.started_at == 225 * 60 * 1000);
  request.time_multiplier = 5;
  CHECK_THROWS_AS(fixture.engine.start(request), Error);
}

TEST_CASE("an adaptive exam does not go back to an answered item") {
  EngineFixture fixture(300);
  auto& engine = fixture.engine;
  const auto session = engine.start(exam_request("ascp-mlt", SessionKind::adaptive_exam, 5));
  engine.answer(session.id, 0, 1);
  engine.current_item(session.id);
  try {
    engine.answer(session.id, 0, 2);
    FAIL("an answered adaptive item was changed");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::conflict);
  }
  CHECK_THROWS_AS(engine.go_to(session.id, 0), Error);
}

TEST_CASE("a fixed form draws exactly the blueprint's count in every area, without repeats") {
  EngineFixture fixture(2000);
  const auto session = fixture.engine.start(exam_request("amt-mlt", SessionKind::linear_exam, 77));
  REQUIRE(session.item_count == 210);
  check_full_fixed_form(fixture, session.id, "amt-mlt");
}

TEST_CASE("a fixed form with too few items in an area is refused, naming the area") {
  EngineFixture fixture(100);
  try {
    fixture.engine.start(exam_request("amt-mlt", SessionKind::linear_exam, 77));
    FAIL("a form was assembled from too few items");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    CHECK_THAT(error.what(), Catch::Contains("needs") && Catch::Contains("area"));
  }
}

TEST_CASE("a fixed form allows navigation, flags and changed answers until it is submitted") {
  EngineFixture fixture(2000);
  auto& engine = fixture.engine;
  const auto session = engine.start(exam_request("amt-mlt", SessionKind::linear_exam, 3));
  auto first = *engine.current_item(session.id);
  CHECK(first.position == 0);
  engine.answer(session.id, 0, 1);
  CHECK(engine.current_item(session.id)->position == 1);  // moves on after an answer
  engine.set_flag(session.id, 0, true);
  auto back = engine.go_to(session.id, 0);
  CHECK(back.chosen == 1);
  CHECK(back.flagged);
  engine.answer(session.id, 0, 2);  // a changed answer: the latest counts
  engine.go_to(session.id, 209);
  engine.answer(session.id, 209, 0);
  CHECK(engine.current_item(session.id)->position == 209);  // the last item stays put
  const auto form = engine.form(session.id);
  CHECK(form[0].answered);
  CHECK(form[0].flagged);
  CHECK_FALSE(form[5].answered);

  const auto in_progress = engine.report(session.id);
  CHECK(in_progress.review.empty());  // no keys before the exam is finished
  const auto report = engine.finish(session.id);
  CHECK(report.answered == 2);
  CHECK(report.unanswered_scored_wrong);
  CHECK(report.review.size() == 210);
  CHECK(report.review[0].choice == 2);
  CHECK_THROWS_AS(engine.answer(session.id, 3, 0), Error);
}

TEST_CASE("a drill shows the key and explanation after each answer and keeps to its filter") {
  EngineFixture fixture(1000);
  auto& engine = fixture.engine;
  SessionRequest request;
  request.student = "kim";
  request.filter.disciplines = {"hematology"};
  request.item_count = 5;
  request.seed = 9;
  const auto session = engine.start(request);
  CHECK_FALSE(session.deadline.has_value());
  int answered = 0;
  while (auto item = engine.current_item(session.id)) {
    CHECK(item->discipline == "hematology");
    CHECK_FALSE(item->remaining_ms.has_value());
    const auto outcome = engine.answer(session.id, item->position, 0);
    REQUIRE(outcome.key.has_value());
    CHECK(*outcome.correct == (*outcome.key == 0));
    CHECK_FALSE(outcome.explanation.empty());
    ++answered;
  }
  CHECK(answered == 5);
  const auto report = engine.report(session.id);
  CHECK(report.session.status == SessionStatus::finished);
  CHECK_FALSE(report.scaled_score.has_value());
  CHECK(report.disciplines.size() == 1);
}

TEST_CASE("items seen in recent sessions are avoided while others remain") {
  EngineFixture fixture(0);
  SyntheticBankSpec spec;
  spec.item_count = 400;
  auto items = make_synthetic_items(spec);
  fixture.engine.import_items(items);
  int immunology_items = 0;
  for (const auto& item : items) immunology_items += item.discipline == "immunology";
  REQUIRE(immunology_items >= 20);
  SessionRequest request;
  request.student = "kim";
  request.filter.disciplines = {"immunology"};
  request.item_count = immunology_items / 2;
  auto ids_of = [&](const std::string& session_id) {
    std::set<std::int64_t> ids;
    for (const auto& served : fixture.store.served_items(session_id)) ids.insert(served.version_id);
    return ids;
  };
  request.seed = 1;
  const auto first = ids_of(fixture.engine.start(request).id);
  request.seed = 2;
  const auto second = ids_of(fixture.engine.start(request).id);
  for (auto id : second) CHECK(first.count(id) == 0);
  // Once everything has been seen, seen items come back rather than nothing.
  request.seed = 3;
  CHECK(ids_of(fixture.engine.start(request).id).size() == static_cast<std::size_t>(request.item_count));
}

TEST_CASE("a drill with a filter nothing matches is refused with the filter named") {
  EngineFixture fixture(200);
  SessionRequest request;
  request.student = "kim";
  request.filter.topics = {"no such topic"};
  try {
    fixture.engine.start(request);
    FAIL("a drill started with no items");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    CHECK_THAT(error.what(), Catch::Contains("no such topic"));
  }
}

TEST_CASE("a session cannot be read by an unknown id") {
  EngineFixture fixture(50);
  CHECK_THROWS_AS(fixture.engine.session("nope"), Error);
}

TEST_CASE("session ids are long random tokens, different for each session") {
  EngineFixture fixture(200);
  SessionRequest request;
  request.student = "kim";
  request.item_count = 2;
  const auto a = fixture.engine.start(request).id;
  const auto b = fixture.engine.start(request).id;
  CHECK(a.size() == 48);
  CHECK(a != b);
}
