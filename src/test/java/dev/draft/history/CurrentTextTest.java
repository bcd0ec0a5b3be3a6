package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A draft's current text: its latest edit with a text, else what the model wrote. */
class CurrentTextTest {
  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void setUp() {
    store = HistoryStore.open(dir.resolve("history.db"));
    store.startRun(TestRuns.run("r1aaaaaaaa").build());
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(1, "One."), 1L, 2L);
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(2, "Two."), 1L, 2L);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private StoredRun run() {
    return store.run("r1aaaaaaaa").orElseThrow();
  }

  @Test
  void withoutEditsItIsTheGeneratedText() {
    StoredRun run = run();

    assertThat(run.currentText(run.draft(1).orElseThrow())).isEqualTo("One.");
    assertThat(run.edited(1)).isFalse();
  }

  @Test
  void theLatestEditOfThatDraftWins() {
    store.addEvent("r1aaaaaaaa", 2, "edit", "{\"text\": \"Two, edited.\", \"chars\": 12}");
    store.addEvent("r1aaaaaaaa", 2, "edit", "{\"text\": \"Two, again.\", \"chars\": 11}");
    store.addEvent("r1aaaaaaaa", 1, "pick", "{\"by\": \"--choose\"}");

    StoredRun run = run();

    assertThat(run.currentText(run.draft(2).orElseThrow())).isEqualTo("Two, again.");
    assertThat(run.edited(2)).isTrue();
    assertThat(run.currentText(run.draft(1).orElseThrow())).isEqualTo("One.");
    assertThat(run.edited(1)).isFalse();
  }

  @Test
  void anEditWithoutATextAndOtherKindsAreNoEdit() {
    store.addEvent("r1aaaaaaaa", 1, "edit", "{\"chars\": 12}");
    store.addEvent("r1aaaaaaaa", 1, "star", "{\"text\": \"not an edit\"}");
    store.addEvent("r1aaaaaaaa", null, "edit", "{\"text\": \"of no draft\"}");

    StoredRun run = run();

    assertThat(run.currentText(run.draft(1).orElseThrow())).isEqualTo("One.");
    assertThat(run.edited(1)).isFalse();
    assertThat(run.edits()).isEmpty();
  }
}
