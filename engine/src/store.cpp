#include "mltprep/store.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "bank_item.h"
#include "mltprep/bank.h"
#include "mltprep/error.h"
#include "session_json.h"
#include "store_schema.h"

namespace mltprep {
namespace {

// Wraps SQLite failures so every caller sees one error type naming the database.
template <typename Body>
auto guarded(const std::string& path, const std::string& what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorCode::storage, std::string("database ") + path + ": " + what + ": " + e.what());
  }
}

std::optional<TimeMs> optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

// An item from the body column, which only ever holds item_to_json's output.
// One plain parse, straight from SQLite's buffer: item_from_json's second pass
// for repeated keys is for text people type, and took a third of the time of
// loading the pool (docs/benchmarks.md). The body is still read with the
// stored-item rules; a damaged row goes through item_from_json after all, for
// its detailed error.
Item item_from_body(const SQLite::Column& column) {
  const char* text = column.getText();  // "" for NULL; SQLite wants the size asked for after the text
  const auto size = static_cast<std::size_t>(column.getBytes());
  const Json body = Json::parse(text, text + size, nullptr, /*allow_exceptions=*/false);
  if (body.is_object()) {
    std::vector<SourceProblem> problems;
    const auto id = body.find("id");
    const Reporter reporter(problems, "", id != body.end() && id->is_string() ? id->get<std::string>() : "");
    auto item = read_item(body, reporter, ItemRules::stored);
    if (item && problems.empty()) return std::move(*item);
  }
  return item_from_json(std::string(text, size));  // throws Error(invalid_input) saying what is wrong
}

// Re-importing a bank file must not undo a calibration: an item the file
// gives with provisional values, whose authored content is unchanged, keeps
// the current calibrated version. Changed content starts provisional again.
bool keeps_calibration(const Item& incoming, const Item& current) {
  return !incoming.parameters.calibrated && current.parameters.calibrated &&
         authored_content_hash(incoming) == authored_content_hash(current);
}

}  // namespace

// A cached prepared statement, its bindings cleared for this use and reset
// afterwards so no read stays open between calls.
class CachedStatement {
 public:
  explicit CachedStatement(SQLite::Statement& statement) : statement_(statement) {
    statement_.clearBindings();
  }
  ~CachedStatement() { statement_.tryReset(); }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  template <typename... Args>
  void bind(Args&&... args) {
    statement_.bind(std::forward<Args>(args)...);
  }
  bool executeStep() { return statement_.executeStep(); }
  int exec() { return statement_.exec(); }
  SQLite::Column getColumn(int index) { return statement_.getColumn(index); }
  int getChanges() const { return statement_.getChanges(); }
  void reset() { statement_.reset(); }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

// A StoredResponse from the columns position, version_id, choice, correct,
// answered_at, seconds_taken, starting at column `first`.
StoredResponse response_from(CachedStatement& row, int first = 0) {
  return {row.getColumn(first).getInt(),       row.getColumn(first + 1).getInt64(),
          row.getColumn(first + 2).getInt(),   row.getColumn(first + 3).getInt() != 0,
          row.getColumn(first + 4).getInt64(), row.getColumn(first + 5).getDouble()};
}

struct Store::Impl {
  std::string path;
  SQLite::Database db;
  // Prepared once per connection: preparing is a large share of a small query's cost.
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;

  CachedStatement prepare(const std::string& sql) {
    auto& slot = statements[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql);
    slot->tryReset();
    return CachedStatement(*slot);
  }

