package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the notes a past run took on an input, by the key they were recorded under. */
class StoredNotesTest {
  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void open() {
    store = HistoryStore.open(dir.resolve("history.db"));
    store.startRun(TestRuns.run("r1aaaaaaaa").build());
    store.startRun(TestRuns.run("r2bbbbbbbb").build());
    store.startRun(TestRuns.run("r3cccccccc").build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static String notes(String key, String missing) {
    return "{\"strategy\":\"map-reduce\",\"key\":\""
        + key
        + "\",\"final\":\"notes\",\"rounds\":[[\"notes\"]],\"missing\":["
        + missing
        + "]}";
  }

  @Test
  void theLatestCompleteNotesUnderTheKeyAreFound() {
    store.addEvent("r1aaaaaaaa", null, "notes", notes("k1", ""));
    store.addEvent("r2bbbbbbbb", null, "notes", notes("k1", ""));
    store.addEvent("r3cccccccc", null, "notes", notes("k2", ""));

    assertThat(store.notes("k1")).contains(new StoredNotes("r2bbbbbbbb", notes("k1", "")));
    assertThat(store.notes("k2")).map(StoredNotes::runId).contains("r3cccccccc");
    assertThat(store.notes("k3")).isEmpty();
  }

  @Test
  void notesWithAPartMissingAreNeverFound() {
    store.addEvent("r1aaaaaaaa", null, "notes", notes("k1", ""));
    store.addEvent(
        "r2bbbbbbbb", null, "notes", notes("k1", "{\"part\":\"part 2 of 9\",\"error\":\"e\"}"));

    assertThat(store.notes("k1")).map(StoredNotes::runId).contains("r1aaaaaaaa");
  }

  @Test
  void otherEventsAndPayloadsThatAreNotJsonDoNotGetInTheWay() throws Exception {
    store.addEvent("r1aaaaaaaa", null, "notes", notes("k1", ""));
    store.addEvent("r2bbbbbbbb", 0, "star", "{\"starred\":true,\"key\":\"k1\"}");
    // Written by hand, as a damaged file might hold it: the lookup must not fail on it.
    try (Connection c = TestRuns.raw(dir.resolve("history.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO events (run_id, draft_idx, kind, payload, at) VALUES"
              + " ('r3cccccccc', NULL, 'notes', '{not json', '2026-01-01T00:00:00Z')");
    }

    assertThat(store.notes("k1")).map(StoredNotes::runId).contains("r1aaaaaaaa");
  }
}
