package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input over {@link NewRun#INLINE_INPUT_LIMIT} is stored once, in {@code inputs}, and the
 * messages refer to it instead of holding a second copy; reading the run gives both back whole.
 */
class LargeInputTest {
  private static final String[] WORDS = {
    "harbour", "winter", "stone", "letter", "garden", "quiet", "field", "morning", "Ελλάδα", "河流"
  };

  @TempDir Path dir;

  /**
   * About {@code chars} characters of words, different on every line, with no word "lighthouse".
   */
  static String input(int chars) {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder(chars + 64);
    while (text.length() < chars) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(1000));
      text.append(random.nextInt(12) == 0 ? '\n' : ' ');
    }
    return text.toString();
  }

  private static List<ChatMessage> messages(String input) {
    return List.of(
        ChatMessage.system("You summarise long posts about a lighthouse."),
        ChatMessage.user("Summarise this 😀:\n\n" + input + "\n\nIn three bullets. 河流"));
  }

  private static NewRun.Builder run(String id, String input) {
    return NewRun.builder(id)
        .template("summarize", "---\ninput: required\n---\n{{input}}\n")
        .input("/tmp/post.txt", input)
        .messages(messages(input))
        .params(RunParams.of(1));
  }

  @Test
  void aLargeInputIsStoredOnceAndTheMessagesReadBackExactly() throws Exception {
    String input = input(NewRun.INLINE_INPUT_LIMIT * 3 / 2);
    Path file = dir.resolve("history.db");

    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(run("r1aaaaaaaa", input).build());
      StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
      assertThat(run.messages()).isEqualTo(messages(input));
      assertThat(run.input()).isEqualTo(input);
      assertThat(run.inputByReference()).isFalse();
      assertThat(run.inputChars()).isEqualTo(input.codePointCount(0, input.length()));
    }

    long inputBytes = input.getBytes(StandardCharsets.UTF_8).length;
    try (Connection c = TestRuns.raw(file)) {
      assertThat(number(c, "SELECT count(*) FROM inputs")).isEqualTo(1);
      assertThat(number(c, "SELECT length(CAST(text AS BLOB)) FROM inputs")).isEqualTo(inputBytes);
      assertThat(number(c, "SELECT length(CAST(messages AS BLOB)) FROM runs")).isLessThan(500);
      assertThat(number(c, "SELECT count(*) FROM runs WHERE input IS NULL")).isEqualTo(1);
    }
    assertThat(Files.size(file) + walSize(file)).isLessThan(inputBytes * 12 / 10);
  }

  @Test
  void theSameLargeInputTwiceIsStoredOnce() throws Exception {
    String input = input(NewRun.INLINE_INPUT_LIMIT + 10);
    Path file = dir.resolve("history.db");

    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(run("r1aaaaaaaa", input).build());
      store.startRun(run("r1bbbbbbbb", input).parent("r1aaaaaaaa", null).kind("redo").build());
      assertThat(store.run("r1bbbbbbbb").orElseThrow().messages()).isEqualTo(messages(input));
    }

    try (Connection c = TestRuns.raw(file)) {
      assertThat(number(c, "SELECT count(*) FROM inputs")).isEqualTo(1);
    }
  }

  @Test
  void anInputUsedTwiceInAMessageComesBackTwice() {
    String input = input(NewRun.INLINE_INPUT_LIMIT + 10);
    List<ChatMessage> twice =
        List.of(
            ChatMessage.user("A 😀 " + input + " B 河流 " + input + " C"), ChatMessage.user(input));

    try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      store.startRun(run("r1aaaaaaaa", input).messages(twice).build());
      assertThat(store.run("r1aaaaaaaa").orElseThrow().messages()).isEqualTo(twice);
    }
  }

  @Test
  void theMessagesInSqlSayWhereTheInputGoes() throws Exception {
    String input = input(NewRun.INLINE_INPUT_LIMIT + 10);
    Path file = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(run("r1aaaaaaaa", input).build());
    }

    // The documented way to put a message together again in SQL (docs/history-schema.md).
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT substr(json_extract(m.value, '$.content'), 1,"
                    + " json_extract(m.value, '$.input_at[0]'))"
                    + " || i.text"
                    + " || substr(json_extract(m.value, '$.content'),"
                    + " json_extract(m.value, '$.input_at[0]') + 1)"
                    + " FROM runs r, json_each(r.messages) m"
                    + " JOIN inputs i ON i.hash = r.input_hash"
                    + " WHERE json_extract(m.value, '$.input_at') IS NOT NULL")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(messages(input).get(1).content());
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void searchFindsTheWordsAroundALargeInputButNotInIt() {
    String input = input(NewRun.INLINE_INPUT_LIMIT + 10);
    try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      store.startRun(run("r1aaaaaaaa", input).build());

      assertThat(store.list(Query.all().withText("lighthouse"))).hasSize(1);
      assertThat(store.list(Query.all().withText("bullets"))).hasSize(1);
      assertThat(store.list(Query.all().withText("harbour"))).isEmpty();
    }
  }

  @Test
  void pruningTheLastRunOfALargeInputDeletesTheInput() throws Exception {
    String input = input(NewRun.INLINE_INPUT_LIMIT + 10);
    Path file = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(
          run("r1aaaaaaaa", input).createdAt(Instant.parse("2025-01-01T00:00:00Z")).build());
      store.startRun(
          run("r1bbbbbbbb", input).createdAt(Instant.parse("2025-02-01T00:00:00Z")).build());

      store.prune(Instant.parse("2025-01-15T00:00:00Z"));
      assertThat(store.run("r1bbbbbbbb").orElseThrow().input()).isEqualTo(input);
      store.prune(Instant.parse("2025-03-01T00:00:00Z"));
    }

    try (Connection c = TestRuns.raw(file)) {
      assertThat(number(c, "SELECT count(*) FROM inputs")).isZero();
    }
  }

  @Test
  void aRunRecordedBeforeInputsWereStoredApartReadsAsBefore() throws Exception {
    Path file = dir.resolve("history.db");
    String input = input(NewRun.INLINE_INPUT_LIMIT + 10);
    // What version 1 wrote: the whole prompt in messages, the input by hash and length only.
    try (HistoryStore store = HistoryStore.open(file, Migrations.ALL.subList(0, 1))) {
      store.startRun(TestRuns.run("r1aaaaaaaa").build());
    }
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement()) {
      s.execute(
          "UPDATE runs SET input = NULL, input_ref = 'old.txt', input_hash = 'abc', input_chars = 5,"
              + " messages = json_array(json_object('role', 'user', 'content', 'Old prompt.'))");
    }

    try (HistoryStore store = HistoryStore.open(file)) {
      StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
      assertThat(run.messages()).containsExactly(ChatMessage.user("Old prompt."));
      assertThat(run.input()).isNull();
      assertThat(run.inputByReference()).isTrue();
      store.startRun(run("r1bbbbbbbb", input).build());
      assertThat(store.run("r1bbbbbbbb").orElseThrow().messages()).isEqualTo(messages(input));
    }
  }

  private static long walSize(Path file) throws Exception {
    Path wal = Path.of(file + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  private static long number(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
