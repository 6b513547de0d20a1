// A question item as authored in a bank, plus its measurement parameters.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mltprep {

enum class CognitiveLevel { recall, application, analysis };
enum class AuthorDifficulty { easy, medium, hard };

const char* level_name(CognitiveLevel level);
const char* difficulty_name(AuthorDifficulty difficulty);
std::optional<CognitiveLevel> parse_level(const std::string& text);
std::optional<AuthorDifficulty> parse_difficulty(const std::string& text);

// The Rasch difficulty (logits) an author's estimate stands for until the item
// is calibrated: easy -1, medium 0, hard +1 (docs/design.md, "Bank format").
double provisional_difficulty(AuthorDifficulty difficulty);

// 3PL parameters on the logit scale (D = 1). `calibrated` is false while `b`
// is only the author's estimate mapped by provisional_difficulty().
struct ItemParameters {
  double a = 1.0;
  double b = 0.0;
  double c = 0.0;
  bool calibrated = false;
  int calibration_n = 0;  // responses the calibration used
  std::string source;     // where calibrated values came from
};

struct Item {
  std::string id;
  std::string discipline;
  std::vector<std::string> topics;
  CognitiveLevel level = CognitiveLevel::recall;
  AuthorDifficulty difficulty = AuthorDifficulty::medium;
  std::string stem;
  std::vector<std::string> options;
  int answer_index = 0;  // 0 = A
  std::string explanation;
  std::vector<std::string> references;
  std::vector<std::string> exams;  // empty: every blueprint
  ItemParameters parameters;
  std::string bank;  // the bank the item came from

  bool usable_in(const std::string& blueprint_id) const;
};

char option_letter(int index);
// "A".."F" (any case) or "1".."6" to an index below option_count; nullopt otherwise.
std::optional<int> parse_option_choice(const std::string& text, int option_count);

}  // namespace mltprep
