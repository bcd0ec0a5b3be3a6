package dev.draft.history;

import static dev.draft.history.Database.bind;
import static dev.draft.history.Database.doubleOrNull;
import static dev.draft.history.Database.intOrNull;
import static dev.draft.history.Database.longOrNull;
import static dev.draft.history.Database.strings;

import dev.draft.client.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The read side of the store: finding runs and turning rows into records. */
final class RunRows {
  private static final int MAX_LISTED_MATCHES = 5;

  /** The statuses of drafts that came back whole, as an SQL list. */
  private static final String WHOLE = " ('complete', 'truncated', 'filtered')";

  private RunRows() {}

  /**
   * The id {@code ref} stands for: {@code last}, a full id, or a prefix of exactly one.
   *
   * @throws AmbiguousRunException when the prefix matches several runs
   */
  static Optional<String> resolve(Connection c, String ref) throws SQLException {
    if (ref.equals("last")) {
      return first(strings(c, "SELECT id FROM runs ORDER BY created_at DESC, rowid DESC LIMIT 1"));
    }
    if (exists(c, ref)) {
      return Optional.of(ref);
    }
    // GLOB is case-sensitive like the ids, and a literal prefix lets it use the primary key.
    List<String> matches =
        strings(
            c,
            "SELECT id FROM runs WHERE id GLOB ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
            globLiteral(ref) + "*",
            MAX_LISTED_MATCHES + 1);
    if (matches.size() > 1) {
      boolean more = matches.size() > MAX_LISTED_MATCHES;
      throw new AmbiguousRunException(
          ref, matches.subList(0, Math.min(matches.size(), MAX_LISTED_MATCHES)), more);
    }
    return first(matches);
  }

  static boolean exists(Connection c, String id) throws SQLException {
    return !strings(c, "SELECT id FROM runs WHERE id = ?", id).isEmpty();
  }

