// Synthetic banks for the benchmarks, in the forms the engine loads them.
#pragma once

#include <string>
#include <vector>

#include "mltprep/bank.h"
#include "mltprep/bundled.h"
#include "mltprep/discipline.h"
#include "mltprep/synthetic.h"

namespace mltprep::bench {

// Synthetic items renamed with their discipline's id prefix, so they pass bank validation.
inline std::vector<Item> valid_synthetic_items(int count) {
  SyntheticBankSpec spec;
  spec.item_count = count;
  auto items = make_synthetic_items(spec);
  for (auto& item : items)
    item.id = bundled_taxonomy().find(item.discipline)->id_prefix + "-" + item.id.substr(4);
  return items;
}

inline std::string bank_json(const std::vector<Item>& items) {
  std::string text = "{\"bank\": \"bench\", \"version\": \"1\", \"items\": [\n";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ",\n" : "") + item_to_json(items[i]);
  return text + "]}\n";
}

}  // namespace mltprep::bench
