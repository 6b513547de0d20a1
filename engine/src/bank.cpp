#include "mltprep/bank.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <iomanip>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "bank_item.h"
#include "json_fields.h"
#include "json_stream.h"
#include "json_text.h"
#include "mltprep/error.h"

namespace mltprep {
namespace {

// One item of a bank file, kept with its problems so that checks across
// files can add to them and the report stays in file order.
struct ItemEntry {
  std::string id;                   // as written, when a string
  std::string stem_key;             // comparison_key(stem), when a string
  std::string_view file;            // the path, which outlives the parse
  std::size_t index = 0;            // its position in the file's "items"
  std::string prefix;               // "items[3]." when the item has no id to name it by
  int line = 0;                     // the line of its "id"
  std::optional<std::size_t> item;  // its place in FileEntry::passed, when it passed its own checks
  std::vector<SourceProblem> problems;
};

struct FileEntry {
  std::optional<Bank> bank;             // set when the top level could be read
  std::vector<SourceProblem> problems;  // syntax, top-level fields, repeated keys
  std::deque<ItemEntry> items;          // a deque: growing it never copies the items read so far
  // The items that passed their own checks, already where the bank keeps them,
  // so that no item is ever held twice; those refused later are taken out.
  std::vector<Item> passed;
};

std::string string_member(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string location(const ItemEntry& entry) {
  const std::string file(entry.file);
  return entry.line > 0 ? file + ":" + std::to_string(entry.line) : file;
}

void add_problem(ItemEntry& entry, const std::string& field, const std::string& message) {
  SourceProblem problem;
  problem.file = entry.file;
  problem.item_id = entry.id;
  problem.field = entry.prefix + field;
  problem.message = message;
  problem.line = entry.line;
  entry.problems.push_back(std::move(problem));
}

// A key repeated inside an item was found while parsing, named from the
// file's root ("items[3].answer"); hand it to its item so that it names the
// item and refuses it.
void add_repeated_keys(ItemEntry& entry, std::vector<SourceProblem>& repeated_keys) {
  const auto index_prefix = "items[" + std::to_string(entry.index) + "].";
  for (auto& problem : repeated_keys) {
    if (!entry.id.empty() && problem.field.rfind(index_prefix, 0) == 0)
      problem.field.erase(0, index_prefix.size());  // "items[3].answer" -> "answer"
    problem.item_id = entry.id;
    problem.line = entry.line;
    entry.problems.push_back(std::move(problem));
  }
}

// Reads one item as soon as the parser has it; its JSON is freed afterwards.
ItemEntry read_entry(StreamedElement&& element, const std::string& path, const Taxonomy& taxonomy,
                     std::vector<Item>& passed) {
  const Json& object = element.value;
  ItemEntry entry;
  entry.file = path;
  entry.index = element.index;
  entry.id = string_member(object, "id");
  entry.stem_key = comparison_key(string_member(object, "stem"));
  if (entry.id.empty()) {
    entry.prefix = "items[" + std::to_string(element.index) + "].";
  } else {
    entry.line = element.id_line;
  }
  if (!object.is_object()) {
    entry.prefix.clear();
    add_problem(entry, "items[" + std::to_string(element.index) + "]",
                "an item must be an object, not " + json_type_phrase(object));
    return entry;
  }
  Reporter reporter(entry.problems, std::string(entry.file), entry.id, entry.line);
  reporter.prefix = entry.prefix;
  if (auto item = read_item(object, reporter, ItemRules::authored, &taxonomy)) {
    entry.item = passed.size();
    passed.push_back(std::move(*item));
  }
  add_repeated_keys(entry, element.repeated_keys);
  return entry;
}

void drop_items(FileEntry& entry) {
  entry.items.clear();
  entry.passed.clear();
}

// Where a bank file's JSON comes from: text in memory, or the file read in blocks.
using BankParser = std::function<std::optional<ParsedJson>(const ElementSink&, std::vector<SourceProblem>&)>;

FileEntry read_bank_file(const std::string& path, const Taxonomy& taxonomy, const BankParser& parse) {
  FileEntry entry;
  std::size_t items_array = 0;  // "items" written twice: as in a DOM, only the last array counts
  const ElementSink read_item_entry = [&](StreamedElement&& element) {
    if (element.array != items_array) drop_items(entry);
    items_array = element.array;
    entry.items.push_back(read_entry(std::move(element), path, taxonomy, entry.passed));
  };
  const auto parsed = parse(read_item_entry, entry.problems);
  if (!parsed) {
    drop_items(entry);  // read before the syntax error
    return entry;
  }
  const Json& root = parsed->root;
  const Reporter reporter(entry.problems, path);
  if (!root.is_object()) {
    reporter.report(
        "", "a bank file must be an object with bank, version and items, not " + json_type_phrase(root));
    return entry;
  }
  report_unknown_fields(root, {"$schema", "bank", "version", "items"}, reporter);
  const auto name = read_string(root, "bank", reporter);
  const auto version = read_string(root, "version", reporter);
  const Json* items = find_member(root, "items", reporter, Presence::required);
  if (items && !items->is_array())
    reporter.report("items", "must be an array of items, not " + json_type_phrase(*items));
  // The items read belong to an earlier "items" when the last one is no array or an empty one.
  if (!items || !items->is_array() || items_array + 1 != parsed->streamed_arrays) drop_items(entry);
  locate_file_level_problems(entry.problems, 0, parsed->key_lines);
  entry.bank = Bank{name.value_or(""), version.value_or(""), path, {}};
  for (auto& item : entry.passed) item.bank = entry.bank->name;
  return entry;
}

// The first item with each key; the keys point into the items, which stay put while it is used.
using FirstWith = std::unordered_map<std::string_view, const ItemEntry*>;

FirstWith first_with_table(const std::vector<FileEntry>& files) {
  std::size_t count = 0;
  for (const auto& file : files) count += file.items.size();
  FirstWith table;
  table.reserve(count);
  return table;
}

// Ids are unique across all banks (docs/design.md, "Bank format"); the first use keeps its id, later ones are
// refused.
void check_unique_ids(std::vector<FileEntry>& files) {
  auto first_with = first_with_table(files);
  for (auto& file : files) {
    for (auto& item : file.items) {
      if (item.id.empty()) continue;
      const auto [earlier, inserted] = first_with.emplace(item.id, &item);
      if (!inserted) add_problem(item, "id", "already used by the item at " + location(*earlier->second));
    }
  }
}

// Two identical stems are one question entered twice, however they are spaced or capitalised.
void check_unique_stems(std::vector<FileEntry>& files) {
  auto first_with = first_with_table(files);
  for (auto& file : files) {
    for (auto& item : file.items) {
      if (item.stem_key.empty()) continue;
      const auto [earlier, inserted] = first_with.emplace(item.stem_key, &item);
      if (inserted) continue;
      const auto& other = *earlier->second;
      const std::string named = other.id.empty() ? "an item" : "item " + other.id;
      add_problem(item, "stem",
                  "same stem as " + named + " at " + location(other) + " (ignoring case and spacing)");
    }
  }
}

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64-bit offset basis
  for (unsigned char byte : text) {
    hash ^= byte;
    hash *= 1099511628211ULL;  // FNV 64-bit prime
  }
  std::ostringstream hex;
  hex << std::hex << std::setw(16) << std::setfill('0') << hash;
  return hex.str();
}

// `items` less those not marked in `keep`, in the same order, without copying them.
std::vector<Item> keep_only(std::vector<Item> items, const std::vector<bool>& keep) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!keep[i]) continue;
    if (kept != i) items[kept] = std::move(items[i]);
    ++kept;
  }
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(kept), items.end());
  return items;
}

