package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void open() {
    store = HistoryStore.open(dir.resolve("history.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void runsOlderThanTheCutAreDeletedWithTheirDraftsAndEvents() throws SQLException {
    store.startRun(TestRuns.run("r1old00000").createdAt(T0).build());
    store.finishDraft("r1old00000", TestRuns.complete(1, "Ancient words."), 1L, 2L);
    store.addEvent("r1old00000", 1, "star", null);
    store.startRun(TestRuns.run("r2old00000").createdAt(T0.plusSeconds(10)).build());
    store.startRun(TestRuns.run("r3new00000").createdAt(T0.plusSeconds(100)).build());

    int deleted = store.prune(T0.plusSeconds(100));

    assertThat(deleted).isEqualTo(2);
    assertThat(store.list(Query.all())).extracting(RunSummary::id).containsExactly("r3new00000");
    assertThat(count("SELECT count(*) FROM drafts")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM events")).isZero();
    assertThat(count("SELECT count(*) FROM drafts_fts WHERE drafts_fts MATCH 'ancient'")).isZero();
    assertThat(count("SELECT count(*) FROM runs_fts WHERE runs_fts MATCH 'tea'")).isEqualTo(1);
  }

  @Test
  void aRunKeepsGoingWhenItsParentIsPruned() {
    store.startRun(TestRuns.run("r1parent00").createdAt(T0).build());
    store.startRun(
        TestRuns.run("r2child000")
            .createdAt(T0.plusSeconds(100))
            .parent("r1parent00", 1)
            .kind("refine")
            .build());

    assertThat(store.prune(T0.plusSeconds(50))).isEqualTo(1);

    StoredRun child = store.run("r2child000").orElseThrow();
    assertThat(child.parentRun()).isNull();
    assertThat(child.kind()).isEqualTo("refine");
  }

  @Test
  void nothingOldEnoughDeletesNothing() {
    store.startRun(TestRuns.run("r1aaaaaaaa").createdAt(T0).build());

    assertThat(store.prune(T0)).isZero();
  }

  private long count(String sql) throws SQLException {
    try (Connection c = TestRuns.raw(store.file());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      return rows.getLong(1);
    }
  }
}
