// The application layer: every use case a route of the server or a command
// of the `mltprep` program performs, once, over one database. Front ends
// parse a request, make one call here and render the result (with the JSON
// shapes of shapes.h or their own text); they never reach storage.
// REQUIRES: one thread at a time (the server serialises requests).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mltprep/blueprint.h"
#include "mltprep/calibration.h"
#include "mltprep/clock.h"
#include "mltprep/discipline.h"
#include "mltprep/item_analysis.h"
#include "mltprep/practice.h"
#include "mltprep/shipped_banks.h"

namespace mltprep {
class Store;
}

namespace mltprep::app {

// A discipline as the start page and `mltprep topics` list it.
struct DisciplineSummary {
  Discipline discipline;
  int items = 0;                    // current, unretired items
  std::vector<std::string> topics;  // each item's first tag (its subtopic), sorted, once each
};

struct CurrentItem {
  SessionInfo session;
  std::optional<PresentedItem> item;  // none once the session has nothing left to serve
};

struct AnswerResult {
  AnswerOutcome outcome;
  SessionInfo session;
};

// One row of the instructor's item browser, and one item opened in the editor.
struct InstructorItem {
  StoredItem stored;
  std::optional<ItemStatistics> stats;  // none before anybody answered it
  bool changed = true;                  // for saves: false when the content was already stored
};

struct CalibrationRun {
  Calibration calibration;
  bool applied = false;
  std::string source;  // the provenance stored with applied values, e.g. "rasch-jml 2026-12-04"
};

// Items in the database by discipline, level, difficulty and provenance.
struct ItemCounts {
  std::vector<std::string> columns;  // "items", "recall", ..., "calibrated", "provisional"
  std::vector<std::pair<std::string, std::vector<int>>> rows;  // per discipline, then "total"
};

struct OpenOptions {
  std::string database_path;  // ":memory:" for a private in-memory database
  // Brings the bundled banks up to date in the database (new and corrected
  // items; items edited locally are kept).
  bool update_bundled_banks = true;
};

// Replaces the database at `database_path` with a checked backup
// (Store::restore); needs no service, so it works on a damaged database.
void restore_database(const std::string& backup_path, const std::string& database_path);

class Service {
 public:
  // Opens or creates the database (and its folder), with the bundled
  // taxonomy and blueprints and those imported into it, on the system clock.
  // Throws Error(storage) naming the path.
  static std::unique_ptr<Service> open(const OpenOptions& options);
  // Over an engine already set up (tests, benchmarks).
  // REQUIRES: store, engine and clock outlive the service.
  Service(Store& store, PracticeEngine& engine, const Clock& clock, EntropySource entropy);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // What opening changed in the bundled items (open() only).
  const ShippedUpdate& bundled_update() const { return bundled_update_; }

  // Exams and disciplines.
  const Taxonomy& taxonomy() const;
  const std::vector<Blueprint>& blueprints() const;
  const Blueprint& blueprint(const std::string& id) const;  // throws Error(not_found) listing the known ids
  std::vector<DisciplineSummary> disciplines() const;
  ItemCounts item_counts() const;

  // Sessions. Every call with a session id throws Error(not_found) for an unknown one.
  CurrentItem start(const SessionRequest& request);
  // A drill of the items missed in a finished session (PracticeEngine::retake_request).
  CurrentItem retake_missed(const std::string& session_id);
  CurrentItem current(const std::string& session_id);
  SessionInfo session(const std::string& session_id);
  // A session of `student` only: another student's id is not found.
  SessionInfo session_of(const std::string& student, const std::string& session_id);
  AnswerResult answer(const std::string& session_id, int position, int choice);
  PresentedItem go_to(const std::string& session_id, int position);
  std::vector<FormEntry> set_flag(const std::string& session_id, int position, bool flagged);
  std::vector<FormEntry> form(const std::string& session_id);
  Report finish(const std::string& session_id);
  Report report(const std::string& session_id);
  // The reports of the sessions named; unknown ids are left out.
  std::vector<Report> reports(const std::vector<std::string>& session_ids);
  // The student's sessions, newest first, each with its report.
  std::vector<Report> history(const std::string& student);
  std::optional<SessionInfo> latest_unfinished(const std::string& student);
  // The session `student` asks to resume: the one named (theirs only), else
  // their latest unfinished one; none when there is nothing to resume.
  std::optional<SessionInfo> session_to_resume(const std::string& student,
                                               const std::optional<std::string>& session_id);

  // Banks: validated files into the database, all or nothing; taxonomy
  // entries and blueprints in them are stored too. Throws Error(invalid_input)
  // with every problem when there is any.
  ImportSummary import_files(const std::vector<std::string>& paths);
  ImportSummary import_items(const std::vector<Item>& items);

  // A consistent copy of the database, safe while the server runs.
  void backup(const std::string& out_path) const;

  // Instructors.
  std::string issue_instructor_token(bool replace);  // throws Error(conflict) when one exists and !replace
  // Throws Error(unauthorized) unless `token` is the instructor token.
  void require_instructor(const std::string& token) const;
  std::vector<InstructorItem> instructor_items();
  InstructorItem instructor_item(const std::string& item_id);
  // A new item (editing_id empty) or a new version of one, from its bank JSON;
  // Error(invalid_input) with every problem when it breaks the bank rules.
  InstructorItem save_item(const std::string& item_json, const std::string& editing_id);
  void set_retired(const std::string& item_id, bool retired);
  ItemAnalysis analysis(const AnalysisOptions& options, TimeMs since = 0);
  // With `apply`, stores the values as new item versions; Error(conflict) if it did not converge.
  CalibrationRun calibrate(const CalibrationOptions& options, bool apply);
  // One CSV row per session with answers, every student (docs/item-analysis.md).
  std::string gradebook_csv();

 private:
  struct Owned;
  Service(std::unique_ptr<Owned> owned);
  InstructorItem with_statistics(const StoredItem& stored);

  std::unique_ptr<Owned> owned_;  // what open() made; empty over an engine set up by the caller
  Store& store_;
  PracticeEngine& engine_;
  const Clock& clock_;
  EntropySource entropy_;
  ShippedUpdate bundled_update_;
};

}  // namespace mltprep::app
