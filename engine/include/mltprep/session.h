// What a practice session is: its kind, how it was set up, and what a student
// sees of it. Shared by the engine, its storage and the front ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mltprep/clock.h"
#include "mltprep/item.h"

namespace mltprep {

enum class SessionKind {
  adaptive_exam,  // ASCP-style: computer adaptive, no going back
  linear_exam,    // AMT-style: fixed form, navigation, flags, answer changes
  drill,          // untimed, key and explanation after each answer
};
enum class SessionStatus { in_progress, finished };

const char* kind_name(SessionKind kind);
std::optional<SessionKind> parse_kind(const std::string& text);
const char* status_name(SessionStatus status);

// Which items a drill or custom quiz may draw. Empty lists mean "any".
struct ItemFilter {
  std::vector<std::string> disciplines;
  std::vector<std::string> topics;
  std::optional<CognitiveLevel> level;
  std::optional<AuthorDifficulty> difficulty;

  bool accepts(const Item& item) const;
  std::string describe() const;  // "hematology; topic anemias; level application"
};

struct SessionRequest {
  SessionKind kind = SessionKind::drill;
  std::string student;
  // Exams: the blueprint to follow. Drills: the blueprint whose passing
  // standard the report compares with. Empty: the taxonomy's default blueprint.
  std::string blueprint_id;
  ItemFilter filter;    // drills
  int item_count = 10;  // drills
  // Drills: exactly these items, in this order. Set by the engine for a retake
  // (PracticeEngine::retake_request), never taken from a client.
  std::vector<std::string> item_ids;
  double time_multiplier = 1.0;       // exams: 1, 1.5 or 2 for accommodations
  std::optional<std::uint64_t> seed;  // default: drawn from the engine's entropy source
};

// Everything stored about a session except its items and responses.
struct SessionInfo {
  std::string id;  // a long random token
  std::string student;
  SessionKind kind = SessionKind::drill;
  std::string blueprint_id;
  std::string label;  // "MLT(ASCP)-style adaptive practice exam", "Drill: hematology"
  std::uint64_t seed = 0;
  int item_count = 0;  // planned length
  double time_multiplier = 1.0;
  ItemFilter filter;
  std::vector<std::string> recent_item_ids;  // avoided at selection; stored for replay
  TimeMs started_at = 0;
  std::optional<TimeMs> deadline;  // absolute; none for drills
  std::optional<TimeMs> finished_at;
  bool expired = false;  // finished by the deadline, not by the student
  SessionStatus status = SessionStatus::in_progress;
  int position = 0;      // the item the student is on (0-based)
  int served_count = 0;  // items chosen so far
  int answered_count = 0;

  bool review_allowed() const { return kind == SessionKind::linear_exam; }
  bool feedback_after_each() const { return kind == SessionKind::drill; }
};

// An item as a student sees it before answering: never the key or explanation.
struct PresentedItem {
  int position = 0;  // 0-based
  int item_count = 0;
  std::string item_id;
  std::string discipline;
  std::string stem;
  std::vector<std::string> options;
  std::optional<int> chosen;  // the current answer, if any (linear forms)
  bool flagged = false;
  std::optional<TimeMs> remaining_ms;  // none when untimed
};

// What the engine says after an answer is recorded (and committed).
struct AnswerOutcome {
  int position = 0;
  int choice = 0;
  // Drills only: whether it was right, the key and the explanation.
  std::optional<bool> correct;
  std::optional<int> key;
  std::string explanation;
  std::vector<std::string> references;
  bool session_finished = false;
};

}  // namespace mltprep
