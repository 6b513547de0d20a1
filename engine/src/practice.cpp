#include "mltprep/practice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <unordered_set>

#include "mltprep/discipline.h"
#include "mltprep/error.h"
#include "mltprep/irt.h"
#include "mltprep/selection.h"

namespace mltprep {
namespace {

// Streams of a session's seed: one per adaptive position, one for forms and drills.
constexpr std::uint64_t kAssemblyStream = 0xA55E3B1E;

constexpr int kMaxDrillItems = 500;

std::string label_for(const SessionRequest& request, const Blueprint& blueprint) {
  if (request.kind != SessionKind::drill) return blueprint.name;
  if (!request.item_ids.empty()) return "Retake: " + std::to_string(request.item_ids.size()) + " items";
  return "Drill: " + request.filter.describe();
}

void validate_request(const SessionRequest& request, const Blueprint& blueprint, const Taxonomy& taxonomy) {
  if (request.student.empty()) throw Error(ErrorCode::invalid_input, "a session needs a student name");
  if (request.kind == SessionKind::drill) {
    if (request.item_count < 1 || request.item_count > kMaxDrillItems) {
      throw Error(ErrorCode::invalid_input, "a drill has 1 to " + std::to_string(kMaxDrillItems) +
                                                " items; " + std::to_string(request.item_count) +
                                                " was asked for");
    }
    for (const auto& discipline : request.filter.disciplines) {
      if (!taxonomy.find(discipline)) {
        throw Error(ErrorCode::invalid_input,
                    "unknown discipline '" + discipline + "' (known: " + taxonomy.id_list() + ")");
      }
    }
    return;
  }
  const auto wanted = request.kind == SessionKind::adaptive_exam ? ExamMode::adaptive : ExamMode::linear;
  if (blueprint.mode != wanted) {
    throw Error(ErrorCode::invalid_input,
                "blueprint " + blueprint.id + " is " +
                    (blueprint.mode == ExamMode::adaptive ? "adaptive" : "a fixed form") + ", not a " +
                    kind_name(request.kind));
  }
  if (!(request.time_multiplier >= 1.0 && request.time_multiplier <= 3.0)) {
    throw Error(ErrorCode::invalid_input, "the extra-time multiplier must be between 1 and 3");
  }
}

std::unordered_set<std::string> as_set(const std::vector<std::string>& ids) {
  return {ids.begin(), ids.end()};
}

}  // namespace

EntropySource system_entropy() {
  auto device = std::make_shared<std::random_device>();
  return [device] { return (static_cast<std::uint64_t>((*device)()) << 32) ^ (*device)(); };
}

PracticeEngine::PracticeEngine(Store& store, const Clock& clock, Taxonomy taxonomy,
                               std::vector<Blueprint> blueprints, EntropySource entropy)
    : store_(store),
      clock_(clock),
      taxonomy_(std::move(taxonomy)),
      blueprints_(std::move(blueprints)),
      entropy_(std::move(entropy)) {
  reload_pool();
}

void PracticeEngine::reload_pool() {
  selectors_.clear();
  pool_.clear();
  for (auto& stored : store_.current_items()) {
    items_by_version_.emplace(stored.version_id, stored.item);
    if (!stored.retired) pool_.push_back(std::move(stored));
  }
}

void PracticeEngine::set_catalogue(Taxonomy taxonomy, std::vector<Blueprint> blueprints) {
  taxonomy_ = std::move(taxonomy);
  blueprints_ = std::move(blueprints);
  selectors_.clear();  // they point into the blueprints
}

const Blueprint& PracticeEngine::blueprint(const std::string& id) const {
  if (const auto* found = find_blueprint(blueprints_, id)) return *found;
  std::string known;
  for (const auto& blueprint : blueprints_) known += (known.empty() ? "" : ", ") + blueprint.id;
  throw Error(ErrorCode::not_found, "no blueprint '" + id + "' (known: " + known + ")");
}

ImportSummary PracticeEngine::import_items(const std::vector<Item>& items) {
  const auto summary = store_.import_items(items);
  reload_pool();
  return summary;
}

void PracticeEngine::set_retired(const std::string& item_id, bool retired) {
  store_.set_retired(item_id, retired, clock_.now());
  reload_pool();
}

std::string PracticeEngine::new_session_id() {
  std::string id;
  for (int part = 0; part < 3; ++part) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(entropy_()));
    id += hex;
  }
  return id;
}

