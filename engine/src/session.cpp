#include "mltprep/session.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "session_json.h"

namespace mltprep {

const char* kind_name(SessionKind kind) {
  switch (kind) {
    case SessionKind::adaptive_exam:
      return "adaptive_exam";
    case SessionKind::linear_exam:
      return "linear_exam";
    case SessionKind::drill:
      return "drill";
  }
  return "drill";
}

std::optional<SessionKind> parse_kind(const std::string& text) {
  for (auto kind : {SessionKind::adaptive_exam, SessionKind::linear_exam, SessionKind::drill}) {
    if (text == kind_name(kind)) return kind;
  }
  return std::nullopt;
}

const char* status_name(SessionStatus status) {
  return status == SessionStatus::finished ? "finished" : "in_progress";
}

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

}  // namespace

bool ItemFilter::accepts(const Item& item) const {
  if (!disciplines.empty() && !contains(disciplines, item.discipline)) return false;
  if (!topics.empty() && std::none_of(item.topics.begin(), item.topics.end(),
                                      [&](const auto& topic) { return contains(topics, topic); })) {
    return false;
  }
  if (level && item.level != *level) return false;
  if (difficulty && item.difficulty != *difficulty) return false;
  return true;
}

std::string ItemFilter::describe() const {
  std::vector<std::string> parts;
  parts.push_back(disciplines.empty() ? "all disciplines" : joined(disciplines, ", "));
  if (!topics.empty()) parts.push_back("topic " + joined(topics, ", "));
  if (level) parts.push_back(std::string("level ") + level_name(*level));
  if (difficulty) parts.push_back(std::string("difficulty ") + difficulty_name(*difficulty));
  return joined(parts, "; ");
}

std::string session_settings_json(const SessionInfo& session) {
  nlohmann::json filter = {{"disciplines", session.filter.disciplines}, {"topics", session.filter.topics}};
  if (session.filter.level) filter["level"] = level_name(*session.filter.level);
  if (session.filter.difficulty) filter["difficulty"] = difficulty_name(*session.filter.difficulty);
  return nlohmann::json{{"filter", filter},
                        {"time_multiplier", session.time_multiplier},
                        {"recent_item_ids", session.recent_item_ids}}
      .dump();
}

void read_session_settings(const std::string& text, SessionInfo& session) {
  const auto settings = nlohmann::json::parse(text);
  const auto& filter = settings.at("filter");
  session.filter.disciplines = filter.at("disciplines").get<std::vector<std::string>>();
  session.filter.topics = filter.at("topics").get<std::vector<std::string>>();
  if (filter.contains("level")) session.filter.level = parse_level(filter["level"].get<std::string>());
  if (filter.contains("difficulty")) {
    session.filter.difficulty = parse_difficulty(filter["difficulty"].get<std::string>());
  }
  session.time_multiplier = settings.at("time_multiplier").get<double>();
  session.recent_item_ids = settings.at("recent_item_ids").get<std::vector<std::string>>();
}

}  // namespace mltprep
