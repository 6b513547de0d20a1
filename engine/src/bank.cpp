#include "mltprep/bank.h"

#include <cstdint>
#include <cstdio>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

#include "bank_item.h"
#include "json_fields.h"
#include "json_text.h"
#include "mltprep/error.h"

namespace mltprep {
namespace {

// Nesting depth of an item's members: top-level object, "items" array, item object.
constexpr int kItemDepth = 3;

// One item of a bank file, kept with its problems so that checks across
// files can add to them and the report stays in file order.
struct ItemEntry {
  std::string id;        // as written, when a string
  std::string stem_key;  // comparison_key(stem), when a string
  std::string file;
  std::string prefix;        // "items[3]." when the item has no id to name it by
  int line = 0;              // the line of its "id"
  std::optional<Item> item;  // set when the item passed its own checks
  std::vector<SourceProblem> problems;
};

struct FileEntry {
  std::optional<Bank> bank;             // set when the top level could be read
  std::vector<SourceProblem> problems;  // syntax, top-level fields, repeated keys
  std::vector<ItemEntry> items;
};

std::string string_member(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string location(const ItemEntry& entry) {
  return entry.line > 0 ? entry.file + ":" + std::to_string(entry.line) : entry.file;
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

// `seen_ids` counts each id's earlier occurrences in this file, so that a
// duplicated id still finds its own line.
ItemEntry read_entry(const Json& object, std::size_t index, const SourceFile& file, const JsonKeyLines& lines,
                     std::map<std::string, int>& seen_ids, const std::string& bank_name) {
  ItemEntry entry;
  entry.file = file.path;
  entry.id = string_member(object, "id");
  entry.stem_key = comparison_key(string_member(object, "stem"));
  if (entry.id.empty()) {
    entry.prefix = "items[" + std::to_string(index) + "].";
  } else {
    entry.line = lines.line_of_member("id", entry.id, kItemDepth, seen_ids[entry.id]++);
  }
  if (!object.is_object()) {
    entry.prefix.clear();
    add_problem(entry, "items[" + std::to_string(index) + "]",
                "an item must be an object, not " + json_type_phrase(object));
    return entry;
  }
  Reporter reporter(entry.problems, entry.file, entry.id, entry.line);
  reporter.prefix = entry.prefix;
  entry.item = read_item(object, reporter, ItemRules::authored);
  if (entry.item) entry.item->bank = bank_name;
  return entry;
}

// A key repeated inside an item was found while parsing, before the item was
// known; hand the problem to its item so that it names the item and refuses it.
void attach_repeated_keys(FileEntry& entry) {
  std::vector<SourceProblem> file_level;
  for (auto& problem : entry.problems) {
    std::size_t index = 0;
    int end = 0;
    if (std::sscanf(problem.field.c_str(), "items[%zu]%n", &index, &end) != 1 || end == 0 ||
        index >= entry.items.size()) {
      file_level.push_back(std::move(problem));
      continue;
    }
    auto& item = entry.items[index];
    if (!item.id.empty())
      problem.field.erase(0, static_cast<std::size_t>(end) + 1);  // "items[3].answer" -> "answer"
    problem.item_id = item.id;
    problem.line = item.line;
    item.problems.push_back(std::move(problem));
  }
  entry.problems = std::move(file_level);
}

FileEntry read_bank_file(const SourceFile& file) {
  FileEntry entry;
  const auto root = parse_json_source(file, entry.problems);
  if (!root) return entry;
  const Reporter reporter(entry.problems, file.path);
  if (!root->is_object()) {
    reporter.report(
        "", "a bank file must be an object with bank, version and items, not " + json_type_phrase(*root));
    return entry;
  }
  const JsonKeyLines lines(file.text);
  report_unknown_fields(*root, {"$schema", "bank", "version", "items"}, reporter);
  const auto name = read_string(*root, "bank", reporter);
  const auto version = read_string(*root, "version", reporter);
  const Json* items = find_member(*root, "items", reporter, Presence::required);
  if (items && !items->is_array())
    reporter.report("items", "must be an array of items, not " + json_type_phrase(*items));
  locate_file_level_problems(entry.problems, 0, lines);
  entry.bank = Bank{name.value_or(""), version.value_or(""), file.path, {}};
  if (!items || !items->is_array()) return entry;
  std::map<std::string, int> seen_ids;
  for (std::size_t i = 0; i < items->size(); ++i) {
    entry.items.push_back(read_entry((*items)[i], i, file, lines, seen_ids, entry.bank->name));
  }
  attach_repeated_keys(entry);
  return entry;
}

// Ids are unique across all banks (DESIGN.md); the first use keeps its id, later ones are refused.
void check_unique_ids(std::vector<FileEntry>& files) {
  std::map<std::string, const ItemEntry*> first_with;
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
  std::map<std::string, const ItemEntry*> first_with;
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

}  // namespace

std::vector<Item> BankSet::all_items() const {
  std::vector<Item> items;
  for (const auto& bank : banks) items.insert(items.end(), bank.items.begin(), bank.items.end());
  return items;
}

BankSet parse_banks(const std::vector<SourceFile>& files) {
  std::vector<FileEntry> entries;
  entries.reserve(files.size());
  for (const auto& file : files) entries.push_back(read_bank_file(file));
  check_unique_ids(entries);
  check_unique_stems(entries);

  BankSet set;
  for (auto& entry : entries) {
    set.problems.insert(set.problems.end(), entry.problems.begin(), entry.problems.end());
    for (auto& item : entry.items) {
      set.problems.insert(set.problems.end(), item.problems.begin(), item.problems.end());
      if (entry.bank && item.item && item.problems.empty())
        entry.bank->items.push_back(std::move(*item.item));
    }
    if (entry.bank) set.banks.push_back(std::move(*entry.bank));
  }
  return set;
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

std::string bank_file_text(const std::string& bank_name, const std::string& version, const std::vector<Item>& items) {
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
