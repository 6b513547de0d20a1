#include "mltprep/app/shapes.h"

namespace mltprep::app {
namespace {

Json time_or_null(const std::optional<TimeMs>& time) { return time ? Json(*time) : Json(nullptr); }

template <typename Value>
Json or_null(const std::optional<Value>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// null when there is no estimate: no answer yet, or nothing scored in the group.
Json ability_json(const std::optional<AbilityEstimate>& ability) {
  return ability ? Json{{"theta", ability->theta}, {"se", ability->se}} : Json(nullptr);
}

Json band_json(const std::optional<Band>& band) { return band ? Json(band_name(*band)) : Json(nullptr); }

Json group_json(const GroupScore& group) {
  return {{"id", group.id},
          {"name", group.name},
          {"attempted", group.attempted},
          {"correct", group.correct},
          {"percent", group.percent},
          {"ability", ability_json(group.ability)},
          {"band", band_json(group.band)}};
}

Json review_json(const ReviewEntry& entry) {
  return {{"position", entry.position + 1},
          {"item_id", entry.item_id},
          {"discipline", entry.discipline},
          {"stem", entry.stem},
          {"options", entry.options},
          {"choice", entry.choice ? Json(std::string(1, option_letter(*entry.choice))) : Json(nullptr)},
          {"key", std::string(1, option_letter(entry.key))},
          {"correct", entry.correct},
          {"flagged", entry.flagged},
          {"explanation", entry.explanation},
          {"references", entry.references},
          {"seconds_taken", entry.seconds_taken}};
}

Json scale_json(const ScoreScale& scale) {
  return {{"minimum", scale.minimum},
          {"maximum", scale.maximum},
          {"passing_score", scale.passing_score},
          {"theta_cut", scale.theta_cut},
          {"points_per_logit", scale.points_per_logit},
          {"provisional", scale.provisional},
          {"basis", scale.basis}};
}

Json statistics_json(const ItemStatistics& stats) {
  const auto& item = stats.item.item;
  Json choices = Json::object();
  for (std::size_t i = 0; i < stats.choice_counts.size(); ++i) {
    choices[std::string(1, option_letter(static_cast<int>(i)))] = stats.choice_counts[i];
  }
  return {{"id", item.id},
          {"version", stats.item.version},
          {"bank", item.bank},
          {"discipline", item.discipline},
          {"key", std::string(1, option_letter(item.answer_index))},
          {"responses", stats.responses},
          {"facility", stats.facility},
          {"discrimination", or_null(stats.discrimination)},
          {"choices", choices},
          {"median_seconds", stats.median_seconds},
          {"flags", stats.flags}};
}

Json statistics_or_null(const std::optional<ItemStatistics>& stats) {
  return stats ? statistics_json(*stats) : Json(nullptr);
}

// The item as its bank file holds it (docs/formats.md), for the editor.
Json bank_item_json(const Item& item) {
  Json out = {{"id", item.id},
              {"discipline", item.discipline},
              {"topics", item.topics},
              {"level", level_name(item.level)},
              {"difficulty", difficulty_name(item.difficulty)},
              {"stem", item.stem},
              {"options", item.options},
              {"answer", std::string(1, option_letter(item.answer_index))},
              {"explanation", item.explanation},
              {"references", item.references}};
  if (!item.exams.empty()) out["exams"] = item.exams;
  const auto& p = item.parameters;
  if (p.calibrated)
    out["irt"] = {{"a", p.a}, {"b", p.b}, {"c", p.c}, {"n", p.calibration_n}, {"source", p.source}};
  return out;
}

Json measurement_json(const ItemParameters& parameters) {
  return {{"b", parameters.b},
          {"calibrated", parameters.calibrated},
          {"source", parameters.calibrated ? parameters.source : "author estimate (provisional)"},
          {"n", parameters.calibration_n}};
}

Json figures_json(const std::vector<PrecisionFigures>& rows) {
  Json out = Json::array();
  for (const auto& f : rows) {
    out.push_back({{"items", f.items},
                   {"simulees", f.simulees},
                   {"rmse", or_null(f.rmse)},
                   {"bias", or_null(f.bias)},
                   {"correlation", or_null(f.correlation)},
                   {"mean_se", or_null(f.mean_se)},
                   {"classification_accuracy", or_null(f.classification_accuracy)},
                   {"false_pass_rate", or_null(f.false_pass_rate)},
                   {"false_fail_rate", or_null(f.false_fail_rate)}});
  }
  return out;
}

}  // namespace

const char* practice_estimate_notice() {
  return "Practice estimate only: not an official ASCP or AMT score.";
}

Json blueprint_json(const Blueprint& blueprint, bool is_default) {
  Json areas = Json::array();
  for (const auto& area : blueprint.areas) {
    areas.push_back({{"id", area.id}, {"name", area.name}, {"disciplines", area.disciplines}});
  }
  return {{"id", blueprint.id},
          {"name", blueprint.name},
          {"default", is_default},
          {"mode", blueprint.mode == ExamMode::adaptive ? "adaptive" : "linear"},
          {"item_count", blueprint.item_count},
          {"time_limit_minutes", blueprint.time_limit_minutes},
          {"review_allowed", blueprint.review_allowed},
          {"areas", areas},
          {"scale",
           {{"minimum", blueprint.scale.minimum},
            {"maximum", blueprint.scale.maximum},
            {"passing_score", blueprint.scale.passing_score},
            {"provisional", blueprint.scale.provisional}}}};
}

Json blueprints_json(const std::vector<Blueprint>& blueprints, const std::string& default_id) {
  Json out = Json::array();
  for (const auto& blueprint : blueprints)
    out.push_back(blueprint_json(blueprint, blueprint.id == default_id));
  return out;
}

Json disciplines_json(const std::vector<DisciplineSummary>& disciplines) {
  Json out = Json::array();
  for (const auto& summary : disciplines) {
    out.push_back({{"id", summary.discipline.id},
                   {"name", summary.discipline.name},
                   {"prefix", summary.discipline.id_prefix},
                   {"items", summary.items},
                   {"topics", summary.topics}});
  }
  return out;
}

Json item_counts_json(const ItemCounts& counts) {
  Json disciplines = Json::object(), total = Json::object();
  for (const auto& [name, row] : counts.rows) {
    Json columns = Json::object();
    for (std::size_t i = 0; i < counts.columns.size(); ++i) {
      if (row[i] > 0) columns[counts.columns[i]] = row[i];  // as the text table's non-zero cells
    }
    if (name == "total") {
      total = columns;
    } else if (!columns.empty()) {
      disciplines[name] = columns;
    }
  }
  return {{"disciplines", disciplines}, {"total", total}};
}

Json session_json(const SessionInfo& session) {
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

Json history_json(const std::vector<Report>& history) {
  Json out = Json::array();
  for (const auto& report : history) out.push_back(session_json(report.session));
  return out;
}

Json presented_item_json(const PresentedItem& item) {
  return {{"position", item.position},
          {"item_count", item.item_count},
          {"item_id", item.item_id},
          {"discipline", item.discipline},
          {"stem", item.stem},
          {"options", item.options},
          {"chosen", or_null(item.chosen)},
          {"flagged", item.flagged},
          {"remaining_ms", time_or_null(item.remaining_ms)}};
}

Json current_item_json(const CurrentItem& current) {
  return {{"session", session_json(current.session)},
          {"item", current.item ? presented_item_json(*current.item) : Json(nullptr)}};
}

Json answer_json(const AnswerResult& result) {
  const auto& outcome = result.outcome;
  Json out = {{"position", outcome.position},
              {"choice", outcome.choice},
              {"session_finished", outcome.session_finished}};
  if (outcome.correct) {
    out["correct"] = *outcome.correct;
    out["key"] = *outcome.key;
    out["explanation"] = outcome.explanation;
    out["references"] = outcome.references;
  }
  return {{"outcome", out}, {"session", session_json(result.session)}};
}

Json form_json(const std::vector<FormEntry>& form) {
  Json entries = Json::array();
  for (const auto& entry : form) {
    entries.push_back(
        {{"position", entry.position}, {"answered", entry.answered}, {"flagged", entry.flagged}});
  }
  return {{"form", entries}};
}

Json report_json(const Report& report, bool with_review) {
  if (report.scores_withheld) {
    return {{"session", session_json(report.session)},
            {"notice", practice_estimate_notice()},
            {"blueprint_name", report.blueprint_name},
            {"item_count", report.item_count},
            {"answered", report.answered},
            {"is_exam", report.is_exam},
            {"scores_withheld", true},
            {"review", Json::array()}};
  }
  Json areas = Json::array(), disciplines = Json::array();
  for (const auto& group : report.areas) areas.push_back(group_json(group));
  for (const auto& group : report.disciplines) disciplines.push_back(group_json(group));
  Json out = {
      {"session", session_json(report.session)},
      {"notice", practice_estimate_notice()},
      {"scores_withheld", false},
      {"blueprint_name", report.blueprint_name},
      {"item_count", report.item_count},
      {"answered", report.answered},
      {"correct", report.correct},
      {"percent", report.percent},
      {"unanswered_scored_wrong", report.unanswered_scored_wrong},
      {"ability", ability_json(report.ability)},
      {"is_exam", report.is_exam},
      {"scaled_score", or_null(report.scaled_score)},
      {"pass_probability", or_null(report.pass_probability)},
      {"band", band_json(report.band)},
      {"scale", scale_json(report.scale)},
      {"difficulties",
       {{"calibrated_items", report.calibrated_items}, {"provisional_items", report.provisional_items}}},
      {"areas", areas},
      {"disciplines", disciplines}};
  if (with_review) {
    Json review = Json::array();
    for (const auto& entry : report.review) review.push_back(review_json(entry));
    out["review"] = review;
  }
  return out;
}

Json reports_json(const std::vector<Report>& reports) {
  Json out = Json::array();
  for (const auto& report : reports) out.push_back(report_json(report, false));
  return out;
}

Json instructor_item_rows_json(const std::vector<InstructorItem>& items) {
  Json out = Json::array();
  for (const auto& entry : items) {
    const auto& item = entry.stored.item;
    out.push_back({{"id", item.id},
                   {"version", entry.stored.version},
                   {"bank", item.bank},
                   {"discipline", item.discipline},
                   {"topics", item.topics},
                   {"level", level_name(item.level)},
                   {"difficulty", difficulty_name(item.difficulty)},
                   {"measurement", measurement_json(item.parameters)},
                   {"retired", entry.stored.retired},
                   {"stem", item.stem},
                   {"stats", statistics_or_null(entry.stats)}});
  }
  return out;
}

Json instructor_item_json(const InstructorItem& entry) {
  return {{"item", bank_item_json(entry.stored.item)},
          {"version", entry.stored.version},
          {"bank", entry.stored.item.bank},
          {"retired", entry.stored.retired},
          {"measurement", measurement_json(entry.stored.item.parameters)},
          {"stats", statistics_or_null(entry.stats)},
          {"changed", entry.changed}};
}

Json item_analysis_json(const ItemAnalysis& analysis) {
  Json items = Json::array(), forms = Json::array();
  for (const auto& stats : analysis.items) items.push_back(statistics_json(stats));
  for (const auto& form : analysis.forms) {
    forms.push_back({{"blueprint", form.blueprint_id},
                     {"items", form.item_count},
                     {"sessions", form.sessions},
                     {"alpha", or_null(form.alpha)}});
  }
  return {
      {"sessions", analysis.sessions}, {"responses", analysis.responses}, {"items", items}, {"forms", forms}};
}

Json calibration_json(const CalibrationRun& run) {
  const auto& calibration = run.calibration;
  Json items = Json::array(), skipped = Json::array();
  for (const auto& entry : calibration.items) {
    const auto& current = entry.current.item.parameters;
    items.push_back(
        {{"id", entry.current.item.id},
         {"version", entry.current.version},
         {"responses", entry.estimate.responses},
         {"current_b", current.b},
         {"current_source", current.calibrated ? current.source : "provisional (author estimate)"},
         {"b", entry.estimate.difficulty},
         {"se", entry.estimate.standard_error},
         {"infit", entry.estimate.infit},
         {"outfit", entry.estimate.outfit},
         {"misfit", entry.estimate.misfit()}});
  }
  for (const auto& item : calibration.skipped) {
    skipped.push_back({{"id", item.id}, {"responses", item.responses}, {"reason", item.reason}});
  }
  const auto& estimates = calibration.estimates;
  return {{"method", "Rasch, joint maximum likelihood"},
          {"sessions", calibration.sessions},
          {"sessions_extreme", estimates.persons_extreme},
          {"origin", calibration.origin},
          {"iterations", estimates.iterations},
          {"converged", estimates.converged},
          {"applied", run.applied},
          {"items", items},
          {"skipped", skipped}};
}

Json simulation_json(const SimulationReport& report, const SimulationOptions& options) {
  return {{"blueprint", report.blueprint_id},
          {"bank_size", report.bank_size},
          {"exam_length", report.exam_length},
          {"theta_cut", report.theta_cut},
          {"simulees", options.simulees},
          {"seed", options.seed},
          {"adaptive", figures_json(report.adaptive)},
          {"random_form", figures_json(report.random_form)},
          {"max_exposure", report.max_exposure},
          {"never_used_share", report.never_used_share}};
}

Json error_json(const std::string& code, const std::string& message,
                const std::vector<SourceProblem>& problems) {
  Json error = {{"code", code}, {"message", message}};
  if (!problems.empty()) {
    Json list = Json::array();
    for (const auto& problem : problems) {
      list.push_back({{"field", problem.field}, {"message", problem.message}, {"text", describe(problem)}});
    }
    error["problems"] = list;
  }
  return {{"error", error}};
}

}  // namespace mltprep::app
