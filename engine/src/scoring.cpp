#include "mltprep/scoring.h"

#include <algorithm>

#include "mltprep/discipline.h"

namespace mltprep {

const char* band_name(Band band) {
  switch (band) {
    case Band::below:
      return "below";
    case Band::near:
      return "near";
    case Band::above:
      return "above";
  }
  return "near";
}

Band band_of(const AbilityEstimate& ability, double theta_cut) {
  if (ability.theta + ability.se < theta_cut) return Band::below;
  if (ability.theta - ability.se > theta_cut) return Band::above;
  return Band::near;
}

namespace {

// Whether a record counts towards the scores, and as right or wrong.
std::optional<bool> scored_outcome(const SessionItemRecord& record, bool unanswered_wrong) {
  if (record.response) return record.response->correct;
  if (unanswered_wrong) return false;
  return std::nullopt;
}

// `estimable` is false for a session with no answer: then no group has an
// estimate, even a fixed form's groups whose unanswered items count as wrong.
GroupScore score_group(std::string id, std::string name, const std::vector<const SessionItemRecord*>& records,
                       bool unanswered_wrong, bool estimable, double theta_cut) {
  GroupScore group;
  group.id = std::move(id);
  group.name = std::move(name);
  AbilityPosterior posterior;
  for (const auto* record : records) {
    const auto outcome = scored_outcome(*record, unanswered_wrong);
    if (!outcome) continue;
    ++group.attempted;
    group.correct += *outcome ? 1 : 0;
    posterior.add(record->item.parameters, *outcome);
  }
  group.percent = group.attempted ? 100.0 * group.correct / group.attempted : 0.0;
  if (estimable && group.attempted > 0) {
    group.ability = posterior.estimate();
    group.band = band_of(*group.ability, theta_cut);
  }
  return group;
}

ReviewEntry review_entry(const SessionItemRecord& record) {
  const auto& item = record.item;
  ReviewEntry entry;
  entry.position = record.served.position;
  entry.item_id = item.id;
  entry.discipline = item.discipline;
  entry.stem = item.stem;
  entry.options = item.options;
  if (record.response) {
    entry.choice = record.response->choice;
    entry.correct = record.response->correct;
    entry.seconds_taken = record.response->seconds_taken;
  }
  entry.key = item.answer_index;
  entry.flagged = record.served.flagged;
  entry.explanation = item.explanation;
  entry.references = item.references;
  return entry;
}

}  // namespace

Report score_session(const SessionInfo& session, const Blueprint& blueprint, const Taxonomy& taxonomy,
                     const std::vector<SessionItemRecord>& records, bool include_review) {
  Report report;
  report.session = session;
  report.is_exam = session.kind != SessionKind::drill;
  report.unanswered_scored_wrong = session.kind == SessionKind::linear_exam;
  report.item_count = static_cast<int>(records.size());
  report.scale = blueprint.scale;
  report.blueprint_name = blueprint.name;
  const double cut = blueprint.scale.theta_cut;

  std::vector<const SessionItemRecord*> all;
  for (const auto& record : records) {
    all.push_back(&record);
    report.answered += record.response ? 1 : 0;
    (record.item.parameters.calibrated ? report.calibrated_items : report.provisional_items) += 1;
  }
  const bool estimable = report.answered > 0;
  const bool wrong = report.unanswered_scored_wrong;
  const auto overall = score_group("all", "All items", all, wrong, estimable, cut);
  report.correct = overall.correct;
  report.percent = overall.percent;
  report.ability = overall.ability;
  report.band = overall.band;
  if (const auto& ability = report.ability) {
    report.pass_probability =
        ability->se > 0 ? standard_normal_cdf((ability->theta - cut) / ability->se) : 0.5;
    if (report.is_exam) report.scaled_score = static_cast<int>(blueprint.scale.to_scaled(ability->theta));
  }

  for (const auto& area : blueprint.areas) {
    std::vector<const SessionItemRecord*> in_area;
    for (const auto& record : records) {
      const auto& d = area.disciplines;
      if (std::find(d.begin(), d.end(), record.item.discipline) != d.end()) in_area.push_back(&record);
    }
    report.areas.push_back(score_group(area.id, area.name, in_area, wrong, estimable, cut));
  }
  for (const auto& discipline : taxonomy.disciplines()) {
    std::vector<const SessionItemRecord*> in_discipline;
    for (const auto& record : records) {
      if (record.item.discipline == discipline.id) in_discipline.push_back(&record);
    }
    if (in_discipline.empty()) continue;
    report.disciplines.push_back(
        score_group(discipline.id, discipline.name, in_discipline, wrong, estimable, cut));
  }
  if (include_review) {
    for (const auto& record : records) report.review.push_back(review_entry(record));
  }
  return report;
}

}  // namespace mltprep
