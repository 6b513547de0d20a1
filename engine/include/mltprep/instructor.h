// What instructors do through the command line and the server: the access
// token, and new or edited items checked as `bank validate` checks a bank.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mltprep/practice.h"
#include "mltprep/source_file.h"
#include "mltprep/store.h"

namespace mltprep {

// A new random token (64 hex digits, 256 bits) replacing any earlier one;
// only its SHA-256 is stored. The caller shows it once.
std::string issue_instructor_token(Store& store, const EntropySource& entropy, TimeMs now);

// True when a token was issued and `token` is it. The hashes are compared in
// constant time.
bool instructor_token_valid(const Store& store, const std::string& token);

struct ItemEdit {
  std::optional<Item> item;             // set when there is no problem
  std::vector<SourceProblem> problems;  // every problem, by field
};

// One item in bank format (a JSON object) from an instructor. New items
// (`editing_id` empty) need an unused id; an edit keeps the item's id. Items
// may name only the blueprints in `blueprint_ids`.
ItemEdit check_item_edit(const std::string& json_text, const std::vector<StoredItem>& current,
                         const std::string& editing_id, const std::vector<std::string>& blueprint_ids,
                         const Taxonomy& taxonomy);

}  // namespace mltprep
