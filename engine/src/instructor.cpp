#include "mltprep/instructor.h"

#include <algorithm>
#include <cstdio>

#include "mltprep/bank.h"
#include "mltprep/sha256.h"

namespace mltprep {
namespace {

constexpr const char* kInstructorBank = "instructor";

bool same_in_constant_time(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

SourceProblem problem(const std::string& item_id, const std::string& field, const std::string& message) {
  SourceProblem found;
  found.file = "item";
  found.item_id = item_id;
  found.field = field;
  found.message = message;
  return found;
}

}  // namespace

std::string issue_instructor_token(Store& store, const EntropySource& entropy, TimeMs now) {
  std::string token;
  for (int part = 0; part < 4; ++part) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(entropy()));
    token += hex;
  }
  store.set_instructor_token_hash(sha256_hex(token), now);
  return token;
}

bool instructor_token_valid(const Store& store, const std::string& token) {
  const auto stored = store.instructor_token_hash();
  return stored && !token.empty() && same_in_constant_time(sha256_hex(token), *stored);
}

ItemEdit check_item_edit(const std::string& json_text, const std::vector<StoredItem>& current,
                         const std::string& editing_id, const std::vector<std::string>& blueprint_ids,
                         const Taxonomy& taxonomy) {
  // The bank reader itself checks the item, inside a one-item bank file.
  const std::string bank = std::string("{\"bank\": \"") + kInstructorBank +
                           "\", \"version\": \"1\", \"items\": [" + json_text + "]}";
  auto parsed = parse_banks({SourceFile{"item", bank}}, taxonomy);
  ItemEdit edit;
  edit.problems = parsed.problems;
  const auto items = parsed.all_items();
  if (!edit.problems.empty() || items.size() != 1) {
    if (edit.problems.empty()) edit.problems.push_back(problem("", "", "expected exactly one item object"));
    return edit;
  }
  Item item = items.front();
  const auto existing = std::find_if(current.begin(), current.end(),
                                     [&](const StoredItem& stored) { return stored.item.id == item.id; });
  if (editing_id.empty() && existing != current.end()) {
    edit.problems.push_back(problem(item.id, "id", "already used by another item; choose an unused id"));
  }
  if (!editing_id.empty() && item.id != editing_id) {
    edit.problems.push_back(problem(item.id, "id", "an edit keeps the item's id (" + editing_id + ")"));
  }
  for (const auto& exam : item.exams) {
    if (std::find(blueprint_ids.begin(), blueprint_ids.end(), exam) == blueprint_ids.end()) {
      edit.problems.push_back(problem(item.id, "exams", "no blueprint '" + exam + "' exists"));
    }
  }
  if (!edit.problems.empty()) return edit;
  // An edit stays in the bank it came from; a new item goes into the instructors' bank.
  item.bank = existing != current.end() ? existing->item.bank : kInstructorBank;
  edit.item = std::move(item);
  return edit;
}

}  // namespace mltprep
