package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLookupTest {
  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void open() {
    store = HistoryStore.open(dir.resolve("history.db"));
    Instant t = Instant.parse("2025-05-01T10:00:00Z");
    store.startRun(TestRuns.run("r1k9aaaaaa").createdAt(t).build());
    store.startRun(TestRuns.run("r1k9abbbbb").createdAt(t.plusSeconds(60)).build());
    store.startRun(TestRuns.run("r2zzzzzzzz").createdAt(t.plusSeconds(120)).build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void lastIsTheNewestRun() {
    assertThat(store.run("last")).map(StoredRun::id).contains("r2zzzzzzzz");
  }

  @Test
  void lastOfRunsCreatedInTheSameMillisecondIsTheOneRecordedLast() {
    Instant same = Instant.parse("2025-06-01T00:00:00Z");
    store.startRun(TestRuns.run("r3bbbbbbbb").createdAt(same).build());
    store.startRun(TestRuns.run("r3aaaaaaaa").createdAt(same).build());

    assertThat(store.run("last")).map(StoredRun::id).contains("r3aaaaaaaa");
  }

  @Test
  void aFullIdOrAUniquePrefixFindsTheRun() {
    assertThat(store.run("r1k9abbbbb")).map(StoredRun::id).contains("r1k9abbbbb");
    assertThat(store.run("r1k9ab")).map(StoredRun::id).contains("r1k9abbbbb");
    assertThat(store.run("r2")).map(StoredRun::id).contains("r2zzzzzzzz");
  }

  @Test
  void anAmbiguousPrefixListsTheMatchesNewestFirst() {
    assertThatThrownBy(() -> store.run("r1k9"))
        .isInstanceOfSatisfying(
            AmbiguousRunException.class,
            e -> {
              assertThat(e.prefix()).isEqualTo("r1k9");
              assertThat(e.matches()).containsExactly("r1k9abbbbb", "r1k9aaaaaa");
            })
        .hasMessage("'r1k9' matches several runs: r1k9abbbbb, r1k9aaaaaa; type more of the id");
  }

  @Test
  void manyMatchesAreCutShort() {
    for (int i = 0; i < 8; i++) {
      store.startRun(TestRuns.run("r5aaaaaaa" + i).build());
    }

    assertThatThrownBy(() -> store.run("r5"))
        .isInstanceOfSatisfying(
            AmbiguousRunException.class, e -> assertThat(e.matches()).hasSize(5))
        .hasMessageContaining(" and more;");
  }

  @Test
  void nothingMatchingIsEmpty() {
    assertThat(store.run("r7")).isEmpty();
    assertThat(store.run("zz")).isEmpty();
  }

  @Test
  void globCharactersInAPrefixAreTakenLiterally() {
    assertThat(store.run("r*")).isEmpty();
    assertThat(store.run("r?k9")).isEmpty();
    assertThat(store.run("r[12]")).isEmpty();
  }

  @Test
  void anEmptyHistoryHasNoLastRun() {
    try (HistoryStore empty = HistoryStore.open(dir.resolve("other.db"))) {
      assertThat(empty.run("last")).isEmpty();
    }
  }

  @Test
  void aBlankReferenceIsAnError() {
    assertThatThrownBy(() -> store.run(" "))
        .isInstanceOf(HistoryException.class)
        .hasMessage("give a run id, the start of one, or last");
  }
}
