// SQLite storage of items, students, sessions and responses (docs/design.md,
// "Storage"). WAL mode, foreign keys on, every answer in its own transaction.
// REQUIRES: one Store per thread; a Store is not safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mltprep/item.h"
#include "mltprep/session.h"
#include "mltprep/source_file.h"

namespace mltprep {

struct StoredItem {
  std::int64_t version_id = 0;  // the row a response points at
  int version = 0;              // 1, 2, ... per item id
  Item item;
  bool retired = false;  // kept for past responses, no longer drawn
};

struct ImportSummary {
  int added = 0;      // ids not seen before
  int revised = 0;    // known ids whose content changed: a new version
  int unchanged = 0;  // same id, same content hash
};

struct ServedItem {
  int position = 0;
  std::int64_t version_id = 0;
  std::string area_id;  // the blueprint area it was drawn for ("" for drills)
  TimeMs served_at = 0;
  bool flagged = false;
};

struct StoredResponse {
  int position = 0;
  std::int64_t version_id = 0;
  int choice = 0;
  bool correct = false;
  TimeMs answered_at = 0;
  double seconds_taken = 0;
};

// A session's final answer at one position (its latest response), for item
// analysis and calibration.
struct SessionResponse {
  std::string session_id;
  StoredResponse response;
};

class Store {
 public:
  // Opens or creates the database at path (":memory:" for a private in-memory
  // one) and brings its schema up to date. Throws Error(storage) naming the path.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  static int schema_version();

  // A consistent copy of the database at `out_path` (SQLite's online backup),
  // safe while other connections read and write. Throws Error(storage).
  void backup_to(const std::string& out_path) const;
  // Replaces the database at `database_path` with a backup, after checking it
  // (PRAGMA quick_check, an mltprep schema): Error(invalid_input) naming the
  // backup when it fails, and the database is left as it was. REQUIRES: no
  // connection has the database open (stop the server first).
  static void restore(const std::string& backup_path, const std::string& database_path);

  // All or nothing: one transaction for the whole list.
  ImportSummary import_items(const std::vector<Item>& items);
  std::vector<StoredItem> current_items() const;  // retired ones too, marked
  StoredItem item_version(std::int64_t version_id) const;
  int current_item_count() const;
  // Throws Error(not_found) for an id never imported.
  void set_retired(const std::string& item_id, bool retired, TimeMs at);

  // The content hash of a shipped item's version last offered to this database.
  std::optional<std::string> shipped_hash(const std::string& item_id) const;
  // (item id, hash) pairs, in one transaction.
  void set_shipped_hashes(const std::vector<std::pair<std::string, std::string>>& hashes);

  // Taxonomy and blueprint files imported into this database, as imported
  // ("kind" is "taxonomy" or "blueprint"); a file with the same key replaces
  // the earlier one. Files come back in import order, path as imported.
  void save_data_file(const std::string& kind, const std::string& key, const SourceFile& file, TimeMs at);
  std::vector<SourceFile> data_files(const std::string& kind) const;

  // The SHA-256 of the instructor token, if one was issued.
  std::optional<std::string> instructor_token_hash() const;
  void set_instructor_token_hash(const std::string& hash, TimeMs at);

  void create_session(const SessionInfo& session, const std::vector<ServedItem>& items);
  SessionInfo session(const std::string& session_id) const;                // throws Error(not_found)
  std::vector<SessionInfo> sessions_of(const std::string& student) const;  // newest first
  std::vector<SessionInfo> all_sessions() const;                           // every student's, oldest first
  std::vector<ServedItem> served_items(const std::string& session_id) const;
  std::optional<ServedItem> served_item(const std::string& session_id, int position) const;
  void add_served_item(const std::string& session_id, const ServedItem& item);
  // The latest response at each answered position, by position.
  std::vector<StoredResponse> latest_responses(const std::string& session_id) const;
  std::optional<StoredResponse> latest_response(const std::string& session_id, int position) const;
  std::optional<TimeMs> last_answered_at(const std::string& session_id) const;
  // Every session's final answers given at or after `since`, by session and position.
  std::vector<SessionResponse> final_responses(TimeMs since) const;
  // Commits the response and the session's new position in one transaction.
  void record_response(const std::string& session_id, const StoredResponse& response, int next_position);
  void set_position(const std::string& session_id, int position);
  void set_flag(const std::string& session_id, int position, bool flagged);
  void finish_session(const std::string& session_id, TimeMs finished_at, bool expired);
  // Item ids served to the student in sessions started at or after `since`.
  std::vector<std::string> item_ids_seen_since(const std::string& student, TimeMs since) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mltprep
