// Every JSON shape the HTTP API returns (docs/api.md) and `--json` prints,
// built once, as JSON values, for both front ends.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mltprep/app/service.h"
#include "mltprep/error.h"
#include "mltprep/simulation.h"

namespace mltprep::app {

using Json = nlohmann::json;

// The sentence every score report carries: these are practice estimates.
const char* practice_estimate_notice();

// Exams and disciplines.
Json blueprint_json(const Blueprint& blueprint, bool is_default);
Json blueprints_json(const std::vector<Blueprint>& blueprints, const std::string& default_id);
Json disciplines_json(const std::vector<DisciplineSummary>& disciplines);
Json item_counts_json(const ItemCounts& counts);

// Sessions.
Json session_json(const SessionInfo& session);
Json history_json(const std::vector<Report>& history);  // the sessions alone
Json presented_item_json(const PresentedItem& item);
Json current_item_json(const CurrentItem& current);  // {"session", "item"}
Json answer_json(const AnswerResult& result);        // {"outcome", "session"}
Json form_json(const std::vector<FormEntry>& form);  // {"form": [...]}
// The score report; the item review only where `with_review` (history lists leave it out).
Json report_json(const Report& report, bool with_review = true);
Json reports_json(const std::vector<Report>& reports);  // whole reports without reviews

// Instructors.
Json instructor_item_rows_json(const std::vector<InstructorItem>& items);
Json instructor_item_json(const InstructorItem& item);
Json item_analysis_json(const ItemAnalysis& analysis);
Json calibration_json(const CalibrationRun& run);

Json simulation_json(const SimulationReport& report, const SimulationOptions& options);

// {"error": {"code", "message", "problems"?}}: the one shape of every failure.
Json error_json(const std::string& code, const std::string& message,
                const std::vector<SourceProblem>& problems = {});

}  // namespace mltprep::app
