#include "mltprep/report_json.h"

#include <nlohmann/json.hpp>

namespace mltprep {
namespace {

using nlohmann::json;

json time_or_null(const std::optional<TimeMs>& time) { return time ? json(*time) : json(nullptr); }

json session_json(const SessionInfo& session) {
  return {{"id", session.id},
          {"student", session.student},
          {"kind", kind_name(session.kind)},
          {"blueprint", session.blueprint_id},
          {"label", session.label},
          {"seed", session.seed},
          {"status", status_name(session.status)},
          {"expired", session.expired},
          {"item_count", session.item_count},
          {"answered_count", session.answered_count},
          {"position", session.position},
          {"review_allowed", session.review_allowed()},
          {"feedback_after_each", session.feedback_after_each()},
          {"time_multiplier", session.time_multiplier},
          {"started_at_ms", session.started_at},
          {"deadline_ms", time_or_null(session.deadline)},
          {"finished_at_ms", time_or_null(session.finished_at)}};
}

json ability_json(const AbilityEstimate& ability) { return {{"theta", ability.theta}, {"se", ability.se}}; }

json group_json(const GroupScore& group) {
  return {{"id", group.id},
          {"name", group.name},
          {"attempted", group.attempted},
          {"correct", group.correct},
          {"percent", group.percent},
          {"ability", ability_json(group.ability)},
          {"band", band_name(group.band)}};
}

json review_json(const ReviewEntry& entry) {
  return {{"position", entry.position + 1},
          {"item_id", entry.item_id},
          {"discipline", entry.discipline},
          {"stem", entry.stem},
          {"options", entry.options},
          {"choice", entry.choice ? json(std::string(1, option_letter(*entry.choice))) : json(nullptr)},
          {"key", std::string(1, option_letter(entry.key))},
          {"correct", entry.correct},
          {"flagged", entry.flagged},
          {"explanation", entry.explanation},
          {"references", entry.references},
          {"seconds_taken", entry.seconds_taken}};
}

json scale_json(const ScoreScale& scale) {
  return {{"minimum", scale.minimum},
          {"maximum", scale.maximum},
          {"passing_score", scale.passing_score},
          {"theta_cut", scale.theta_cut},
          {"points_per_logit", scale.points_per_logit},
          {"provisional", scale.provisional},
          {"basis", scale.basis}};
}

}  // namespace

const char* practice_estimate_notice() {
  return "Practice estimate only: not an official ASCP or AMT score.";
}

std::string report_to_json(const Report& report, int indent) {
  json areas = json::array(), disciplines = json::array(), review = json::array();
  for (const auto& group : report.areas) areas.push_back(group_json(group));
  for (const auto& group : report.disciplines) disciplines.push_back(group_json(group));
  for (const auto& entry : report.review) review.push_back(review_json(entry));
  json out = {
      {"session", session_json(report.session)},
      {"notice", practice_estimate_notice()},
      {"blueprint_name", report.blueprint_name},
      {"item_count", report.item_count},
      {"answered", report.answered},
      {"correct", report.correct},
      {"percent", report.percent},
      {"unanswered_scored_wrong", report.unanswered_scored_wrong},
      {"ability", ability_json(report.ability)},
      {"is_exam", report.is_exam},
      {"scaled_score", report.scaled_score ? json(*report.scaled_score) : json(nullptr)},
      {"pass_probability", report.pass_probability},
      {"band", band_name(report.band)},
      {"scale", scale_json(report.scale)},
      {"difficulties",
       {{"calibrated_items", report.calibrated_items}, {"provisional_items", report.provisional_items}}},
      {"areas", areas},
      {"disciplines", disciplines},
      {"review", review}};
  return out.dump(indent);
}

std::string session_to_json(const SessionInfo& session, int indent) {
  return session_json(session).dump(indent);
}

std::string sessions_to_json(const std::vector<SessionInfo>& sessions, int indent) {
  json out = json::array();
  for (const auto& session : sessions) out.push_back(session_json(session));
  return out.dump(indent);
}

}  // namespace mltprep
