#include "mltprep/item.h"

#include <algorithm>
#include <cctype>

namespace mltprep {

const char* level_name(CognitiveLevel level) {
  switch (level) {
    case CognitiveLevel::recall:
      return "recall";
    case CognitiveLevel::application:
      return "application";
    case CognitiveLevel::analysis:
      return "analysis";
  }
  return "recall";
}

const char* difficulty_name(AuthorDifficulty difficulty) {
  switch (difficulty) {
    case AuthorDifficulty::easy:
      return "easy";
    case AuthorDifficulty::medium:
      return "medium";
    case AuthorDifficulty::hard:
      return "hard";
  }
  return "medium";
}

std::optional<CognitiveLevel> parse_level(const std::string& text) {
  for (auto level : {CognitiveLevel::recall, CognitiveLevel::application, CognitiveLevel::analysis}) {
    if (text == level_name(level)) return level;
  }
  return std::nullopt;
}

std::optional<AuthorDifficulty> parse_difficulty(const std::string& text) {
  for (auto difficulty : {AuthorDifficulty::easy, AuthorDifficulty::medium, AuthorDifficulty::hard}) {
    if (text == difficulty_name(difficulty)) return difficulty;
  }
  return std::nullopt;
}

double provisional_difficulty(AuthorDifficulty difficulty) {
  switch (difficulty) {
    case AuthorDifficulty::easy:
      return -1.0;
    case AuthorDifficulty::medium:
      return 0.0;
    case AuthorDifficulty::hard:
      return 1.0;
  }
  return 0.0;
}

bool Item::usable_in(const std::string& blueprint_id) const {
  return exams.empty() || std::find(exams.begin(), exams.end(), blueprint_id) != exams.end();
}

char option_letter(int index) { return static_cast<char>('A' + index); }

std::optional<int> parse_option_choice(const std::string& text, int option_count) {
  if (text.size() != 1) return std::nullopt;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  int index = -1;
  if (c >= 'A' && c <= 'Z') index = c - 'A';
  if (c >= '1' && c <= '9') index = c - '1';
  if (index < 0 || index >= option_count) return std::nullopt;
  return index;
}

}  // namespace mltprep