  explicit Impl(const std::string& database_path)
      : path(database_path),
        db(database_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {
    db.setBusyTimeout(5000);
    db.exec("PRAGMA foreign_keys = ON");
    if (database_path != ":memory:") {
      db.exec("PRAGMA journal_mode = WAL");
      // FULL: a committed answer survives power loss, not only a process crash.
      db.exec("PRAGMA synchronous = FULL");
    }
    migrate();
    check_usable();
  }

  // Refuses at opening what would otherwise fail at the first answer: a
  // database that fails SQLite's quick check, or one that cannot be written.
  void check_usable() {
    const std::string verdict = db.execAndGet("PRAGMA quick_check").getString();
    if (verdict != "ok") {
      throw Error(ErrorCode::storage, "database " + path + " fails SQLite's integrity check (" + verdict +
                                          "); restore a backup with `mltprep restore BACKUP`");
    }
    // SQLite falls back to read-only when the file cannot be opened for
    // writing, and in WAL mode a write lock does not touch the file: ask.
    if (sqlite3_db_readonly(db.getHandle(), "main") == 1) {
      throw Error(
          ErrorCode::storage,
          "database " + path + " cannot be written: check the permissions of the file and its folder");
    }
  }

  void migrate() {
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const int current = db.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_version").getInt();
    const auto& migrations = schema_migrations();
    if (current > static_cast<int>(migrations.size())) {
      throw Error(ErrorCode::storage, "database " + path + " has schema version " + std::to_string(current) +
                                          ", newer than this mltprep knows (" +
                                          std::to_string(migrations.size()) + "): upgrade mltprep");
    }
    for (int version = current + 1; version <= static_cast<int>(migrations.size()); ++version) {
      SQLite::Transaction transaction(db);
      db.exec(migrations[version - 1]);
      SQLite::Statement insert(db, "INSERT INTO schema_version (version) VALUES (?)");
      insert.bind(1, version);
      insert.exec();
      transaction.commit();
    }
  }

  std::int64_t student_id(const std::string& name, TimeMs now) {
    auto insert = prepare("INSERT OR IGNORE INTO students (name, created_at) VALUES (?, ?)");
    insert.bind(1, name);
    insert.bind(2, static_cast<std::int64_t>(now));
    insert.exec();
    auto query = prepare("SELECT student_id FROM students WHERE name = ?");
    query.bind(1, name);
    query.executeStep();
    return query.getColumn(0).getInt64();
  }

  void insert_served_item(const std::string& session_id, const ServedItem& item) {
    auto insert = prepare(
        "INSERT INTO session_items (session_id, position, version_id, area_id, served_at, "
        "flagged) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, session_id);
    insert.bind(2, item.position);
    insert.bind(3, item.version_id);
    insert.bind(4, item.area_id);
    insert.bind(5, static_cast<std::int64_t>(item.served_at));
    insert.bind(6, item.flagged ? 1 : 0);
    insert.exec();
  }

  void require_changed(const CachedStatement& statement, const std::string& what) {
    if (statement.getChanges() == 0) throw Error(ErrorCode::not_found, what);
  }
};

Store::Store(const std::string& path) {
  impl_ = guarded(path, "cannot open", [&] { return std::make_unique<Impl>(path); });
}

Store::~Store() = default;

void Store::backup_to(const std::string& out_path) const {
  guarded(impl_->path, "backing up to " + out_path, [&] {
    SQLite::Database copy(out_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(copy, impl_->db);
    backup.executeStep(-1);  // all pages in one step: a consistent snapshot, while others keep reading
  });
}

void Store::restore(const std::string& backup_path, const std::string& database_path) {
  try {
    // Checked as a database is checked at opening: a damaged backup is refused.
    SQLite::Database source(backup_path, SQLite::OPEN_READONLY);
    const std::string verdict = source.execAndGet("PRAGMA quick_check").getString();
    if (verdict != "ok") {
      throw Error(ErrorCode::invalid_input,
                  backup_path + " fails SQLite's integrity check (" + verdict + "); nothing was restored");
    }
    if (!source.tableExists("schema_version") || !source.tableExists("responses")) {
      throw Error(ErrorCode::invalid_input,
                  backup_path + " is not an mltprep database; nothing was restored");
    }
    // Into a file beside the database, then renamed over it: a failure leaves the database as it was.
    const std::string staged = database_path + ".restoring";
    std::remove(staged.c_str());
    SQLite::Database target(staged, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(target, source);
    backup.executeStep(-1);
  } catch (const SQLite::Exception& e) {
    std::remove((database_path + ".restoring").c_str());
    throw Error(ErrorCode::invalid_input, backup_path + ": " + e.what() + "; nothing was restored");
  }
  for (const char* suffix : {"-wal", "-shm"}) std::remove((database_path + suffix).c_str());
  if (std::rename((database_path + ".restoring").c_str(), database_path.c_str()) != 0) {
    throw Error(ErrorCode::storage, "cannot replace " + database_path + " with the restored copy");
  }
}

int Store::schema_version() { return static_cast<int>(schema_migrations().size()); }

ImportSummary Store::import_items(const std::vector<Item>& items) {
  return guarded(impl_->path, "importing items", [&] {
    ImportSummary summary;
    auto& db = impl_->db;
    SQLite::Transaction transaction(db);
    auto find =
        impl_->prepare("SELECT version, content_hash, body FROM items WHERE item_id = ? AND is_current = 1");
    auto retire = impl_->prepare("UPDATE items SET is_current = 0 WHERE item_id = ? AND is_current = 1");
    auto insert = impl_->prepare(
        "INSERT INTO items (item_id, version, content_hash, bank, discipline, body, "
        "is_current, imported_at) VALUES (?, ?, ?, ?, ?, ?, 1, strftime('%s','now') * 1000)");
    for (const auto& item : items) {
      const std::string hash = content_hash(item);
      int version = 1;
      find.bind(1, item.id);
      if (find.executeStep()) {
        if (find.getColumn(1).getString() == hash ||
            keeps_calibration(item, item_from_body(find.getColumn(2)))) {
          ++summary.unchanged;
          find.reset();
          continue;
        }
        version = find.getColumn(0).getInt() + 1;
      }
      find.reset();
      (version == 1 ? summary.added : summary.revised) += 1;
      retire.bind(1, item.id);
      retire.exec();
      retire.reset();
      insert.bind(1, item.id);
      insert.bind(2, version);
      insert.bind(3, hash);
      insert.bind(4, item.bank);
      insert.bind(5, item.discipline);
      insert.bind(6, item_to_json(item));
      insert.exec();
      insert.reset();
    }
    transaction.commit();
    return summary;
  });
}

std::vector<StoredItem> Store::current_items() const {
  return guarded(impl_->path, "reading items", [&] {
    std::vector<StoredItem> items;
    items.reserve(static_cast<std::size_t>(current_item_count()));
    // Read in table order ("+" keeps SQLite off the (is_current, item_id)
    // index) and sorted by id here. Through the index, rows of interleaved
    // ids hop between table pages, and a pool larger than SQLite's page cache
    // was read from disk about five times over (docs/benchmarks.md).
    auto query = impl_->prepare(
        "SELECT version_id, version, body, bank, "
        "EXISTS (SELECT 1 FROM retired_items r WHERE r.item_id = items.item_id) "
        "FROM items WHERE +is_current = 1 ORDER BY version_id");
    while (query.executeStep()) {
      StoredItem stored{query.getColumn(0).getInt64(), query.getColumn(1).getInt(),
                        item_from_body(query.getColumn(2))};
      stored.item.bank = query.getColumn(3).getString();
      stored.retired = query.getColumn(4).getInt() != 0;
      items.push_back(std::move(stored));
    }
    // Ids are unique among current items; std::string orders them bytewise,
    // as SQLite's BINARY collation did.
    std::sort(items.begin(), items.end(),
              [](const StoredItem& a, const StoredItem& b) { return a.item.id < b.item.id; });
    return items;
  });
}

StoredItem Store::item_version(std::int64_t version_id) const {
  return guarded(impl_->path, "reading an item", [&] {
    auto query = impl_->prepare("SELECT version, body, bank FROM items WHERE version_id = ?");
    query.bind(1, version_id);
    if (!query.executeStep()) {
      throw Error(ErrorCode::not_found, "no stored item version " + std::to_string(version_id));
    }
    StoredItem stored{version_id, query.getColumn(0).getInt(), item_from_body(query.getColumn(1))};
    stored.item.bank = query.getColumn(2).getString();
    return stored;
  });
}

int Store::current_item_count() const {
  return guarded(impl_->path, "counting items", [&] {
    return impl_->db.execAndGet("SELECT COUNT(*) FROM items WHERE is_current = 1").getInt();
  });
}

void Store::create_session(const SessionInfo& session, const std::vector<ServedItem>& items) {
  guarded(impl_->path, "creating a session", [&] {
    auto& db = impl_->db;
    SQLite::Transaction transaction(db);
    const auto student_id = impl_->student_id(session.student, session.started_at);
    auto insert = impl_->prepare(
        "INSERT INTO sessions (session_id, student_id, kind, blueprint_id, label, seed, "
        "item_count, settings, started_at, deadline_at, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, session.id);
    insert.bind(2, student_id);
    insert.bind(3, kind_name(session.kind));
    insert.bind(4, session.blueprint_id);
    insert.bind(5, session.label);
    insert.bind(6, static_cast<std::int64_t>(session.seed));
    insert.bind(7, session.item_count);
    insert.bind(8, session_settings_json(session));
    insert.bind(9, static_cast<std::int64_t>(session.started_at));
    if (session.deadline) {
      insert.bind(10, static_cast<std::int64_t>(*session.deadline));
    } else {
      insert.bind(10);
    }
    insert.bind(11, session.position);
    insert.exec();
    for (const auto& item : items) impl_->insert_served_item(session.id, item);
    transaction.commit();
  });
}

namespace {

constexpr const char* kSessionColumns =
    "SELECT s.session_id, st.name, s.kind, s.blueprint_id, s.label, s.seed, s.item_count, s.settings, "
    "s.started_at, s.deadline_at, s.finished_at, s.expired, s.position, "
    "(SELECT COUNT(*) FROM session_items i WHERE i.session_id = s.session_id), "
    "(SELECT COUNT(DISTINCT r.position) FROM responses r WHERE r.session_id = s.session_id) "
    "FROM sessions s JOIN students st ON st.student_id = s.student_id ";

SessionInfo session_from_row(SQLite::Statement& row) {
  SessionInfo session;
  session.id = row.getColumn(0).getString();
  session.student = row.getColumn(1).getString();
  session.kind = parse_kind(row.getColumn(2).getString()).value_or(SessionKind::drill);
  session.blueprint_id = row.getColumn(3).getString();
  session.label = row.getColumn(4).getString();
  session.seed = static_cast<std::uint64_t>(row.getColumn(5).getInt64());
  session.item_count = row.getColumn(6).getInt();
  read_session_settings(row.getColumn(7).getString(), session);
  session.started_at = row.getColumn(8).getInt64();
  session.deadline = optional_time(row.getColumn(9));
  session.finished_at = optional_time(row.getColumn(10));
  session.expired = row.getColumn(11).getInt() != 0;
  session.position = row.getColumn(12).getInt();
  session.served_count = row.getColumn(13).getInt();
  session.answered_count = row.getColumn(14).getInt();
  session.status = session.finished_at ? SessionStatus::finished : SessionStatus::in_progress;
  return session;
}

}  // namespace

SessionInfo Store::session(const std::string& session_id) const {
  return guarded(impl_->path, "reading a session", [&] {
    auto query = impl_->prepare(std::string(kSessionColumns) + "WHERE s.session_id = ?");
    query.bind(1, session_id);
    if (!query.executeStep()) throw Error(ErrorCode::not_found, "no session with id '" + session_id + "'");
    return session_from_row(*query);
  });
}

std::vector<SessionInfo> Store::sessions_of(const std::string& student) const {
  return guarded(impl_->path, "reading sessions", [&] {
    auto query = impl_->prepare(std::string(kSessionColumns) +
                                "WHERE st.name = ? ORDER BY s.started_at DESC, s.rowid DESC");
    query.bind(1, student);
    std::vector<SessionInfo> sessions;
    while (query.executeStep()) sessions.push_back(session_from_row(*query));
    return sessions;
  });
}

void Store::set_retired(const std::string& item_id, bool retired, TimeMs at) {
  guarded(impl_->path, retired ? "retiring an item" : "restoring an item", [&] {
    auto known = impl_->prepare("SELECT 1 FROM items WHERE item_id = ? LIMIT 1");
    known.bind(1, item_id);
    if (!known.executeStep()) throw Error(ErrorCode::not_found, "no item with id '" + item_id + "'");
    if (retired) {
      auto retire = impl_->prepare("INSERT OR IGNORE INTO retired_items (item_id, retired_at) VALUES (?, ?)");
      retire.bind(1, item_id);
      retire.bind(2, static_cast<std::int64_t>(at));
      retire.exec();
      return;
    }
    auto restore = impl_->prepare("DELETE FROM retired_items WHERE item_id = ?");
    restore.bind(1, item_id);
    restore.exec();
  });
}

std::optional<std::string> Store::shipped_hash(const std::string& item_id) const {
  return guarded(impl_->path, "reading shipped items", [&]() -> std::optional<std::string> {
    auto query = impl_->prepare("SELECT content_hash FROM shipped_items WHERE item_id = ?");
    query.bind(1, item_id);
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getString();
  });
}

void Store::set_shipped_hashes(const std::vector<std::pair<std::string, std::string>>& hashes) {
  guarded(impl_->path, "recording shipped items", [&] {
    SQLite::Transaction transaction(impl_->db);
    auto upsert = impl_->prepare(
        "INSERT INTO shipped_items (item_id, content_hash) VALUES (?, ?) "
        "ON CONFLICT (item_id) DO UPDATE SET content_hash = excluded.content_hash");
    for (const auto& [item_id, hash] : hashes) {
      upsert.bind(1, item_id);
      upsert.bind(2, hash);
      upsert.exec();
      upsert.reset();
    }
    transaction.commit();
  });
}

void Store::save_data_file(const std::string& kind, const std::string& key, const SourceFile& file,
                           TimeMs at) {
  guarded(impl_->path, "storing " + file.path, [&] {
    auto upsert = impl_->prepare(
        "INSERT INTO data_files (kind, key, path, body, imported_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (kind, key) DO UPDATE SET path = excluded.path, body = excluded.body, "
        "imported_at = excluded.imported_at");
    upsert.bind(1, kind);
    upsert.bind(2, key);
    upsert.bind(3, file.path);
    upsert.bind(4, file.text);
    upsert.bind(5, static_cast<std::int64_t>(at));
    upsert.exec();
  });
}

std::vector<SourceFile> Store::data_files(const std::string& kind) const {
  return guarded(impl_->path, "reading imported " + kind + " files", [&] {
    auto query =
        impl_->prepare("SELECT path, body FROM data_files WHERE kind = ? ORDER BY imported_at, rowid");
    query.bind(1, kind);
    std::vector<SourceFile> files;
    while (query.executeStep())
      files.push_back(SourceFile{query.getColumn(0).getString(), query.getColumn(1).getString()});
    return files;
  });
}

std::optional<std::string> Store::instructor_token_hash() const {
  return guarded(impl_->path, "reading the instructor token", [&]() -> std::optional<std::string> {
    auto query = impl_->prepare("SELECT token_hash FROM instructor_token WHERE id = 1");
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getString();
  });
}

void Store::set_instructor_token_hash(const std::string& hash, TimeMs at) {
  guarded(impl_->path, "storing the instructor token", [&] {
    auto upsert = impl_->prepare(
        "INSERT INTO instructor_token (id, token_hash, created_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at");
    upsert.bind(1, hash);
    upsert.bind(2, static_cast<std::int64_t>(at));
    upsert.exec();
  });
}

std::vector<SessionInfo> Store::all_sessions() const {
  return guarded(impl_->path, "reading sessions", [&] {
    auto query = impl_->prepare(std::string(kSessionColumns) + "ORDER BY s.started_at, s.rowid");
    std::vector<SessionInfo> sessions;
    while (query.executeStep()) sessions.push_back(session_from_row(*query));
    return sessions;
  });
}

std::vector<ServedItem> Store::served_items(const std::string& session_id) const {
  return guarded(impl_->path, "reading a session's items", [&] {
    auto query = impl_->prepare(
        "SELECT position, version_id, area_id, served_at, flagged FROM session_items "
        "WHERE session_id = ? ORDER BY position");
    query.bind(1, session_id);
    std::vector<ServedItem> items;
    while (query.executeStep()) {
      items.push_back({query.getColumn(0).getInt(), query.getColumn(1).getInt64(),
                       query.getColumn(2).getString(), query.getColumn(3).getInt64(),
                       query.getColumn(4).getInt() != 0});
    }
    return items;
  });
}

std::optional<ServedItem> Store::served_item(const std::string& session_id, int position) const {
  return guarded(impl_->path, "reading a session's item", [&]() -> std::optional<ServedItem> {
    auto query = impl_->prepare(
        "SELECT position, version_id, area_id, served_at, flagged FROM session_items "
        "WHERE session_id = ? AND position = ?");
    query.bind(1, session_id);
    query.bind(2, position);
    if (!query.executeStep()) return std::nullopt;
    return ServedItem{query.getColumn(0).getInt(), query.getColumn(1).getInt64(),
                      query.getColumn(2).getString(), query.getColumn(3).getInt64(),
                      query.getColumn(4).getInt() != 0};
  });
}

std::optional<StoredResponse> Store::latest_response(const std::string& session_id, int position) const {
  return guarded(impl_->path, "reading a response", [&]() -> std::optional<StoredResponse> {
    auto query = impl_->prepare(
        "SELECT position, version_id, choice, correct, answered_at, seconds_taken FROM responses "
        "WHERE session_id = ? AND position = ? ORDER BY response_id DESC LIMIT 1");
    query.bind(1, session_id);
    query.bind(2, position);
    if (!query.executeStep()) return std::nullopt;
    return response_from(query);
  });
}

std::optional<TimeMs> Store::last_answered_at(const std::string& session_id) const {
  return guarded(impl_->path, "reading responses", [&]() -> std::optional<TimeMs> {
    auto query = impl_->prepare("SELECT MAX(answered_at) FROM responses WHERE session_id = ?");
    query.bind(1, session_id);
    query.executeStep();
    return optional_time(query.getColumn(0));
  });
}

void Store::add_served_item(const std::string& session_id, const ServedItem& item) {
  guarded(impl_->path, "storing a served item", [&] { impl_->insert_served_item(session_id, item); });
}

std::vector<StoredResponse> Store::latest_responses(const std::string& session_id) const {
  return guarded(impl_->path, "reading responses", [&] {
    auto query = impl_->prepare(
        "SELECT position, version_id, choice, correct, answered_at, seconds_taken FROM responses "
        "WHERE response_id IN (SELECT MAX(response_id) FROM responses WHERE session_id = ? "
        "GROUP BY position) ORDER BY position");
    query.bind(1, session_id);
    std::vector<StoredResponse> responses;
    while (query.executeStep()) {
      responses.push_back(response_from(query));
    }
    return responses;
  });
}

std::vector<SessionResponse> Store::final_responses(TimeMs since) const {
  return guarded(impl_->path, "reading responses", [&] {
    auto query = impl_->prepare(
        "SELECT session_id, position, version_id, choice, correct, answered_at, seconds_taken FROM responses "
        "WHERE response_id IN (SELECT MAX(response_id) FROM responses GROUP BY session_id, position) "
        "AND answered_at >= ? ORDER BY session_id, position");
    query.bind(1, static_cast<std::int64_t>(since));
    std::vector<SessionResponse> responses;
    while (query.executeStep()) {
      responses.push_back({query.getColumn(0).getString(), response_from(query, 1)});
    }
    return responses;
  });
}

void Store::record_response(const std::string& session_id, const StoredResponse& response,
                            int next_position) {
  guarded(impl_->path, "recording an answer", [&] {
    auto& db = impl_->db;
    SQLite::Transaction transaction(db);
    auto insert = impl_->prepare(
        "INSERT INTO responses (session_id, position, version_id, choice, correct, answered_at, "
        "seconds_taken) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, session_id);
    insert.bind(2, response.position);
    insert.bind(3, response.version_id);
    insert.bind(4, response.choice);
    insert.bind(5, response.correct ? 1 : 0);
    insert.bind(6, static_cast<std::int64_t>(response.answered_at));
    insert.bind(7, response.seconds_taken);
    insert.exec();
    auto move = impl_->prepare("UPDATE sessions SET position = ? WHERE session_id = ?");
    move.bind(1, next_position);
    move.bind(2, session_id);
    move.exec();
    transaction.commit();
  });
}

void Store::set_position(const std::string& session_id, int position) {
  guarded(impl_->path, "moving in a session", [&] {
    auto update = impl_->prepare("UPDATE sessions SET position = ? WHERE session_id = ?");
    update.bind(1, position);
    update.bind(2, session_id);
    update.exec();
    impl_->require_changed(update, "no session with id '" + session_id + "'");
  });
}

void Store::set_flag(const std::string& session_id, int position, bool flagged) {
  guarded(impl_->path, "flagging an item", [&] {
    auto update =
        impl_->prepare("UPDATE session_items SET flagged = ? WHERE session_id = ? AND position = ?");
    update.bind(1, flagged ? 1 : 0);
    update.bind(2, session_id);
    update.bind(3, position);
    update.exec();
    impl_->require_changed(
        update, "no item at position " + std::to_string(position + 1) + " of session " + session_id);
  });
}

void Store::finish_session(const std::string& session_id, TimeMs finished_at, bool expired) {
  guarded(impl_->path, "finishing a session", [&] {
    auto update = impl_->prepare(
        "UPDATE sessions SET finished_at = ?, expired = ? WHERE session_id = ? AND finished_at IS NULL");
    update.bind(1, static_cast<std::int64_t>(finished_at));
    update.bind(2, expired ? 1 : 0);
    update.bind(3, session_id);
    update.exec();
  });
}

std::vector<std::string> Store::item_ids_seen_since(const std::string& student, TimeMs since) const {
  return guarded(impl_->path, "reading recent items", [&] {
    auto query = impl_->prepare(
        "SELECT DISTINCT it.item_id FROM session_items si "
        "JOIN sessions s ON s.session_id = si.session_id "
        "JOIN students st ON st.student_id = s.student_id "
        "JOIN items it ON it.version_id = si.version_id "
        "WHERE st.name = ? AND s.started_at >= ? ORDER BY it.item_id");
    query.bind(1, student);
    query.bind(2, static_cast<std::int64_t>(since));
    std::vector<std::string> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
    return ids;
  });
}

}  // namespace mltprep
