package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTest {
  private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void open() {
    store = HistoryStore.open(dir.resolve("history.db"));
    store.startRun(TestRuns.run("r1draft000").createdAt(T0).build());
    store.finishDraft(
        "r1draft000", TestRuns.complete(1, "Two rivers meet below the old mill."), 1L, 2L);
    store.startRun(
        TestRuns.run("r2input000")
            .createdAt(T0.plusSeconds(60))
            .input("notes.md", "Notes: the mountains were covered in snow.")
            .build());
    store.startRun(
        TestRuns.run("r3prompt00")
            .createdAt(T0.plusSeconds(120))
            .messages(
                List.of(
                    ChatMessage.system("You are a features editor."),
                    ChatMessage.user("Write about the lighthouse keeper.")))
            .build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aWordInADraftFindsItsRun() {
    assertThat(ids("mill")).containsExactly("r1draft000");
  }

  @Test
  void aWordInTheInputFindsItsRun() {
    assertThat(ids("mountains")).containsExactly("r2input000");
  }

  @Test
  void aWordInThePromptFindsItsRun() {
    assertThat(ids("lighthouse")).containsExactly("r3prompt00");
  }

  @Test
  void wordsAreStemmedAndCaseIsIgnored() {
    assertThat(ids("RIVER")).containsExactly("r1draft000");
    assertThat(ids("mountain")).containsExactly("r2input000");
  }

  @Test
  void everyWordMustAppearButAnywhereInTheRun() {
    store.startRun(
        TestRuns.run("r4mixed000")
            .createdAt(T0.plusSeconds(180))
            .input("stdin", "A lighthouse on the coast.")
            .build());
    store.finishDraft("r4mixed000", TestRuns.complete(2, "Rivers run to the sea."), 1L, 2L);

    assertThat(ids("lighthouse river")).containsExactly("r4mixed000");
    assertThat(ids("lighthouse")).containsExactly("r4mixed000", "r3prompt00");
  }

  @Test
  void partialTextSavedWhileStreamingIsFound() {
    store.saveProgress("r2input000", 2, "The glacier", null);

    assertThat(ids("glacier")).containsExactly("r2input000");
  }

  @Test
  void replacedDraftTextIsNoLongerFound() {
    store.saveProgress("r2input000", 1, "An early orchard", null);
    store.finishDraft("r2input000", TestRuns.complete(1, "A later vineyard"), 1L, 2L);

    assertThat(ids("orchard")).isEmpty();
    assertThat(ids("vineyard")).containsExactly("r2input000");
  }

  @Test
  void theJsonAroundMessagesIsNotSearched() {
    assertThat(ids("role")).isEmpty();
    assertThat(ids("content")).isEmpty();
  }

  @Test
  void aDeletedRunIsNotFound() {
    assertThat(store.prune(T0.plusSeconds(1))).isEqualTo(1);

    assertThat(ids("mill")).isEmpty();
    assertThat(ids("river")).isEmpty();
  }

  @Test
  void aPhraseAndAPrefixWork() {
    assertThat(ids("\"two rivers\"")).containsExactly("r1draft000");
    assertThat(ids("\"rivers two\"")).isEmpty();
    assertThat(ids("lightho*")).containsExactly("r3prompt00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "it's",
        "river OR",
        "OR",
        "AND NOT",
        "NEAR(",
        "\"",
        "\"unclosed phrase",
        "*",
        "col:umn",
        "-river",
        "^start",
        "a + b",
        "(",
        "{prompt}: x",
        "'; DROP TABLE runs; --",
        "\u0000",
        "🌊"
      })
  void oddQueriesNeverFail(String query) {
    assertThat(store.list(Query.all().withText(query))).isNotNull();
    assertThat(store.list(Query.all())).hasSize(3);
  }

  @Test
  void anApostropheIsSearchedAsTheWordsAroundIt() {
    store.finishDraft("r3prompt00", TestRuns.complete(1, "It's a long way up."), 1L, 2L);

    assertThat(ids("it's")).containsExactly("r3prompt00");
  }

  @Test
  void aQueryWithoutWordsFindsNothingAndABlankOneEverything() {
    assertThat(ids("* -")).isEmpty();
    assertThat(ids("  ")).hasSize(3);
  }

  @Test
  void searchStillWorksAfterVacuum() throws SQLException {
    try (Connection c = TestRuns.raw(store.file());
        Statement s = c.createStatement()) {
      s.execute("VACUUM");
    }

    assertThat(ids("mill")).containsExactly("r1draft000");
    assertThat(ids("lighthouse")).containsExactly("r3prompt00");
  }

  @Test
  void theSearchIndexCanBeRebuiltFromTheTables() throws SQLException {
    try (Connection c = TestRuns.raw(store.file());
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO runs_fts(runs_fts) VALUES ('delete-all')");
      s.execute(
          "INSERT INTO runs_fts(rowid, prompt, input) SELECT rowid,"
              + " (SELECT group_concat(json_extract(m.value, '$.content'), char(10))"
              + " FROM json_each(runs.messages) AS m), input FROM runs");
      s.execute("INSERT INTO drafts_fts(drafts_fts) VALUES ('rebuild')");
      s.execute("INSERT INTO runs_fts(runs_fts) VALUES ('integrity-check')");
      s.execute("INSERT INTO drafts_fts(drafts_fts) VALUES ('integrity-check')");
    }

    assertThat(ids("mountains")).containsExactly("r2input000");
    assertThat(ids("lighthouse")).containsExactly("r3prompt00");
    assertThat(ids("mill")).containsExactly("r1draft000");
    assertThat(ids("content")).isEmpty();
  }

  private List<String> ids(String text) {
    return store.list(Query.all().withText(text)).stream().map(RunSummary::id).toList();
  }
}