  /** The run with its drafts and events, or empty when it is gone. */
  static Optional<StoredRun> load(Connection c, String id) throws SQLException {
    List<StoredDraft> drafts = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement("SELECT * FROM drafts WHERE run_id = ? ORDER BY idx")) {
      bind(select, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          drafts.add(draft(rows));
        }
      }
    }
    List<StoredEvent> events = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement("SELECT * FROM events WHERE run_id = ? ORDER BY id")) {
      bind(select, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(
              new StoredEvent(
                  rows.getLong("id"),
                  intOrNull(rows, "draft_idx"),
                  rows.getString("kind"),
                  rows.getString("payload"),
                  Timestamps.parse(rows.getString("at"))));
        }
      }
    }
    try (PreparedStatement select = c.prepareStatement("SELECT * FROM runs WHERE id = ?")) {
      bind(select, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(run(c, rows, drafts, events)) : Optional.empty();
      }
    }
  }

  /** The runs matching {@code query}, newest first. */
  static List<RunSummary> list(Connection c, Query query) throws SQLException {
    return list(c, query, Set.of());
  }

  /**
   * @param gone runs whose streaming drafts belong to a process that is gone, though not marked (a
   *     read-only history): they count as interrupted, not running
   */
  static List<RunSummary> list(Connection c, Query query, Set<String> gone) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT r.id, r.created_at, r.template, r.model, r.n, r.picked, coalesce("
                + " (SELECT substr(d.text, 1, 400) FROM drafts d"
                + " WHERE d.run_id = r.id AND d.idx = r.picked),"
                + " (SELECT substr(d.text, 1, 400) FROM drafts d"
                + " WHERE d.run_id = r.id AND trim(d.text) <> '' ORDER BY d.idx LIMIT 1))"
                + " AS preview,"
                + " (SELECT count(*) FROM drafts d WHERE d.run_id = r.id) AS drafts,"
                + " (SELECT count(*) FROM drafts d WHERE d.run_id = r.id AND d.status IN"
                + WHOLE
                + ") AS whole,"
                + " (SELECT count(*) FROM drafts d WHERE d.run_id = r.id"
                + " AND d.status = 'interrupted') AS cut,"
                + " (SELECT count(*) FROM drafts d WHERE d.run_id = r.id"
                + " AND d.status = 'streaming') AS streaming,"
                + " r.kind, r.finished_at,"
                + " (SELECT count(*) FROM batch_items b WHERE b.run_id = r.id) AS items,"
                + " (SELECT count(*) FROM batch_items b WHERE b.run_id = r.id"
                + " AND b.status = 'failed') AS failed_items,"
                + " (SELECT CASE WHEN json_valid(e.payload)"
                + " THEN json_extract(e.payload, '$.interrupted') END FROM events e"
                + " WHERE e.run_id = r.id AND e.kind = 'batch' ORDER BY e.id DESC LIMIT 1)"
                + " AS stopped"
                + " FROM runs r WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (query.template() != null) {
      sql.append(" AND r.template = ?");
      args.add(query.template());
    }
    if (query.model() != null) {
      sql.append(" AND r.model = ?");
      args.add(query.model());
    }
    if (query.since() != null) {
      sql.append(" AND r.created_at >= ?");
      args.add(Timestamps.format(query.since()));
    }
    if (query.pickedOnly()) {
      sql.append(" AND r.picked IS NOT NULL");
    }
    if (query.failedOnly()) {
      sql.append(
          " AND (EXISTS (SELECT 1 FROM drafts d WHERE d.run_id = r.id"
              + " AND d.status IN ('failed', 'interrupted'))"
              + " OR EXISTS (SELECT 1 FROM batch_items b WHERE b.run_id = r.id"
              + " AND b.status = 'failed'))");
    }
    // One condition per term, so the words of a search may be spread over prompt, input, drafts.
    for (String term : SearchTerms.of(query.text())) {
      sql.append(
          " AND r.id IN (SELECT d.run_id FROM drafts_fts JOIN drafts d"
              + " ON d.rowid = drafts_fts.rowid WHERE drafts_fts MATCH ?"
              + " UNION SELECT s.id FROM runs_fts JOIN runs s ON s.rowid = runs_fts.rowid"
              + " WHERE runs_fts MATCH ?)");
      args.add(term);
      args.add(term);
    }
    sql.append(" ORDER BY r.created_at DESC, r.rowid DESC");
    if (query.limit() != null) {
      sql.append(" LIMIT ?");
      args.add(query.limit());
    }
    List<RunSummary> runs = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql.toString())) {
      bind(select, args.toArray());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          if ("batch".equals(rows.getString("kind"))) {
            runs.add(batchSummary(rows));
            continue;
          }
          runs.add(
              new RunSummary(
                  rows.getString("id"),
                  Timestamps.parse(rows.getString("created_at")),
                  rows.getString("template"),
                  rows.getString("model"),
                  rows.getInt("n"),
                  intOrNull(rows, "picked"),
                  RunSummary.preview(rows.getString("preview")),
                  gone.contains(rows.getString("id"))
                      ? status(
                          rows.getInt("drafts"),
                          rows.getInt("whole"),
                          rows.getInt("cut") + rows.getInt("streaming"),
                          0)
                      : status(
                          rows.getInt("drafts"),
                          rows.getInt("whole"),
                          rows.getInt("cut"),
                          rows.getInt("streaming"))));
        }
      }
    }
    return runs;
  }

  /**
   * A batch run as the list shows it: its items for a preview, {@code ok} when none failed, {@code
   * partial} or {@code failed} when some or all did, {@code interrupted} when Ctrl-C stopped it,
   * {@code running} while it has not ended.
   */
  private static RunSummary batchSummary(ResultSet rows) throws SQLException {
    long items = rows.getLong("items");
    long failed = rows.getLong("failed_items");
    String status =
        rows.getString("finished_at") == null
            ? "running"
            : rows.getInt("stopped") == 1
                ? "interrupted"
                : failed == 0 ? "ok" : failed < items ? "partial" : "failed";
    return new RunSummary(
        rows.getString("id"),
        Timestamps.parse(rows.getString("created_at")),
        rows.getString("template"),
        rows.getString("model"),
        rows.getInt("n"),
        null,
        String.format(
            java.util.Locale.ROOT,
            "batch: %,d item%s, %,d failed",
            items,
            items == 1 ? "" : "s",
            failed),
        status);
  }

  /** The text of the input stored apart with this hash, or null when there is none. */
  static String apartInput(Connection c, String hash) throws SQLException {
    if (hash == null) {
      return null;
    }
    return first(strings(c, "SELECT text FROM inputs WHERE hash = ?", hash)).orElse(null);
  }

  /** A run's status, from how its drafts ended; see {@link RunSummary#status()}. */
  static String status(int drafts, int whole, int cut, int streaming) {
    if (streaming > 0) {
      return "running";
    }
    if (whole == drafts) {
      return "ok";
    }
    if (whole > 0) {
      return "partial";
    }
    return cut > 0 ? "interrupted" : "failed";
  }

  private static StoredRun run(
      Connection c, ResultSet rows, List<StoredDraft> drafts, List<StoredEvent> events)
      throws SQLException {
    int n = rows.getInt("n");
    String inputHash = rows.getString("input_hash");
    String input = rows.getString("input");
    if (input == null) {
      // Stored apart (schema 2 on), or, for a run recorded before, not kept at all.
      input = apartInput(c, inputHash);
    }
    String apart = input;
    return new StoredRun(
        rows.getString("id"),
        Timestamps.parse(rows.getString("created_at")),
        rows.getString("template"),
        rows.getString("template_hash"),
        rows.getString("template_text"),
        JsonColumns.variables(rows.getString("variables")),
        input,
        rows.getString("input_ref"),
        inputHash,
        longOrNull(rows, "input_chars"),
        JsonColumns.messages(rows.getString("messages"), () -> apart),
        rows.getString("profile"),
        rows.getString("base_url"),
        rows.getString("model"),
        JsonColumns.params(rows.getString("params"), n),
        rows.getString("method"),
        n,
        rows.getString("parent_run"),
        intOrNull(rows, "parent_draft"),
        rows.getString("kind"),
        usage(rows),
        doubleOrNull(rows, "cost_usd"),
        longOrNull(rows, "pid"),
        rows.getString("host"),
        Timestamps.parse(rows.getString("finished_at")),
        intOrNull(rows, "picked"),
        drafts,
        events,
        StoredRun.latestEdits(events));
  }

  private static StoredDraft draft(ResultSet rows) throws SQLException {
    return new StoredDraft(
        rows.getInt("idx"),
        rows.getString("text"),
        rows.getString("reasoning"),
        DraftStatus.parse(rows.getString("status")),
        rows.getString("finish_reason"),
        rows.getString("error"),
        usage(rows),
        longOrNull(rows, "first_token_ms"),
        longOrNull(rows, "total_ms"),
        Timestamps.parse(rows.getString("updated_at")));
  }

  // Null when neither count was recorded, as for a run or draft that has not finished.
  private static Usage usage(ResultSet rows) throws SQLException {
    Long prompt = longOrNull(rows, "prompt_tokens");
    Long completion = longOrNull(rows, "completion_tokens");
    if (prompt == null && completion == null) {
      return null;
    }
    return new Usage(prompt == null ? 0 : prompt, completion == null ? 0 : completion);
  }

  private static String globLiteral(String text) {
    StringBuilder literal = new StringBuilder();
    for (char ch : text.toCharArray()) {
      if (ch == '*' || ch == '?' || ch == '[') {
        literal.append('[').append(ch).append(']');
      } else {
        literal.append(ch);
      }
    }
    return literal.toString();
  }

  private static Optional<String> first(List<String> ids) {
    return ids.stream().findFirst();
  }
}
