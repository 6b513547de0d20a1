// One bank item: read from JSON with every problem reported, and written back.
// Private to the engine (includes nlohmann).
#pragma once

#include <optional>

#include "json_fields.h"
#include "mltprep/discipline.h"
#include "mltprep/item.h"

namespace mltprep {

// Authored items (bank files) must follow the authoring rules of docs/item-writing.md and docs/formats.md:
// id prefix, 3-6 distinct options, non-empty text, a reference, b within ±6.
// Stored items (the store's JSON bodies, synthetic items) need only be
// well-formed: right types, known vocabularies, the answer among the options.
enum class ItemRules { authored, stored };

// The item in `object`, or nullopt after reporting every problem through `reporter`.
// Authored items name a discipline of `taxonomy` and carry its id prefix;
// stored ones (taxonomy nullptr) were checked when they were imported.
std::optional<Item> read_item(const Json& object, const Reporter& reporter, ItemRules rules,
                              const Taxonomy* taxonomy = nullptr);

// The item in bank format, fields in authoring order; "irt" only when calibrated.
nlohmann::ordered_json item_json(const Item& item);

}  // namespace mltprep
