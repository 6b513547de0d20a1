// The practice engine: starts sessions, serves items, records answers, enforces
// deadlines and scores. Every front end (CLI, HTTP server) goes through it; no
// exam logic lives anywhere else.
// REQUIRES: used from one thread at a time (the Store is not shareable).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "mltprep/blueprint.h"
#include "mltprep/clock.h"
#include "mltprep/discipline.h"
#include "mltprep/irt.h"
#include "mltprep/scoring.h"
#include "mltprep/selection.h"
#include "mltprep/session.h"
#include "mltprep/store.h"

namespace mltprep {

// A source of unpredictable numbers for session tokens and default seeds.
using EntropySource = std::function<std::uint64_t()>;
EntropySource system_entropy();

// Items a student saw in sessions started this long ago or less are avoided
// while others remain.
inline constexpr TimeMs kRecentItemWindowMs = 30LL * 24 * 3600 * 1000;

// One position of a fixed form as the review screen lists it.
struct FormEntry {
  int position = 0;
  bool answered = false;
  bool flagged = false;
};

class PracticeEngine {
 public:
  PracticeEngine(Store& store, const Clock& clock, Taxonomy taxonomy, std::vector<Blueprint> blueprints,
                 EntropySource entropy);

  const Taxonomy& taxonomy() const { return taxonomy_; }
  const std::vector<Blueprint>& blueprints() const { return blueprints_; }
  // New disciplines and blueprints imported while the engine runs.
  void set_catalogue(Taxonomy taxonomy, std::vector<Blueprint> blueprints);
  const Blueprint& blueprint(const std::string& id) const;        // throws Error(not_found)
  const std::vector<StoredItem>& items() const { return pool_; }  // the current, unretired versions

  ImportSummary import_items(const std::vector<Item>& items);
  // A retired item is no longer drawn; past sessions keep it. Throws Error(not_found).
  void set_retired(const std::string& item_id, bool retired);

  SessionInfo start(const SessionRequest& request);
  // Reading a session whose deadline has passed finishes it at the deadline.
  SessionInfo session(const std::string& session_id);
  // The item the student is on; nullopt once the session is finished or has nothing left to serve.
  std::optional<PresentedItem> current_item(const std::string& session_id);
  // Records `choice` for the item at `position`, committed before this returns.
  // Throws Error(expired) after the deadline (nothing stored), Error(conflict)
  // for a finished session or a position that cannot be answered now.
  AnswerOutcome answer(const std::string& session_id, int position, int choice);
  // Fixed forms only: move to a position, flag it, list the form.
  PresentedItem go_to(const std::string& session_id, int position);
  void set_flag(const std::string& session_id, int position, bool flagged);
  std::vector<FormEntry> form(const std::string& session_id);

  Report finish(const std::string& session_id);
  // Keys and explanations are in the report only once the session is finished
  // (drills: for the items already answered). An exam in progress reports
  // its progress only (Report::scores_withheld).
  Report report(const std::string& session_id);
  // A drill of the items missed (wrong or unanswered) in a finished session,
  // for the same student: Error(conflict) while the session is in progress or
  // when nothing was missed.
  SessionRequest retake_request(const std::string& session_id);
  // Newest first; sessions whose deadline has passed are finished on the way.
  std::vector<SessionInfo> history(const std::string& student);
  std::optional<SessionInfo> latest_unfinished(const std::string& student);

 private:
  SessionInfo require_in_progress(const std::string& session_id);
  bool enforce_deadline(SessionInfo& session);
  void close_session(const std::string& session_id, TimeMs finished_at, bool expired);
  std::optional<ServedItem> choose_next_adaptive(const SessionInfo& session,
                                                 const std::vector<ServedItem>& served,
                                                 const std::vector<StoredResponse>& responses);
  std::vector<SessionItemRecord> records_of(const SessionInfo& session);
  Report progress_report(const SessionInfo& session);
  std::unordered_set<std::string> items_in_unfinished_exams(const std::string& student);
  std::vector<StoredItem> pool_without(const std::unordered_set<std::string>& item_ids) const;
  const Item& item_of(std::int64_t version_id);
  AbilityEstimate ability_after(const std::string& session_id, const std::vector<StoredResponse>& responses);
  PresentedItem present(const SessionInfo& session, const ServedItem& served);
  std::string new_session_id();
  void reload_pool();
  const AdaptiveSelector& selector_for(const Blueprint& blueprint);

  Store& store_;
  const Clock& clock_;
  Taxonomy taxonomy_;
  std::vector<Blueprint> blueprints_;
  EntropySource entropy_;
  std::vector<StoredItem> pool_;                   // current versions of every item not retired
  std::map<std::int64_t, Item> items_by_version_;  // every version seen, for scoring old sessions
  std::map<std::string, std::unique_ptr<AdaptiveSelector>> selectors_;  // per blueprint, over pool_
  std::map<std::string, AbilityPosterior> posteriors_;  // adaptive sessions in progress, by id
};

}  // namespace mltprep