// The checks across files, then every problem in file order and the items that passed.
BankSet checked_banks(std::vector<FileEntry>& entries) {
  check_unique_ids(entries);
  check_unique_stems(entries);
  BankSet set;
  for (auto& entry : entries) {
    set.problems.insert(set.problems.end(), entry.problems.begin(), entry.problems.end());
    std::vector<bool> keep(entry.passed.size(), false);
    for (const auto& item : entry.items) {
      set.problems.insert(set.problems.end(), item.problems.begin(), item.problems.end());
      if (item.item && item.problems.empty()) keep[*item.item] = true;
    }
    entry.items.clear();
    if (!entry.bank) continue;
    entry.bank->items = keep_only(std::move(entry.passed), keep);
    set.banks.push_back(std::move(*entry.bank));
  }
  return set;
}

}  // namespace

std::vector<Item> BankSet::all_items() const {
  std::vector<Item> items;
  for (const auto& bank : banks) items.insert(items.end(), bank.items.begin(), bank.items.end());
  return items;
}

BankSet parse_banks(const std::vector<SourceFile>& files, const Taxonomy& taxonomy) {
  std::vector<FileEntry> entries;
  entries.reserve(files.size());
  for (const auto& file : files) {
    entries.push_back(
        read_bank_file(file.path, taxonomy, [&file](const ElementSink& on_item, auto& problems) {
          return parse_json_stream(file, "items", on_item, problems);
        }));
  }
  return checked_banks(entries);
}

BankSet parse_bank_files(const std::vector<std::string>& paths, const Taxonomy& taxonomy) {
  std::vector<FileEntry> entries;
  entries.reserve(paths.size());
  for (const auto& path : paths) {
    entries.push_back(read_bank_file(path, taxonomy, [&path](const ElementSink& on_item, auto& problems) {
      return parse_json_file_stream(path, "items", on_item, problems);
    }));
  }
  return checked_banks(entries);
}

std::string content_hash(const Item& item) {
  // nlohmann::json keeps object keys sorted, so the dump is canonical
  // whatever order item_json() writes them in.
  const Json canonical = item_json(item);
  return fnv1a_hex(canonical.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::string authored_content_hash(const Item& item) {
  Item authored = item;
  authored.parameters = ItemParameters{};
  return content_hash(authored);
}

std::string item_to_json(const Item& item) {
  return item_json(item).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string bank_file_text(const std::string& bank_name, const std::string& version,
                           const std::vector<Item>& items) {
  nlohmann::ordered_json bank;
  bank["bank"] = bank_name;
  bank["version"] = version;
  bank["items"] = nlohmann::ordered_json::array();
  for (const auto& item : items) bank["items"].push_back(item_json(item));
  return bank.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Item item_from_json(const std::string& json_text) {
  std::vector<SourceProblem> problems;
  const auto parsed = parse_json_source(SourceFile{"item JSON", json_text}, problems);
  if (parsed) {
    const Reporter reporter(problems, "", string_member(*parsed, "id"));
    auto item = read_item(*parsed, reporter, ItemRules::stored);
    if (item && problems.empty()) return std::move(*item);
  }
  const std::string reason = problems.empty() ? "unreadable" : describe(problems.front());
  throw Error(ErrorCode::invalid_input, "malformed item: " + reason);
}

}  // namespace mltprep
