#include "mltprep/scoring.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace mltprep;
using namespace mltprep::testing;

namespace {

SessionItemRecord record(int position, const std::string& discipline, std::optional<bool> correct) {
  SessionItemRecord r;
  r.served.position = position;
  r.item.id = "SYN-" + std::to_string(position);
  r.item.discipline = discipline;
  r.item.options = {"a", "b", "c", "d"};
  r.item.answer_index = 0;
  r.item.parameters = ItemParameters{};  // Rasch, b = 0, provisional
  if (correct) r.response = StoredResponse{position, 0, *correct ? 0 : 1, *correct, 0, 10};
  return r;
}

const Blueprint& blueprint(const std::string& id) {
  static const auto blueprints = bundled_blueprints();
  return *find_blueprint(blueprints, id);
}

}  // namespace

TEST_CASE("the band says where an estimate lies against the standard, one standard error either side") {
  CHECK(band_of({1.0, 0.3}, 0.5) == Band::above);
  CHECK(band_of({0.6, 0.3}, 0.5) == Band::near);
  CHECK(band_of({0.1, 0.3}, 0.5) == Band::below);
}

TEST_CASE("scaled scores follow the blueprint's documented mapping and stay on its scale") {
  const auto& ascp = blueprint("ascp-mlt").scale;
  CHECK(ascp.to_scaled(ascp.theta_cut) == Approx(ascp.passing_score));
  CHECK(ascp.to_scaled(ascp.theta_cut + 1) == Approx(ascp.passing_score + ascp.points_per_logit));
  CHECK(ascp.to_scaled(50) == Approx(ascp.maximum));
  CHECK(ascp.to_scaled(-50) == Approx(ascp.minimum));
  const auto& amt = blueprint("amt-mlt").scale;
  CHECK(amt.to_scaled(amt.theta_cut) == Approx(70));
  CHECK(amt.minimum == 0);
  CHECK(amt.maximum == 100);
}

TEST_CASE("a symmetric pattern scores at the prior mean, with the pass probability from its SE") {
  SessionInfo session;
  session.kind = SessionKind::adaptive_exam;
  const std::vector<SessionItemRecord> records = {record(0, "chemistry", true), record(1, "chemistry", false),
                                                  record(2, "hematology", true),
                                                  record(3, "hematology", false)};
  const auto& ascp = blueprint("ascp-mlt");
  const auto report = score_session(session, ascp, bundled_taxonomy(), records, true);
  CHECK(report.answered == 4);
  CHECK(report.correct == 2);
  CHECK(report.percent == Approx(50));
  // Equal Rasch items at b = 0, half right, N(0,1) prior: the posterior is symmetric about 0.
  REQUIRE(report.ability);
  CHECK(report.ability->theta == Approx(0).margin(1e-6));
  CHECK(report.pass_probability.value() ==
        Approx(standard_normal_cdf((0 - ascp.scale.theta_cut) / report.ability->se)).margin(1e-9));
  CHECK(*report.scaled_score == static_cast<int>(ascp.scale.to_scaled(report.ability->theta)));
  CHECK(report.band == Band::near);
  CHECK(report.provisional_items == 4);
  CHECK(report.calibrated_items == 0);
  REQUIRE(report.disciplines.size() == 2);
  CHECK(report.disciplines[0].id == "chemistry");
  CHECK(report.disciplines[0].attempted == 2);
  CHECK(report.disciplines[0].percent == Approx(50));
  for (const auto& area : report.areas) {
    if (area.id == "chemistry" || area.id == "hematology") {
      CHECK(area.attempted == 2);
      CHECK(area.ability.has_value());
    } else {
      CHECK(area.attempted == 0);
      CHECK_FALSE(area.ability.has_value());  // nothing scored in the area: no estimate
      CHECK_FALSE(area.band.has_value());
    }
  }
  CHECK(report.review.size() == 4);
}

TEST_CASE("a session with no answer reports no score, only what was served") {
  // Before, the prior stood in for a score: θ 0.00, SE 1.00, scaled 350 and a
  // 31 % chance of passing for an ASCP-style exam nobody had answered.
  const std::vector<SessionItemRecord> unanswered = {record(0, "chemistry", std::nullopt),
                                                     record(1, "hematology", std::nullopt)};
  for (const auto kind : {SessionKind::adaptive_exam, SessionKind::linear_exam, SessionKind::drill}) {
    SessionInfo session;
    session.kind = kind;
    const auto& exam = blueprint(kind == SessionKind::linear_exam ? "amt-mlt" : "ascp-mlt");
    const auto report = score_session(session, exam, bundled_taxonomy(), unanswered, false);
    INFO("session kind " << static_cast<int>(kind));
    CHECK(report.answered == 0);
    CHECK(report.item_count == 2);
    CHECK_FALSE(report.ability.has_value());
    CHECK_FALSE(report.scaled_score.has_value());
    CHECK_FALSE(report.pass_probability.has_value());
    CHECK_FALSE(report.band.has_value());
    // Not even a fixed form, whose unanswered items count as wrong once something is answered.
    for (const auto& group : report.areas) CHECK_FALSE(group.ability.has_value());
    for (const auto& group : report.disciplines) CHECK_FALSE(group.ability.has_value());
    REQUIRE(report.disciplines.size() == 2);
  }
}

TEST_CASE("one answer is enough for a score; a fixed form then counts its unanswered items as wrong") {
  const std::vector<SessionItemRecord> records = {record(0, "chemistry", true),
                                                  record(1, "hematology", std::nullopt)};
  SessionInfo linear;
  linear.kind = SessionKind::linear_exam;
  const auto report = score_session(linear, blueprint("amt-mlt"), bundled_taxonomy(), records, false);
  REQUIRE(report.ability.has_value());
  CHECK(report.scaled_score.has_value());
  CHECK(report.pass_probability.has_value());
  REQUIRE(report.disciplines.size() == 2);
  CHECK(report.disciplines[1].id == "hematology");
  CHECK(report.disciplines[1].attempted == 1);
  CHECK(report.disciplines[1].ability.has_value());  // scored wrong, as the board would
  CHECK(report.disciplines[1].ability->theta < 0);
}

TEST_CASE("a fixed form scores an unanswered item as wrong; an adaptive exam leaves it out") {
  const std::vector<SessionItemRecord> records = {record(0, "chemistry", true),
                                                  record(1, "chemistry", std::nullopt)};
  SessionInfo linear;
  linear.kind = SessionKind::linear_exam;
  const auto fixed = score_session(linear, blueprint("amt-mlt"), bundled_taxonomy(), records, false);
  CHECK(fixed.percent == Approx(50));
  CHECK(fixed.answered == 1);
  CHECK(fixed.review.empty());
  SessionInfo adaptive;
  adaptive.kind = SessionKind::adaptive_exam;
  const auto cat = score_session(adaptive, blueprint("ascp-mlt"), bundled_taxonomy(), records, false);
  CHECK(cat.percent == Approx(100));
}

TEST_CASE("more correct answers never lower the estimate") {
  SessionInfo session;
  session.kind = SessionKind::adaptive_exam;
  double previous = -100;
  for (int right = 0; right <= 10; ++right) {
    std::vector<SessionItemRecord> records;
    for (int i = 0; i < 10; ++i) records.push_back(record(i, "chemistry", i < right));
    const auto report = score_session(session, blueprint("ascp-mlt"), bundled_taxonomy(), records, false);
    REQUIRE(report.ability);
    CHECK(report.ability->theta > previous);
    CHECK(std::isfinite(report.ability->se));
    previous = report.ability->theta;
  }
}
