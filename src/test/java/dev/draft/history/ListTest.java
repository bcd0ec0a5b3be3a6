package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListTest {
  private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void open() {
    store = HistoryStore.open(dir.resolve("history.db"));
    store.startRun(TestRuns.run("r1aaaaaaaa").createdAt(T0).build());
    store.startRun(
        TestRuns.run("r2bbbbbbbb")
            .createdAt(T0.plusSeconds(60))
            .template("outline", "Outline {{premise}}")
            .build());
    store.startRun(
        TestRuns.run("r3cccccccc").createdAt(T0.plusSeconds(120)).model("deepseek-chat").build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void runsComeNewestFirstWithTheirSummary() {
    List<RunSummary> runs = store.list(Query.all());

    assertThat(runs)
        .extracting(RunSummary::id)
        .containsExactly("r3cccccccc", "r2bbbbbbbb", "r1aaaaaaaa");
    assertThat(runs.get(1))
        .isEqualTo(
            new RunSummary(
                "r2bbbbbbbb",
                T0.plusSeconds(60),
                "outline",
                "qwen2.5-7b-instruct",
                2,
                null,
                "",
                // Its drafts never finished and its process is gone.
                "interrupted"));
  }

  private static Draft ended(int index, Status outcome, String text) {
    return new Draft(index, text, null, outcome, null, "why", null);
  }

  @Test
  void theStatusOfARunFollowsItsDrafts() {
    // r1: both whole (one cut at the token limit, still delivered); r2: one whole, one failed;
    // r3: nothing whole, one cut short.
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(1, "One."), 1L, 2L);
    store.finishDraft("r1aaaaaaaa", ended(2, Status.TRUNCATED, "Two"), 1L, 2L);
    store.finishDraft("r2bbbbbbbb", TestRuns.complete(1, "One."), 1L, 2L);
    store.finishDraft("r2bbbbbbbb", ended(2, Status.FAILED, ""), 1L, 2L);
    store.finishDraft("r3cccccccc", ended(1, Status.INTERRUPTED, "On"), 1L, 2L);
    store.finishDraft("r3cccccccc", ended(2, Status.FAILED, ""), 1L, 2L);

    assertThat(store.list(Query.all()))
        .extracting(RunSummary::status)
        .containsExactly("interrupted", "partial", "ok");
    assertThat(ids(Query.all().withFailedOnly(true))).containsExactly("r3cccccccc", "r2bbbbbbbb");
  }

  @Test
  void aRunWhoseDraftsAllFailedIsFailed() {
    store.finishDraft("r1aaaaaaaa", ended(1, Status.FAILED, ""), 1L, 2L);
    store.finishDraft("r1aaaaaaaa", ended(2, Status.FAILED, ""), 1L, 2L);
    for (String whole : List.of("r2bbbbbbbb", "r3cccccccc")) {
      store.finishDraft(whole, TestRuns.complete(1, "One."), 1L, 2L);
      store.finishDraft(whole, TestRuns.complete(2, "Two."), 1L, 2L);
    }

    assertThat(ids(Query.all().withFailedOnly(true))).containsExactly("r1aaaaaaaa");
    assertThat(store.list(Query.all().withFailedOnly(true)).get(0).status()).isEqualTo("failed");
  }

  @Test
  void filtersNarrowTheList() {
    assertThat(ids(Query.all().withTemplate("outline"))).containsExactly("r2bbbbbbbb");
    assertThat(ids(Query.all().withModel("deepseek-chat"))).containsExactly("r3cccccccc");
    assertThat(ids(Query.all().withSince(T0.plusSeconds(60))))
        .containsExactly("r3cccccccc", "r2bbbbbbbb");
    assertThat(ids(Query.all().withLimit(2))).containsExactly("r3cccccccc", "r2bbbbbbbb");
    assertThat(ids(Query.all().withPickedOnly(true))).isEmpty();
  }

  @Test
  void thePreviewIsThePickedDraftOnOneLineAndShort() {
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(1, "First draft."), 1L, 2L);
    store.finishDraft(
        "r1aaaaaaaa",
        TestRuns.complete(
            2,
            "  The second draft\n\nruns over several lines and goes on well past sixty"
                + " characters of text."),
        1L,
        2L);
    store.setPicked("r1aaaaaaaa", 2);

    RunSummary summary = store.list(Query.all().withPickedOnly(true)).get(0);

    assertThat(summary.picked()).isEqualTo(2);
    assertThat(summary.preview())
        .isEqualTo("The second draft runs over several lines and goes on well pa…");
  }

  @Test
  void withoutAPickThePreviewIsTheFirstDraftWithText() {
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(2, "Only the second arrived."), 1L, 2L);

    assertThat(store.list(Query.all().withTemplate("article").withSince(T0)).get(1).preview())
        .isEqualTo("Only the second arrived.");
  }

  @Test
  void filtersAndTextCombine() {
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(1, "Rivers."), 1L, 2L);
    store.finishDraft("r3cccccccc", TestRuns.complete(1, "Rivers too."), 1L, 2L);

    assertThat(ids(Query.all().withText("river").withModel("deepseek-chat")))
        .containsExactly("r3cccccccc");
  }

  private List<String> ids(Query query) {
    return store.list(query).stream().map(RunSummary::id).toList();
  }
}
