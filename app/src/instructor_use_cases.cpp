// What instructors do: the access token, the item browser and editor,
// item analysis, calibration and the gradebook.
#include <cstdio>
#include <sstream>

#include "mltprep/app/service.h"
#include "mltprep/error.h"
#include "mltprep/instructor.h"
#include "mltprep/store.h"

namespace mltprep::app {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

const ItemStatistics* statistics_of(const ItemAnalysis& analysis, std::int64_t version_id) {
  for (const auto& stats : analysis.items) {
    if (stats.item.version_id == version_id) return &stats;
  }
  return nullptr;
}

}  // namespace

std::string Service::issue_instructor_token(bool replace) {
  if (store_.instructor_token_hash() && !replace) {
    throw Error(ErrorCode::conflict,
                "an instructor token was already issued for this database; "
                "`mltprep instructor token --reset` replaces it (the old one stops working)");
  }
  return mltprep::issue_instructor_token(store_, entropy_, clock_.now());
}

void Service::require_instructor(const std::string& token) const {
  if (!instructor_token_valid(store_, token)) {
    throw Error(ErrorCode::unauthorized,
                "instructor routes need 'Authorization: Bearer <token>' with the token from "
                "`mltprep instructor token`");
  }
}

std::vector<InstructorItem> Service::instructor_items() {
  const auto analysis = this->analysis(AnalysisOptions{});
  std::vector<InstructorItem> out;
  for (const auto& stored : store_.current_items()) {
    const auto* stats = statistics_of(analysis, stored.version_id);
    out.push_back(InstructorItem{stored, stats ? std::optional(*stats) : std::nullopt, true});
  }
  return out;
}

InstructorItem Service::with_statistics(const StoredItem& stored) {
  const auto analysis = this->analysis(AnalysisOptions{});
  const auto* stats = statistics_of(analysis, stored.version_id);
  return InstructorItem{stored, stats ? std::optional(*stats) : std::nullopt, true};
}

InstructorItem Service::instructor_item(const std::string& item_id) {
  for (const auto& stored : store_.current_items()) {
    if (stored.item.id == item_id) return with_statistics(stored);
  }
  throw Error(ErrorCode::not_found, "no item with id '" + item_id + "'");
}

// New and edited items pass the checks of `bank validate`; an edit is a new
// version, so past answers keep pointing at what was shown.
InstructorItem Service::save_item(const std::string& item_json, const std::string& editing_id) {
  std::vector<std::string> blueprint_ids;
  for (const auto& blueprint : blueprints()) blueprint_ids.push_back(blueprint.id);
  const auto edit = check_item_edit(item_json, store_.current_items(), editing_id, blueprint_ids, taxonomy());
  if (!edit.item) {
    throw Error(ErrorCode::invalid_input, std::to_string(edit.problems.size()) + " problem(s) in the item",
                edit.problems);
  }
  const auto summary = engine_.import_items({*edit.item});
  for (const auto& stored : store_.current_items()) {
    if (stored.item.id != edit.item->id) continue;
    return InstructorItem{stored, std::nullopt, summary.unchanged == 0};
  }
  throw Error(ErrorCode::internal, "the saved item " + edit.item->id + " was not found");
}

void Service::set_retired(const std::string& item_id, bool retired) { engine_.set_retired(item_id, retired); }

ItemAnalysis Service::analysis(const AnalysisOptions& options, TimeMs since) {
  return analyse_items(read_response_data(store_, since), options);
}

CalibrationRun Service::calibrate(const CalibrationOptions& options, bool apply) {
  CalibrationRun run{calibrate_items(store_, options), false, ""};
  if (!apply) return run;
  if (!run.calibration.estimates.converged) {
    throw Error(ErrorCode::conflict, "the calibration did not converge; nothing was stored");
  }
  run.source = "rasch-jml " + format_utc(clock_.now()).substr(0, 10);
  if (!run.calibration.items.empty()) engine_.import_items(calibrated_versions(run.calibration, run.source));
  run.applied = true;
  return run;
}

// One gradebook row per session with an answer: who, when, what, the
// practice estimate and the percent right per discipline.
std::string Service::gradebook_csv() {
  const auto& disciplines = taxonomy().disciplines();
  std::ostringstream csv;
  csv << "session,student,started_utc,finished_utc,mode,blueprint,answered,correct,percent,theta,se,"
         "scaled_score_estimate,pass_probability,provisional_items,calibrated_items";
  for (const auto& discipline : disciplines) csv << "," << discipline.id << "_percent";
  csv << "\n";
  for (const auto& session : store_.all_sessions()) {
    const auto report = engine_.report(session.id);
    if (report.answered == 0) continue;
    csv << session.id << "," << csv_field(session.student) << "," << format_utc(session.started_at) << ","
        << (session.finished_at ? format_utc(*session.finished_at) : "") << "," << csv_field(session.label)
        << "," << session.blueprint_id << "," << report.answered << "," << report.correct << ","
        << fixed(report.percent, 1) << "," << (report.ability ? fixed(report.ability->theta, 3) : "") << ","
        << (report.ability ? fixed(report.ability->se, 3) : "") << ","
        << (report.scaled_score ? std::to_string(*report.scaled_score) : "") << ","
        << (report.pass_probability ? fixed(*report.pass_probability, 3) : "") << ","
        << report.provisional_items << "," << report.calibrated_items;
    for (const auto& discipline : disciplines) {
      csv << ",";
      for (const auto& group : report.disciplines) {
        if (group.id == discipline.id && group.attempted > 0) csv << fixed(group.percent, 1);
      }
    }
    csv << "\n";
  }
  return csv.str();
}

}  // namespace mltprep::app
