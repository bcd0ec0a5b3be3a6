package dev.draft.history;

import static dev.draft.history.Database.bind;
import static dev.draft.history.Database.longOrNull;
import static dev.draft.history.Database.update;

import dev.draft.client.RedactedUrl;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.text.IoProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run history in one SQLite file. Runs are written as they happen ({@link #startRun} before the
 * first request, {@link #saveProgress} while drafts stream, {@link #finishDraft} and {@link
 * #finishRun} at the end), so whatever stops a run leaves its partial drafts behind; a draft whose
 * process is gone reads as {@link DraftStatus#INTERRUPTED}, never as complete.
 *
 * <p>Safe for several threads (they take turns on one connection) and for several processes on the
 * same file (WAL journal, a 10 s busy timeout, write transactions that take the write lock up front
 * and are retried when the file stays busy).
 */
public final class HistoryStore implements AutoCloseable {
  /** The error of a draft whose process ended while it was streaming. */
  public static final String PROCESS_ENDED = "the process ended before the draft finished";

  /** The error of a draft still streaming when its run was finished. */
  public static final String RUN_ENDED = "the run finished before the draft did";

  private static final Set<String> EVENT_KINDS =
      Set.of("pick", "star", "edit", "judge", "discard", "notes", "batch");

  private final Database database;

  private HistoryStore(Database database) {
    this.database = database;
  }

  /**
   * Opens the history at {@code dbFile}, creating it (and its directories) readable by the owner
   * only, and brings its schema up to date.
   *
   * @throws HistoryException when the file cannot be created or opened, is not a history, or was
   *     written by a newer version of draft
   */
  public static HistoryStore open(Path dbFile) {
    return open(dbFile, Migrations.ALL);
  }

  static HistoryStore open(Path dbFile, List<Migration> migrations) {
    Path file = dbFile.toAbsolutePath();
    if (readOnlyPlace(file)) {
      return openReadOnly(file, migrations);
    }
    try {
      OwnerOnlyFiles.create(file);
    } catch (IOException e) {
      throw new HistoryException(
          "cannot create the history file " + file + ": " + IoProblems.reason(e), e);
    }
    Database database = Database.open(file);
    try {
      Migrations.bringUpToDate(database, migrations);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    // SQLite gives these the mode of the database file already; this mends files made before.
    OwnerOnlyFiles.restrict(Path.of(file + "-wal"));
    OwnerOnlyFiles.restrict(Path.of(file + "-shm"));
    return new HistoryStore(database);
  }

  /**
   * Opens an existing history for reading only: nothing in the file or beside it is changed (no
   * schema upgrade, no journal, drafts left streaming by a dead process are shown as they are, not
   * marked), and every write fails with a message saying the history is read-only. {@link
   * #open(Path)} does this by itself when the file or its directory cannot be written, as on a
   * read-only file system.
   *
   * @throws HistoryException when there is no history there, or its schema needs an upgrade (which
   *     would write)
   */
  public static HistoryStore openReadOnly(Path dbFile) {
    return openReadOnly(dbFile.toAbsolutePath(), Migrations.ALL);
  }

  static HistoryStore openReadOnly(Path file, List<Migration> migrations) {
    if (!Files.isRegularFile(file)) {
      throw new HistoryException(
          "there is no history at " + file + " (and it cannot be created there: read-only)");
    }
    Database database = Database.openReadOnly(file);
    try {
      long version = database.read("read its schema version", Migrations::version);
      if (version != migrations.size()) {
        throw new HistoryException(
            "the history "
                + file
                + (version > migrations.size()
                    ? " was written by a newer draft (schema version "
                        + version
                        + "); upgrade draft"
                    : " needs an upgrade of its schema (version "
                        + version
                        + " to "
                        + migrations.size()
                        + "), but it is read-only here; make it and its directory writable and"
                        + " run draft once"));
      }
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return new HistoryStore(database);
  }

  /**
   * Whether the history file exists but cannot be written here, or its directory cannot (SQLite
   * writes its journal beside it): a read-only file system, or another user's files.
   */
  private static boolean readOnlyPlace(Path file) {
    Path parent = file.getParent();
    return Files.isRegularFile(file)
        && (!Files.isWritable(file) || (parent != null && !Files.isWritable(parent)));
  }

  /** Whether this store only reads ({@link #openReadOnly}). */
  public boolean readOnly() {
    return database.readOnly();
  }

  /** The database file. */
  public Path file() {
    return database.file();
  }

  /**
   * Records a run before its first request: the run row and one {@code streaming} row per draft,
   * with empty text, so that a crash from here on leaves them to be found.
   *
   * @throws HistoryException when the id is already taken or the parent run is unknown
   */
  public void startRun(NewRun run) {
    String now = Timestamps.format(Instant.now());
    database.write(
        "record run " + run.id(),
        c -> {
          if (run.parentRun() != null && !RunRows.exists(c, run.parentRun())) {
            throw new HistoryException(
                "cannot record run "
                    + run.id()
                    + ": its parent run "
                    + run.parentRun()
                    + " is not in the history");
          }
          if (RunRows.exists(c, run.id())) {
            throw new HistoryException(
                "cannot record run " + run.id() + ": a run with that id is already in the history");
          }
          // A long input is stored once, apart, and the messages refer to it (JsonColumns).
          String apart = run.inputStoredApart() ? run.input() : null;
          if (apart != null
              && Database.strings(c, "SELECT hash FROM inputs WHERE hash = ?", run.inputHash())
                  .isEmpty()) {
            update(
                c,
                "INSERT INTO inputs (hash, text, chars) VALUES (?, ?, ?)",
                run.inputHash(),
                apart,
                run.inputChars());
          }
          update(
              c,
              "INSERT INTO runs (id, created_at, template, template_hash, template_text, variables,"
                  + " input, input_ref, input_hash, input_chars, messages, profile, base_url, model,"
                  + " params, method, n, parent_run, parent_draft, kind, pid, host)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              run.id(),
              Timestamps.format(run.createdAt()),
              run.template(),
              run.templateHash(),
              run.templateText(),
              JsonColumns.variables(run.variables()),
              apart == null ? run.input() : null,
              run.inputRef(),
              run.inputHash(),
              run.inputChars(),
              JsonColumns.messages(run.messages(), apart),
              run.profile(),
              run.baseUrl(),
              run.model(),
              JsonColumns.params(run.params()),
              run.method(),
              run.n(),
              run.parentRun(),
              run.parentDraft(),
              run.kind(),
              run.pid(),
              run.host());
          try (PreparedStatement draft =
              c.prepareStatement(
                  "INSERT INTO drafts (run_id, idx, text, status, updated_at)"
                      + " VALUES (?, ?, '', 'streaming', ?)")) {
            // A batch keeps its items in batch_items, not as drafts of the run.
            int drafts = "batch".equals(run.kind()) ? 0 : run.n();
            for (int index = 1; index <= drafts; index++) {
              bind(draft, run.id(), index, now);
              draft.addBatch();
            }
            draft.executeBatch();
          }
          return null;
        });
  }

  /**
   * Saves the text a draft has so far. Meant to be called about once a second per streaming draft;
   * it is one small update. A draft that is no longer streaming is left alone.
   */
  public void saveProgress(String runId, int index, String text, String reasoning) {
    String now = Timestamps.format(Instant.now());
    database.write(
        "save draft " + runId + "/" + index,
        c ->
            update(
                c,
                "UPDATE drafts SET text = ?, reasoning = ?, updated_at = ?"
                    + " WHERE run_id = ? AND idx = ? AND status = 'streaming'",
                text == null ? "" : text,
                reasoning,
                now,
                runId,
                index));
  }

  /**
   * Records how a draft ended: its whole text, status, usage and timings.
   *
   * @param firstTokenMs milliseconds from the request to the first token, or null
   * @param totalMs milliseconds from the request to the end, or null
   * @throws HistoryException when the run is unknown
   */
  public void finishDraft(String runId, Draft draft, Long firstTokenMs, Long totalMs) {
    String now = Timestamps.format(Instant.now());
    Usage usage = draft.usage();
    database.write(
        "save draft " + runId + "/" + draft.index(),
        c -> {
          requireRun(c, runId);
          // An upsert, so a draft beyond the N planned (a retry, an extra) is kept too.
          return update(
              c,
              "INSERT INTO drafts (run_id, idx, text, reasoning, status, finish_reason, error,"
                  + " prompt_tokens, completion_tokens, first_token_ms, total_ms, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (run_id, idx) DO UPDATE SET text = excluded.text,"
                  + " reasoning = excluded.reasoning, status = excluded.status,"
                  + " finish_reason = excluded.finish_reason, error = excluded.error,"
                  + " prompt_tokens = excluded.prompt_tokens,"
                  + " completion_tokens = excluded.completion_tokens,"
                  + " first_token_ms = excluded.first_token_ms, total_ms = excluded.total_ms,"
                  + " updated_at = excluded.updated_at",
              runId,
              draft.index(),
              draft.text() == null ? "" : draft.text(),
              draft.reasoning(),
              DraftStatus.of(draft.status()).label(),
              draft.finishReason(),
              RedactedUrl.inText(draft.error()),
              usage == null ? null : usage.promptTokens(),
              usage == null ? null : usage.completionTokens(),
              firstTokenMs,
              totalMs,
              now);
        });
  }

  /**
   * Records the end of a run: its total usage, cost and how the candidates were obtained. A draft
   * still {@code streaming} now never finished, and is marked interrupted ({@link #RUN_ENDED}).
   *
   * @param costUsd the cost, or null when prices are unknown
   * @param method {@code native}, {@code fan-out}, {@code mixed} or {@code single}, or null to keep
   *     the one given at the start
   * @throws HistoryException when the run is unknown
   */
  public void finishRun(String runId, Usage total, Double costUsd, String method) {
    if (method != null) {
      NewRun.requireOneOf("method", method, NewRun.METHODS);
    }
    String now = Timestamps.format(Instant.now());
    database.write(
        "finish run " + runId,
        c -> {
          requireRun(c, runId);
          update(
              c,
              "UPDATE runs SET prompt_tokens = ?, completion_tokens = ?, cost_usd = ?,"
                  + " method = coalesce(?, method), finished_at = ? WHERE id = ?",
              total == null ? null : total.promptTokens(),
              total == null ? null : total.completionTokens(),
              costUsd,
              method,
              now,
              runId);
          return update(
              c,
              "UPDATE drafts SET status = 'interrupted', error = coalesce(error, ?), updated_at = ?"
                  + " WHERE run_id = ? AND status = 'streaming'",
              RUN_ENDED,
              now,
              runId);
        });
  }

  /**
   * Records something the user did with a run.
   *
   * @param draftIdx the draft it concerns, or null for the whole run
   * @param kind {@code pick}, {@code star}, {@code edit}, {@code judge} or {@code discard}
   * @param payloadJson a JSON document, or null
   * @return the event's id
   * @throws IllegalArgumentException for an unknown kind or a payload that is not JSON
   * @throws HistoryException when the run is unknown
   */
  public long addEvent(String runId, Integer draftIdx, String kind, String payloadJson) {
    NewRun.requireOneOf("event kind", kind, EVENT_KINDS);
    if (payloadJson != null) {
      JsonColumns.requireJson(payloadJson);
    }
    String now = Timestamps.format(Instant.now());
    return database.write(
        "record an event of run " + runId,
        c -> {
          requireRun(c, runId);
          update(
              c,
              "INSERT INTO events (run_id, draft_idx, kind, payload, at) VALUES (?, ?, ?, ?, ?)",
              runId,
              draftIdx,
              kind,
              payloadJson,
              now);
          return Database.number(c, "SELECT last_insert_rowid()");
        });
  }

  /**
   * Records finished items of a batch run, all in one transaction: a batch of thousands of items
   * writes them as they finish, a few dozen at a time, not one transaction each.
   *
   * @throws HistoryException when the run is unknown
   */
  public void addBatchItems(String runId, List<BatchItemRow> items) {
    if (items.isEmpty()) {
      return;
    }
    database.write(
        "record items of batch " + runId,
        c -> {
          requireRun(c, runId);
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO batch_items (run_id, item_id, status, variables,"
                      + " messages, text, error, prompt_tokens, completion_tokens, at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (BatchItemRow item : items) {
              bind(
                  insert,
                  runId,
                  item.itemId(),
                  item.status(),
                  JsonColumns.variables(item.variables()),
                  item.messages() == null ? null : JsonColumns.messages(item.messages()),
                  item.text(),
                  item.error(),
                  item.usage() == null ? null : item.usage().promptTokens(),
                  item.usage() == null ? null : item.usage().completionTokens(),
                  Timestamps.format(item.at()));
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  /** How many items of batch run {@code runId} ended with each status, e.g. complete → 28. */
  public Map<String, Long> batchCounts(String runId) {
    return database.read(
        "count items of batch " + runId,
        c -> {
          Map<String, Long> counts = new TreeMap<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT status, count(*) FROM batch_items WHERE run_id = ? GROUP BY status")) {
            bind(select, runId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
              }
            }
          }
          return counts;
        });
  }

  /**
   * Items of batch run {@code runId} in the order they finished, those with {@code status} only
   * when it is not null, at most {@code limit}.
   */
  public List<BatchItemRow> batchItems(String runId, String status, int limit) {
    return database.read(
        "read items of batch " + runId,
        c -> {
          List<BatchItemRow> items = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT item_id, status, variables, messages, text, error, prompt_tokens,"
                      + " completion_tokens, at FROM batch_items WHERE run_id = ?"
                      + " AND (? IS NULL OR status = ?) ORDER BY at, rowid LIMIT ?")) {
            bind(select, runId, status, status, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                Long prompt = longOrNull(rows, "prompt_tokens");
                Long completion = longOrNull(rows, "completion_tokens");
                String messages = rows.getString("messages");
                items.add(
                    new BatchItemRow(
                        rows.getString("item_id"),
                        rows.getString("status"),
                        JsonColumns.variables(rows.getString("variables")),
                        messages == null ? null : JsonColumns.messages(messages),
                        rows.getString("text"),
                        rows.getString("error"),
                        prompt == null && completion == null
                            ? null
                            : new Usage(
                                prompt == null ? 0 : prompt, completion == null ? 0 : completion),
                        Timestamps.parse(rows.getString("at"))));
              }
            }
          }
          return items;
        });
  }

  /**
   * The latest notes recorded under {@code key} (a {@code notes} payload's {@code key}: the input
   * and the prompts that read it) with no part missing; empty when no run read it so.
   */
  public Optional<StoredNotes> notes(String key) {
    return database.read(
        "find notes on an input",
        c -> {
          // json_valid first: one malformed payload must not make every lookup fail.
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT run_id, payload FROM events WHERE kind = 'notes' AND CASE WHEN"
                      + " json_valid(payload) THEN json_extract(payload, '$.key') = ? AND"
                      + " COALESCE(json_array_length(payload, '$.missing'), 0) = 0 ELSE 0 END"
                      + " ORDER BY id DESC LIMIT 1")) {
            bind(select, key);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next()
                  ? Optional.of(new StoredNotes(rows.getString(1), rows.getString(2)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Records which draft the user picked.
   *
   * @throws HistoryException when the run or the draft is unknown
   */
  public void setPicked(String runId, int idx) {
    database.write(
        "record the pick of run " + runId,
        c -> {
          requireRun(c, runId);
          int changed =
              update(
                  c,
                  "UPDATE runs SET picked = ? WHERE id = ?"
                      + " AND EXISTS (SELECT 1 FROM drafts WHERE run_id = ? AND idx = ?)",
                  idx,
                  runId,
                  runId,
                  idx);
          if (changed == 0) {
            throw new HistoryException("run " + runId + " has no draft " + idx);
          }
          return null;
        });
  }

  /**
   * A run with its drafts and events.
   *
   * @param ref a run id, the start of exactly one, or {@code last} for the newest run
   * @return the run, or empty when nothing matches
   * @throws AmbiguousRunException when the start of an id matches several runs
   */
  public Optional<StoredRun> run(String ref) {
    if (ref == null || ref.isBlank()) {
      throw new HistoryException("give a run id, the start of one, or last");
    }
    Optional<String> id = database.read("find run " + ref, c -> RunRows.resolve(c, ref.strip()));
    if (id.isEmpty()) {
      return Optional.empty();
    }
    markInterrupted(id.get());
    return database.read("read run " + id.get(), c -> RunRows.load(c, id.get()));
  }

  /** Runs matching {@code query}, newest first. */
  public List<RunSummary> list(Query query) {
    if (SearchTerms.nothingToFind(query.text())) {
      return List.of();
    }
    // Read-only, the drafts of a dead process cannot be marked, but they are not running either.
    Set<String> gone = database.readOnly() ? Set.copyOf(goneWriters(null)) : Set.of();
    markInterrupted(null);
    return database.read("list runs", c -> RunRows.list(c, query, gone));
  }

  /**
   * Deletes the runs created before {@code olderThan}, with their drafts, events, search entries
   * and the inputs stored apart that no run left uses. A run that refined a deleted one stays,
   * without its {@code parent_run}.
   *
   * @return how many runs were deleted
   */
  public int prune(Instant olderThan) {
    return database.write(
        "prune the history",
        c -> {
          int deleted =
              update(c, "DELETE FROM runs WHERE created_at < ?", Timestamps.format(olderThan));
          // An input stored apart goes with the last run that used it.
          update(
              c,
              "DELETE FROM inputs WHERE hash NOT IN"
                  + " (SELECT input_hash FROM runs WHERE input_hash IS NOT NULL)");
          return deleted;
        });
  }

  /** Closes the store; later calls fail, closing twice does nothing. */
  @Override
  public void close() {
    database.close();
  }

  /**
   * Marks as interrupted the streaming drafts of runs whose process is gone: of one run, or of all
   * runs when {@code runId} is null. Runs of live processes, or of other hosts, are left alone.
   */
  private void markInterrupted(String runId) {
    if (database.readOnly()) {
      // Nothing can be marked; a streaming draft reads as interrupted anyway when shown.
      return;
    }
    List<String> gone = goneWriters(runId);
    if (gone.isEmpty()) {
      return;
    }
    String now = Timestamps.format(Instant.now());
    database.write(
        "mark interrupted drafts",
        c -> {
          for (String id : gone) {
            update(
                c,
                "UPDATE drafts SET status = 'interrupted', error = ?, updated_at = ?"
                    + " WHERE run_id = ? AND status = 'streaming'",
                PROCESS_ENDED,
                now,
                id);
          }
          return null;
        });
  }

  /**
   * The runs (one, or all when {@code runId} is null) with streaming drafts whose process is gone.
   */
  private List<String> goneWriters(String runId) {
    record Writer(String id, Long pid, String host, Instant createdAt) {}
    List<Writer> writers =
        database.read(
            "look for interrupted drafts",
            c -> {
              List<Writer> found = new ArrayList<>();
              try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT id, pid, host, created_at FROM runs WHERE id IN"
                          + " (SELECT run_id FROM drafts WHERE status = 'streaming')"
                          + (runId == null ? "" : " AND id = ?"))) {
                if (runId != null) {
                  bind(select, runId);
                }
                try (ResultSet rows = select.executeQuery()) {
                  while (rows.next()) {
                    found.add(
                        new Writer(
                            rows.getString("id"),
                            longOrNull(rows, "pid"),
                            rows.getString("host"),
                            Timestamps.parse(rows.getString("created_at"))));
                  }
                }
              }
              return found;
            });
    return writers.stream()
        .filter(w -> ProcessCheck.isGone(w.pid(), w.host(), w.createdAt()))
        .map(Writer::id)
        .toList();
  }

  private static void requireRun(Connection c, String id) throws SQLException {
    if (!RunRows.exists(c, id)) {
      throw new HistoryException("no run " + id + " in the history");
    }
  }
}
