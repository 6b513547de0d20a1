// The database schema as numbered migrations; Store applies the ones a
// database has not seen yet, each in its own transaction.
#pragma once

#include <vector>

namespace mltprep {

inline const std::vector<const char*>& schema_migrations() {
  static const std::vector<const char*> migrations = {
      // 1: items with versions, students, sessions, served items, responses.
      R"sql(
CREATE TABLE items (
  version_id   INTEGER PRIMARY KEY,
  item_id      TEXT NOT NULL,
  version      INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  bank         TEXT NOT NULL,
  discipline   TEXT NOT NULL,
  body         TEXT NOT NULL,          -- the item in bank JSON format
  is_current   INTEGER NOT NULL DEFAULT 1,
  imported_at  INTEGER NOT NULL,       -- ms since epoch, UTC
  UNIQUE (item_id, version)
);
CREATE INDEX items_current ON items (is_current, item_id);

CREATE TABLE students (
  student_id INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  session_id   TEXT PRIMARY KEY,       -- long random token
  student_id   INTEGER NOT NULL REFERENCES students (student_id),
  kind         TEXT NOT NULL,
  blueprint_id TEXT NOT NULL,
  label        TEXT NOT NULL,
  seed         INTEGER NOT NULL,       -- the uint64 seed's bits
  item_count   INTEGER NOT NULL,
  settings     TEXT NOT NULL,          -- JSON: filter, time multiplier, recent items
  started_at   INTEGER NOT NULL,
  deadline_at  INTEGER,
  finished_at  INTEGER,
  expired      INTEGER NOT NULL DEFAULT 0,
  position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_student ON sessions (student_id, started_at);

CREATE TABLE session_items (
  session_id TEXT NOT NULL REFERENCES sessions (session_id),
  position   INTEGER NOT NULL,
  version_id INTEGER NOT NULL REFERENCES items (version_id),
  area_id    TEXT NOT NULL,
  served_at  INTEGER NOT NULL,
  flagged    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, position)
);

CREATE TABLE responses (
  response_id   INTEGER PRIMARY KEY,
  session_id    TEXT NOT NULL,
  position      INTEGER NOT NULL,
  version_id    INTEGER NOT NULL REFERENCES items (version_id),
  choice        INTEGER NOT NULL,
  correct       INTEGER NOT NULL,
  answered_at   INTEGER NOT NULL,
  seconds_taken REAL NOT NULL,
  FOREIGN KEY (session_id, position) REFERENCES session_items (session_id, position)
);
CREATE INDEX responses_by_session ON responses (session_id, position, response_id);
)sql",
      // 2: instructors: retired items (kept for past responses, no longer
      // drawn) and the hash of the instructor token.
      R"sql(
CREATE TABLE retired_items (
  item_id    TEXT PRIMARY KEY,
  retired_at INTEGER NOT NULL
);
CREATE TABLE instructor_token (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  token_hash TEXT NOT NULL,            -- SHA-256 hex; the token itself is never stored
  created_at INTEGER NOT NULL
);
)sql",
      // 3: the shipped banks: the content hash of each shipped item as last
      // offered to this database, so an upgrade updates what nobody edited.
      R"sql(
CREATE TABLE shipped_items (
  item_id      TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL
);
)sql",
      // 4: exams as data: taxonomy and blueprint files imported with banks,
      // loaded beside the bundled ones whenever the database is opened.
      R"sql(
CREATE TABLE data_files (
  kind        TEXT NOT NULL,           -- "taxonomy" or "blueprint"
  key         TEXT NOT NULL,           -- a blueprint's id; a taxonomy file's content hash
  path        TEXT NOT NULL,           -- where it was imported from, for messages
  body        TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
);
)sql",
  };
  return migrations;
}

}  // namespace mltprep