SessionInfo PracticeEngine::start(const SessionRequest& request) {
  const Blueprint& blueprint =
      this->blueprint(request.blueprint_id.empty() ? taxonomy_.default_blueprint() : request.blueprint_id);
  validate_request(request, blueprint, taxonomy_);
  SessionInfo session;
  session.id = new_session_id();
  session.student = request.student;
  session.kind = request.kind;
  session.blueprint_id = blueprint.id;
  session.label = label_for(request, blueprint);
  session.seed = request.seed ? *request.seed : entropy_();
  session.time_multiplier = request.kind == SessionKind::drill ? 1.0 : request.time_multiplier;
  session.filter = request.filter;
  session.started_at = clock_.now();
  session.recent_item_ids =
      store_.item_ids_seen_since(request.student, session.started_at - kRecentItemWindowMs);
  if (request.kind != SessionKind::drill) {
    const double minutes = blueprint.time_limit_minutes * session.time_multiplier;
    session.deadline = session.started_at + static_cast<TimeMs>(std::llround(minutes * 60'000.0));
  }

  std::vector<ServedItem> served;
  Rng rng = Rng::derived(session.seed, kAssemblyStream);
  const auto recent = as_set(session.recent_item_ids);
  auto add = [&](const Selection& selection) {
    const std::string area = selection.area >= 0 ? blueprint.areas[selection.area].id : "";
    served.push_back(
        {static_cast<int>(served.size()), selection.item->version_id, area, session.started_at, false});
  };
  switch (request.kind) {
    case SessionKind::linear_exam:
      session.item_count = blueprint.item_count;
      for (const auto& selection : assemble_linear_form(blueprint, pool_, recent, rng)) add(selection);
      break;
    case SessionKind::adaptive_exam:
      session.item_count = blueprint.item_count;
      if (auto first = choose_next_adaptive(session, served, {})) {
        served.push_back(*first);
      } else {
        throw Error(ErrorCode::invalid_input, "the banks hold no item usable in blueprint " + blueprint.id);
      }
      break;
    case SessionKind::drill: {
      // A drill gives keys at once: never an item on screen in one of the
      // student's unfinished exams.
      const auto in_exams = items_in_unfinished_exams(request.student);
      const auto filtered = in_exams.empty() ? std::vector<StoredItem>{} : pool_without(in_exams);
      const auto& pool = in_exams.empty() ? pool_ : filtered;
      if (!request.item_ids.empty()) {
        for (const auto& id : request.item_ids) {
          auto found = std::find_if(pool.begin(), pool.end(), [&](const auto& s) { return s.item.id == id; });
          if (found != pool.end()) add({&*found, -1});
        }
        if (served.empty()) throw Error(ErrorCode::conflict, "none of these items can be drilled now");
      } else {
        for (const auto& selection :
             draw_drill_items(pool, request.filter, request.item_count, recent, rng)) {
          add(selection);
        }
      }
      session.item_count = static_cast<int>(served.size());
      break;
    }
  }
  store_.create_session(session, served);
  return store_.session(session.id);
}

// Chooses the adaptive item for the next position. The choice depends only on
// the seed, the position, the pool and the answers so far, so replaying a
// session's answers with its seed gives the same items.
std::optional<ServedItem> PracticeEngine::choose_next_adaptive(const SessionInfo& session,
                                                               const std::vector<ServedItem>& served,
                                                               const std::vector<StoredResponse>& responses) {
  const int position = static_cast<int>(served.size());
  if (position >= session.item_count) return std::nullopt;
  const Blueprint& blueprint = this->blueprint(session.blueprint_id);
  AdaptiveState state;
  state.area_counts.assign(blueprint.areas.size(), 0);
  state.recent_ids = as_set(session.recent_item_ids);
  for (const auto& item : served) {
    state.given_ids.insert(item_of(item.version_id).id);
    for (std::size_t area = 0; area < blueprint.areas.size(); ++area) {
      if (blueprint.areas[area].id == item.area_id) ++state.area_counts[area];
    }
  }
  state.theta = ability_after(session.id, responses).theta;

  Rng rng = Rng::derived(session.seed, static_cast<std::uint64_t>(position));
  const auto selection = selector_for(blueprint).choose(state, rng);
  if (!selection) return std::nullopt;
  return ServedItem{position, selection->item->version_id, blueprint.areas[selection->area].id, clock_.now(),
                    false};
}

const AdaptiveSelector& PracticeEngine::selector_for(const Blueprint& blueprint) {
  auto found = selectors_.find(blueprint.id);
  if (found == selectors_.end()) {
    found = selectors_.emplace(blueprint.id, std::make_unique<AdaptiveSelector>(blueprint, pool_)).first;
  }
  return *found->second;
}

// Adaptive answers are only ever appended, so the posterior of a session is
// extended by the responses it has not seen yet instead of being rebuilt: the
// update after an answer costs one pass over the grid.
AbilityEstimate PracticeEngine::ability_after(const std::string& session_id,
                                              const std::vector<StoredResponse>& responses) {
  auto& cached = posteriors_[session_id];
  if (cached.response_count() > static_cast<int>(responses.size())) cached = AbilityPosterior();
  for (auto i = static_cast<std::size_t>(cached.response_count()); i < responses.size(); ++i) {
    cached.add(item_of(responses[i].version_id).parameters, responses[i].correct);
  }
  return cached.estimate();
}

const Item& PracticeEngine::item_of(std::int64_t version_id) {
  auto found = items_by_version_.find(version_id);
  if (found == items_by_version_.end()) {
    found = items_by_version_.emplace(version_id, store_.item_version(version_id).item).first;
  }
  return found->second;
}

void PracticeEngine::close_session(const std::string& session_id, TimeMs finished_at, bool expired) {
  store_.finish_session(session_id, finished_at, expired);
  posteriors_.erase(session_id);
}

bool PracticeEngine::enforce_deadline(SessionInfo& session) {
  if (session.status != SessionStatus::in_progress || !session.deadline || clock_.now() < *session.deadline) {
    return false;
  }
  close_session(session.id, *session.deadline, true);
  session.status = SessionStatus::finished;
  session.finished_at = session.deadline;
  session.expired = true;
  return true;
}

SessionInfo PracticeEngine::session(const std::string& session_id) {
  auto session = store_.session(session_id);
  enforce_deadline(session);
  return session;
}

SessionInfo PracticeEngine::require_in_progress(const std::string& session_id) {
  auto session = store_.session(session_id);
  if (enforce_deadline(session) || session.expired) {
    throw Error(ErrorCode::expired, "the time for session " + session_id + " ran out at " +
                                        format_utc(*session.deadline) + "; nothing more can be recorded");
  }
  if (session.status == SessionStatus::finished) {
    throw Error(ErrorCode::conflict, "session " + session_id + " is already finished");
  }
  return session;
}

PresentedItem PracticeEngine::present(const SessionInfo& session, const ServedItem& served) {
  const Item& item = item_of(served.version_id);
  PresentedItem shown;
  shown.position = served.position;
  shown.item_count = session.item_count;
  shown.item_id = item.id;
  shown.discipline = item.discipline;
  shown.stem = item.stem;
  shown.options = item.options;
  if (const auto response = store_.latest_response(session.id, served.position))
    shown.chosen = response->choice;
  shown.flagged = served.flagged;
  if (session.deadline) shown.remaining_ms = std::max<TimeMs>(0, *session.deadline - clock_.now());
  return shown;
}

std::optional<PresentedItem> PracticeEngine::current_item(const std::string& session_id) {
  auto session = this->session(session_id);
  if (session.status == SessionStatus::finished) return std::nullopt;
  const int position = session.kind == SessionKind::linear_exam ? session.position : session.answered_count;
  if (session.kind == SessionKind::adaptive_exam && position >= session.served_count) {
    // Chosen lazily: an answer is committed first, so a crash between the two
    // only means the next item is chosen (identically) on resume.
    auto next =
        choose_next_adaptive(session, store_.served_items(session_id), store_.latest_responses(session_id));
    if (!next) {
      close_session(session_id, clock_.now(), false);  // the banks ran out of items
      return std::nullopt;
    }
    store_.add_served_item(session_id, *next);
    return present(session, *next);
  }
  const auto served = store_.served_item(session_id, position);
  if (!served) return std::nullopt;
  return present(session, *served);
}

namespace {

std::string position_text(int position) { return "item " + std::to_string(position + 1); }

void require_answerable(const SessionInfo& session, int position, int served_count) {
  if (position < 0 || position >= served_count) {
    throw Error(ErrorCode::invalid_input,
                "session " + session.id + " has no " + position_text(position) + " to answer");
  }
  if (session.kind == SessionKind::linear_exam || position == session.answered_count) return;
  throw Error(ErrorCode::conflict,
              position_text(position) + " of session " + session.id +
                  (position < session.answered_count ? " is already answered: this mode does not go back"
                                                     : " is not the current item"));
}

void require_fixed_form(const SessionInfo& session) {
  if (session.kind != SessionKind::linear_exam) {
    throw Error(ErrorCode::conflict, "session " + session.id + " is a " + kind_name(session.kind) +
                                         ": only fixed-form exams allow navigation and flags");
  }
}

void require_position(const SessionInfo& session, int position) {
  if (position < 0 || position >= session.item_count) {
    throw Error(ErrorCode::invalid_input, "position " + std::to_string(position + 1) + " is outside 1-" +
                                              std::to_string(session.item_count));
  }
}

}  // namespace

AnswerOutcome PracticeEngine::answer(const std::string& session_id, int position, int choice) {
  const auto session = require_in_progress(session_id);
  require_answerable(session, position, session.served_count);
  const auto served = *store_.served_item(session_id, position);
  const Item& item = item_of(served.version_id);
  const int option_count = static_cast<int>(item.options.size());
  if (choice < 0 || choice >= option_count) {
    throw Error(ErrorCode::invalid_input,
                "item " + item.id + " has options A-" + std::string(1, option_letter(option_count - 1)));
  }
  const TimeMs now = clock_.now();
  const TimeMs shown_since = std::max(served.served_at, store_.last_answered_at(session_id).value_or(0));
  const StoredResponse response{
      position, served.version_id,
      choice,   choice == item.answer_index,
      now,      static_cast<double>(std::max<TimeMs>(0, now - shown_since)) / 1000.0};
  const int last = session.item_count - 1;
  const int next_position =
      session.kind == SessionKind::linear_exam ? std::min(position + 1, last) : position + 1;
  store_.record_response(session_id, response, next_position);

  AnswerOutcome outcome;
  outcome.position = position;
  outcome.choice = choice;
  if (session.feedback_after_each()) {
    outcome.correct = response.correct;
    outcome.key = item.answer_index;
    outcome.explanation = item.explanation;
    outcome.references = item.references;
  }
  if (session.kind != SessionKind::linear_exam && position == last) {
    close_session(session_id, now, false);
    outcome.session_finished = true;
  }
  return outcome;
}

PresentedItem PracticeEngine::go_to(const std::string& session_id, int position) {
  auto session = require_in_progress(session_id);
  require_fixed_form(session);
  require_position(session, position);
  store_.set_position(session_id, position);
  session.position = position;
  return present(session, *store_.served_item(session_id, position));
}

void PracticeEngine::set_flag(const std::string& session_id, int position, bool flagged) {
  const auto session = require_in_progress(session_id);
  require_fixed_form(session);
  require_position(session, position);
  store_.set_flag(session_id, position, flagged);
}

std::vector<FormEntry> PracticeEngine::form(const std::string& session_id) {
  session(session_id);  // Error(not_found) for an unknown id, not an empty form
  const auto responses = store_.latest_responses(session_id);
  std::vector<FormEntry> entries;
  for (const auto& served : store_.served_items(session_id)) {
    const bool answered = std::any_of(responses.begin(), responses.end(),
                                      [&](const auto& r) { return r.position == served.position; });
    entries.push_back({served.position, answered, served.flagged});
  }
  return entries;
}

Report PracticeEngine::finish(const std::string& session_id) {
  const auto session = this->session(session_id);
  if (session.status == SessionStatus::in_progress) close_session(session_id, clock_.now(), false);
  return report(session_id);
}

std::vector<SessionItemRecord> PracticeEngine::records_of(const SessionInfo& session) {
  const auto responses = store_.latest_responses(session.id);
  std::vector<SessionItemRecord> records;
  for (const auto& served : store_.served_items(session.id)) {
    SessionItemRecord record{served, item_of(served.version_id), std::nullopt};
    for (const auto& response : responses) {
      if (response.position == served.position) record.response = response;
    }
    records.push_back(std::move(record));
  }
  return records;
}

// What an exam in progress may show: how far the student has got.
Report PracticeEngine::progress_report(const SessionInfo& session) {
  const auto& exam = blueprint(session.blueprint_id);
  Report progress;
  progress.session = session;
  progress.scores_withheld = true;
  progress.is_exam = true;
  progress.item_count = session.item_count;
  progress.answered = session.answered_count;
  progress.blueprint_name = exam.name;
  progress.scale = exam.scale;
  return progress;
}

Report PracticeEngine::report(const std::string& session_id) {
  const auto session = this->session(session_id);
  const bool finished = session.status == SessionStatus::finished;
  if (!finished && session.kind != SessionKind::drill) return progress_report(session);
  auto records = records_of(session);
  if (!finished && session.kind != SessionKind::linear_exam) {
    // The item on screen is not part of the score until it is answered.
    records.erase(std::remove_if(records.begin(), records.end(), [](const auto& r) { return !r.response; }),
                  records.end());
  }
  const bool keys_allowed = finished || session.kind == SessionKind::drill;
  return score_session(session, blueprint(session.blueprint_id), taxonomy_, records, keys_allowed);
}

SessionRequest PracticeEngine::retake_request(const std::string& session_id) {
  const auto finished = report(session_id);
  if (finished.session.status != SessionStatus::finished) {
    throw Error(ErrorCode::conflict,
                "session " + session_id + " is not finished; its items cannot be retaken yet");
  }
  SessionRequest request;
  request.kind = SessionKind::drill;
  request.student = finished.session.student;
  request.blueprint_id = finished.session.blueprint_id;
  for (const auto& entry : finished.review) {
    if (!entry.correct) request.item_ids.push_back(entry.item_id);
  }
  if (request.item_ids.empty())
    throw Error(ErrorCode::conflict, "no item was missed in session " + session_id);
  request.item_count = static_cast<int>(request.item_ids.size());
  return request;
}

std::unordered_set<std::string> PracticeEngine::items_in_unfinished_exams(const std::string& student) {
  std::unordered_set<std::string> ids;
  for (const auto& session : history(student)) {
    if (session.status == SessionStatus::finished || session.kind == SessionKind::drill) continue;
    for (const auto& served : store_.served_items(session.id)) ids.insert(item_of(served.version_id).id);
  }
  return ids;
}

std::vector<StoredItem> PracticeEngine::pool_without(const std::unordered_set<std::string>& item_ids) const {
  std::vector<StoredItem> pool;
  pool.reserve(pool_.size());
  for (const auto& stored : pool_) {
    if (!item_ids.count(stored.item.id)) pool.push_back(stored);
  }
  return pool;
}

std::vector<SessionInfo> PracticeEngine::history(const std::string& student) {
  auto sessions = store_.sessions_of(student);
  for (auto& session : sessions) enforce_deadline(session);
  return sessions;
}

std::optional<SessionInfo> PracticeEngine::latest_unfinished(const std::string& student) {
  for (auto& session : history(student)) {
    if (session.status == SessionStatus::in_progress) return session;
  }
  return std::nullopt;
}

}  // namespace mltprep
