package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashSafetyTest {
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
  void streamingDraftsOfAProcessThatIsGoneReadAsInterrupted() throws Exception {
    long gone = exitedPid();
    store.startRun(TestRuns.run("r1aaaaaaaa").process(gone, ThisHost.name()).build());
    store.saveProgress("r1aaaaaaaa", 1, "The first half of", null);
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(2, "A finished draft."), 1L, 2L);

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();

    assertThat(run.draft(1).orElseThrow())
        .extracting(StoredDraft::status, StoredDraft::text, StoredDraft::error)
        .containsExactly(DraftStatus.INTERRUPTED, "The first half of", HistoryStore.PROCESS_ENDED);
    assertThat(run.draft(2).orElseThrow().status()).isEqualTo(DraftStatus.COMPLETE);
    assertThat(run.finishedAt()).isNull();
    assertThat(statusesInTheFile("r1aaaaaaaa")).containsExactly("interrupted", "complete");
  }

  @Test
  void listingAlsoMarksTheDraftsOfGoneProcesses() throws Exception {
    store.startRun(TestRuns.run("r1aaaaaaaa").process(exitedPid(), ThisHost.name()).build());

    store.list(Query.all());

    assertThat(statusesInTheFile("r1aaaaaaaa")).containsExactly("interrupted", "interrupted");
  }

  @Test
  void aRunOfALiveProcessIsStillStreaming() throws SQLException {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());
    store.saveProgress("r1aaaaaaaa", 1, "Still coming", null);

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();

    assertThat(run.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(run.drafts()).extracting(StoredDraft::status).containsOnly(DraftStatus.STREAMING);
    assertThat(run.draft(1).orElseThrow().toDraft().status().label()).isEqualTo("interrupted");
    assertThat(statusesInTheFile("r1aaaaaaaa")).containsExactly("streaming", "streaming");
  }

  @Test
  void aRunOfAnotherHostIsLeftAlone() throws Exception {
    store.startRun(TestRuns.run("r1aaaaaaaa").process(exitedPid(), "another-host").build());

    assertThat(store.run("r1aaaaaaaa").orElseThrow().drafts())
        .extracting(StoredDraft::status)
        .containsOnly(DraftStatus.STREAMING);
  }

  @Test
  void aReusedPidDoesNotKeepADeadRunStreaming() {
    // This process is alive, but it started long after a run created in 2020.
    store.startRun(
        TestRuns.run("r1aaaaaaaa")
            .createdAt(java.time.Instant.parse("2020-01-01T00:00:00Z"))
            .build());

    assertThat(store.run("r1aaaaaaaa").orElseThrow().drafts())
        .extracting(StoredDraft::status)
        .containsOnly(DraftStatus.INTERRUPTED);
  }

  private static long exitedPid() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor()).isZero();
    return process.pid();
  }

  private List<String> statusesInTheFile(String runId) throws SQLException {
    List<String> statuses = new ArrayList<>();
    try (Connection c = TestRuns.raw(store.file());
        PreparedStatement s =
            c.prepareStatement("SELECT status FROM drafts WHERE run_id = ? ORDER BY idx")) {
      s.setString(1, runId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          statuses.add(rows.getString(1));
        }
      }
    }
    return statuses;
  }
}
