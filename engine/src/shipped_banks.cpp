#include "mltprep/shipped_banks.h"

#include <map>

#include "mltprep/bank.h"
#include "mltprep/store.h"

namespace mltprep {
ShippedUpdate update_shipped_items(Store& store, PracticeEngine& engine, const std::vector<Item>& shipped) {
  std::map<std::string, std::string> current_hash;  // item id → authored hash of its current version
  for (const auto& stored : store.current_items())
    current_hash[stored.item.id] = authored_content_hash(stored.item);

  ShippedUpdate update;
  std::vector<Item> to_import;
  std::vector<std::pair<std::string, std::string>> offered;
  for (const auto& item : shipped) {
    const std::string hash = authored_content_hash(item);
    const auto last = store.shipped_hash(item.id);
    if (last == hash) continue;
    offered.emplace_back(item.id, hash);
    const auto current = current_hash.find(item.id);
    if (current == current_hash.end()) {
      ++update.added;
    } else if (current->second == hash) {
      continue;  // already this content (recorded below)
    } else if (!last || current->second == *last) {
      ++update.updated;  // unedited since the last shipped version (or from before this was recorded)
    } else {
      ++update.kept_local;
      update.kept_local_ids.push_back(item.id);
      continue;
    }
    to_import.push_back(item);
  }
  if (!to_import.empty()) engine.import_items(to_import);
  if (!offered.empty()) store.set_shipped_hashes(offered);
  return update;
}

}  // namespace mltprep
