package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draft.client.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a history that may not be written (a read-only file system, another user's files): the
 * store opens it read-only and changes nothing. Tests run as root, for whom permissions do not stop
 * writes, so they open read-only explicitly; {@link HistoryStore#open} chooses the same when the
 * file or its directory is not writable (checked by hand as an unprivileged user).
 */
class ReadOnlyTest {
  private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

  @TempDir Path dir;
  Path file;

  @BeforeEach
  void record() {
    file = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(TestRuns.run("r1aaaaaaaa").createdAt(T0).build());
      store.finishDraft("r1aaaaaaaa", TestRuns.complete(1, "One."), 1L, 2L);
      store.finishDraft("r1aaaaaaaa", TestRuns.complete(2, "Two."), 1L, 2L);
      store.finishRun("r1aaaaaaaa", new Usage(1, 2), null, "native");
      // A run whose process is gone (it started before this one did), its drafts left streaming.
      store.startRun(TestRuns.run("r2bbbbbbbb").createdAt(T0.plusSeconds(60)).build());
    }
  }

  private List<String> files() throws Exception {
    List<String> names = new ArrayList<>();
    try (var listing = Files.list(dir)) {
      listing.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  private String rawStatus(String run) throws Exception {
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT status FROM drafts WHERE run_id = '" + run + "' AND idx = 1")) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void aReadOnlyStoreListsAndShowsRunsAndChangesNothing() throws Exception {
    byte[] before = Files.readAllBytes(file);

    try (HistoryStore store = HistoryStore.openReadOnly(file)) {
      assertThat(store.readOnly()).isTrue();
      assertThat(store.list(Query.all()))
          .extracting(RunSummary::id)
          .containsExactly("r2bbbbbbbb", "r1aaaaaaaa");
      // Its process is gone: not running, though it cannot be marked.
      assertThat(store.list(Query.all()))
          .extracting(RunSummary::status)
          .containsExactly("interrupted", "ok");
      assertThat(store.run("r1aaaaaaaa").orElseThrow().drafts()).hasSize(2);
      // Shown as it is, not marked interrupted: that would be a write.
      assertThat(store.run("r2bbbbbbbb").orElseThrow().drafts().get(0).status())
          .isEqualTo(DraftStatus.STREAMING);
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(rawStatus("r2bbbbbbbb")).isEqualTo("streaming");
  }

  @Test
  void aWriteToAReadOnlyStoreSaysSoAndHowToFixIt() {
    try (HistoryStore store = HistoryStore.openReadOnly(file)) {
      assertThatThrownBy(() -> store.setPicked("r1aaaaaaaa", 1))
          .isInstanceOf(HistoryException.class)
          .hasMessage(
              "cannot record the pick of run r1aaaaaaaa: the history "
                  + file
                  + " is read-only here; make it and its directory writable to record in it");
    }
  }

  @Test
  void aPendingSchemaUpgradeOfAReadOnlyHistoryIsNamedNotAttempted() throws Exception {
    List<Migration> more = new ArrayList<>(Migrations.ALL);
    more.add(c -> c.createStatement().execute("CREATE TABLE later (x)"));

    assertThatThrownBy(() -> HistoryStore.openReadOnly(file, more))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining("needs an upgrade of its schema")
        .hasMessageContaining("but it is read-only here; make it and its directory writable");
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA user_version")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(Migrations.ALL.size());
    }
  }

  @Test
  void noHistoryToReadIsSaidPlainly() {
    assertThatThrownBy(() -> HistoryStore.openReadOnly(dir.resolve("none.db")))
        .isInstanceOf(HistoryException.class)
        .hasMessageStartingWith("there is no history at ");
  }
}
