// Scores of a session: overall ability, estimated scaled score and chance of
// passing, and per discipline and per blueprint area (docs/design.md, "Measurement
// model"). Practice estimates, never official scores.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mltprep/blueprint.h"
#include "mltprep/discipline.h"
#include "mltprep/irt.h"
#include "mltprep/session.h"
#include "mltprep/store.h"

namespace mltprep {

// Where an estimate lies against the passing standard, one standard error either side.
enum class Band { below, near, above };
const char* band_name(Band band);
Band band_of(const AbilityEstimate& ability, double theta_cut);

// The ability-derived fields are absent when nothing in the group was scored,
// and throughout a session with no answer: the prior is not a score.
struct GroupScore {
  std::string id;
  std::string name;
  int attempted = 0;
  int correct = 0;
  double percent = 0;
  std::optional<AbilityEstimate> ability;  // present with band
  std::optional<Band> band;
};

// One served item with what the student did with it.
struct SessionItemRecord {
  ServedItem served;
  Item item;
  std::optional<StoredResponse> response;
};

struct ReviewEntry {
  int position = 0;
  std::string item_id;
  std::string discipline;
  std::string stem;
  std::vector<std::string> options;
  std::optional<int> choice;
  int key = 0;
  bool correct = false;
  bool flagged = false;
  std::string explanation;
  std::vector<std::string> references;
  double seconds_taken = 0;
};

struct Report {
  SessionInfo session;
  // An exam in progress: the report holds its progress only (session, counts
  // of items and answers, blueprint, scale), nothing derived from the key, so
  // that reading it between answers cannot reveal a key.
  bool scores_withheld = false;
  int item_count = 0;  // items in the session (served, or planned for a fixed form)
  int answered = 0;
  int correct = 0;
  double percent = 0;  // of items scored
  // Fixed forms score an unanswered item as wrong, as the board does; an
  // adaptive exam cut short by the deadline is scored on what was answered.
  bool unanswered_scored_wrong = false;
  // Absent, with scaled_score, pass_probability and band, until the student
  // has answered an item: a fixed form left blank is not scored all wrong.
  std::optional<AbilityEstimate> ability;
  bool is_exam = false;
  std::optional<int> scaled_score;         // exams with an ability estimate only
  std::optional<double> pass_probability;  // Φ((θ − θcut) / SE)
  std::optional<Band> band;
  ScoreScale scale;
  std::string blueprint_name;
  std::vector<GroupScore> areas;        // the blueprint's content areas
  std::vector<GroupScore> disciplines;  // the canonical disciplines with any item served
  int calibrated_items = 0;             // items whose difficulty came from real responses
  int provisional_items = 0;            // items whose difficulty is the author's estimate
  std::vector<ReviewEntry> review;      // filled only when keys may be shown
};

// REQUIRES: records ordered by position.
// Disciplines are reported in the taxonomy's order.
Report score_session(const SessionInfo& session, const Blueprint& blueprint, const Taxonomy& taxonomy,
                     const std::vector<SessionItemRecord>& records, bool include_review);

}  // namespace mltprep
