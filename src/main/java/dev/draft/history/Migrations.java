package dev.draft.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as the list of steps that build it: step K takes a database from {@code user_version}
 * K-1 to K. Only ever append to {@link #ALL}; a released step never changes, since databases out
 * there already ran it. Documented for users in {@code docs/history-schema.md}.
 */
final class Migrations {
  // The prompt words of a run: the contents of its messages, without the JSON around them, so a
  // search for "role" or "content" does not match every run.
  private static final String PROMPT_OF_NEW =
      "(SELECT group_concat(json_extract(m.value, '$.content'), char(10))"
          + " FROM json_each(new.messages) AS m)";
  private static final String PROMPT_OF_OLD = PROMPT_OF_NEW.replace("new.", "old.");

  private static final Migration V1_TABLES =
      Migration.sql(
          """
          CREATE TABLE runs (
            id                TEXT PRIMARY KEY,
            created_at        TEXT NOT NULL,
            template          TEXT,
            template_hash     TEXT,
            template_text     TEXT,
            variables         TEXT NOT NULL DEFAULT '{}',
            input             TEXT,
            input_ref         TEXT,
            input_hash        TEXT,
            input_chars       INTEGER,
            messages          TEXT NOT NULL,
            profile           TEXT,
            base_url          TEXT,
            model             TEXT,
            params            TEXT NOT NULL,
            method            TEXT,
            n                 INTEGER NOT NULL,
            parent_run        TEXT REFERENCES runs(id) ON DELETE SET NULL,
            parent_draft      INTEGER,
            kind              TEXT NOT NULL DEFAULT 'generate',
            prompt_tokens     INTEGER,
            completion_tokens INTEGER,
            cost_usd          REAL,
            pid               INTEGER,
            host              TEXT,
            finished_at       TEXT,
            picked            INTEGER
          )""",
          "CREATE INDEX runs_created_at ON runs(created_at)",
          // Deleting a run looks up its children to clear their parent_run.
          "CREATE INDEX runs_parent_run ON runs(parent_run)",
          """
          CREATE TABLE drafts (
            run_id            TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            idx               INTEGER NOT NULL,
            text              TEXT NOT NULL DEFAULT '',
            reasoning         TEXT,
            status            TEXT NOT NULL DEFAULT 'streaming',
            finish_reason     TEXT,
            error             TEXT,
            prompt_tokens     INTEGER,
            completion_tokens INTEGER,
            first_token_ms    INTEGER,
            total_ms          INTEGER,
            updated_at        TEXT,
            PRIMARY KEY (run_id, idx)
          )""",
          // Finding drafts left streaming by a dead process must not scan the whole table.
          "CREATE INDEX drafts_streaming ON drafts(run_id) WHERE status = 'streaming'",
          """
          CREATE TABLE events (
            id        INTEGER PRIMARY KEY,
            run_id    TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            draft_idx INTEGER,
            kind      TEXT NOT NULL,
            payload   TEXT,
            at        TEXT NOT NULL
          )""",
          "CREATE INDEX events_run_id ON events(run_id)");

  // Full-text search, kept in sync by triggers whoever writes the tables, with the text stored
  // once. Draft texts: an external-content table over drafts. Prompts and inputs: a contentless
  // table fed the message contents without their JSON (a view with json_each cannot serve as FTS5
  // content, and indexing the JSON would make "role" and "content" match every run). The Porter
  // stemmer lets "river" find "rivers".
  private static final Migration V1_SEARCH =
      Migration.sql(
          """
          CREATE VIRTUAL TABLE runs_fts USING fts5(
            prompt, input,
            content = '',
            tokenize = 'porter unicode61 remove_diacritics 2')""",
          """
          CREATE VIRTUAL TABLE drafts_fts USING fts5(
            text,
            content = 'drafts', content_rowid = 'rowid',
            tokenize = 'porter unicode61 remove_diacritics 2')""",
          "CREATE TRIGGER runs_fts_insert AFTER INSERT ON runs BEGIN"
              + " INSERT INTO runs_fts(rowid, prompt, input)"
              + (" VALUES (new.rowid, " + PROMPT_OF_NEW + ", new.input);")
              + " END",
          "CREATE TRIGGER runs_fts_delete AFTER DELETE ON runs BEGIN"
              + " INSERT INTO runs_fts(runs_fts, rowid, prompt, input)"
              + (" VALUES ('delete', old.rowid, " + PROMPT_OF_OLD + ", old.input);")
              + " END",
          "CREATE TRIGGER runs_fts_update AFTER UPDATE OF messages, input ON runs BEGIN"
              + " INSERT INTO runs_fts(runs_fts, rowid, prompt, input)"
              + (" VALUES ('delete', old.rowid, " + PROMPT_OF_OLD + ", old.input);")
              + " INSERT INTO runs_fts(rowid, prompt, input)"
              + (" VALUES (new.rowid, " + PROMPT_OF_NEW + ", new.input);")
              + " END",
          """
          CREATE TRIGGER drafts_fts_insert AFTER INSERT ON drafts BEGIN
            INSERT INTO drafts_fts(rowid, text) VALUES (new.rowid, new.text);
          END""",
          """
          CREATE TRIGGER drafts_fts_delete AFTER DELETE ON drafts BEGIN
            INSERT INTO drafts_fts(drafts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
          END""",
          """
          CREATE TRIGGER drafts_fts_update AFTER UPDATE OF text ON drafts BEGIN
            INSERT INTO drafts_fts(drafts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
            INSERT INTO drafts_fts(rowid, text) VALUES (new.rowid, new.text);
          END""");

  // Inputs over NewRun.INLINE_INPUT_LIMIT characters, each stored once whatever number of runs
  // use it, by the SHA-256 of its text (runs.input_hash). The messages of such a run hold the input
  // as a reference (JsonColumns), so a 50 MB input no longer fills the file twice over. Not indexed
  // for search: the FTS index of one would be as large as the text itself.
  private static final Migration V2_INPUTS =
      Migration.sql(
          """
          CREATE TABLE inputs (
            hash  TEXT PRIMARY KEY,
            text  TEXT NOT NULL,
            chars INTEGER NOT NULL
          )""");

  // The items of a batch run (kind 'batch'): one row per item the run finished, with the prompt it
  // sent and the draft it kept, so one batch is one run however many items it has.
  private static final Migration V3_BATCH_ITEMS =
      Migration.sql(
          """
          CREATE TABLE batch_items (
            run_id            TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            item_id           TEXT NOT NULL,
            status            TEXT NOT NULL,
            variables         TEXT NOT NULL DEFAULT '{}',
            messages          TEXT,
            text              TEXT,
            error             TEXT,
            prompt_tokens     INTEGER,
            completion_tokens INTEGER,
            at                TEXT NOT NULL,
            PRIMARY KEY (run_id, item_id)
          )""");

  /** Every step, in order. Version 1 is the first released schema. */
  static final List<Migration> ALL =
      List.of(
          connection -> {
            V1_TABLES.apply(connection);
            V1_SEARCH.apply(connection);
          },
          V2_INPUTS,
          V3_BATCH_ITEMS);

  private Migrations() {}

  /**
   * Runs the steps the database has not had, all in one transaction, and records the new version.
   *
   * @throws HistoryException when the database is newer than {@code steps}, or a step fails (the
   *     database is then left as it was)
   */
  static void bringUpToDate(Database database, List<Migration> steps) {
    int latest = steps.size();
    long found = database.read("read its schema version", Migrations::version);
    if (found == latest) {
      return;
    }
    requireKnown(database, found, latest);
    database.write(
        "upgrade its schema",
        c -> {
          // Read again under the write lock: another process may have just done the work.
          long current = version(c);
          requireKnown(database, current, latest);
          for (long version = current + 1; version <= latest; version++) {
            steps.get((int) version - 1).apply(c);
          }
          try (Statement statement = c.createStatement()) {
            statement.execute("PRAGMA user_version = " + latest);
          }
          return null;
        });
  }

  static long version(Connection c) throws SQLException {
    return Database.number(c, "PRAGMA user_version");
  }

  private static void requireKnown(Database database, long version, int latest) {
    if (version > latest) {
      throw new HistoryException(
          "the history "
              + database.file()
              + " has schema version "
              + version
              + ", newer than this draft knows ("
              + latest
              + "); upgrade draft, or move the file aside to start a new history");
    }
  }
}
