package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.draft.client.ChatMessage;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
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
  void aStartedRunHoldsEveryFieldAndOneStreamingDraftPerCandidate() {
    Instant created = Instant.parse("2025-03-04T05:06:07.891234Z");
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("topic", "tea");
    variables.put("audience", "gardeners");
    store.startRun(TestRuns.run("r0parent00").build());

    store.startRun(
        NewRun.builder("r1aaaaaaaa")
            .createdAt(created)
            .template("article", TestRuns.TEMPLATE_TEXT)
            .variables(variables)
            .input("notes.md", "Some notes on tea.")
            .messages(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Tea, please.")))
            .profile("work")
            .baseUrl("https://api.example.com/v1")
            .model("gpt-4o-mini")
            .params(new RunParams(3, 0.9, 800, 42L, "temperature"))
            .method("native")
            .parent("r0parent00", 2)
            .kind("refine")
            .process(4242L, "desk")
            .build());

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
    assertThat(run.id()).isEqualTo("r1aaaaaaaa");
    assertThat(run.createdAt()).isEqualTo(created.truncatedTo(ChronoUnit.MILLIS));
    assertThat(run.template()).isEqualTo("article");
    assertThat(run.templateText()).isEqualTo(TestRuns.TEMPLATE_TEXT);
    assertThat(run.templateHash()).isEqualTo(Sha256.hex(TestRuns.TEMPLATE_TEXT)).hasSize(64);
    assertThat(run.variables())
        .containsExactly(Map.entry("topic", "tea"), Map.entry("audience", "gardeners"));
    assertThat(run.input()).isEqualTo("Some notes on tea.");
    assertThat(run.inputRef()).isEqualTo("notes.md");
    assertThat(run.inputHash()).isEqualTo(Sha256.hex("Some notes on tea."));
    assertThat(run.inputChars()).isEqualTo(18);
    assertThat(run.inputByReference()).isFalse();
    assertThat(run.messages())
        .containsExactly(ChatMessage.system("Be brief."), ChatMessage.user("Tea, please."));
    assertThat(run.profile()).isEqualTo("work");
    assertThat(run.baseUrl()).isEqualTo("https://api.example.com/v1");
    assertThat(run.model()).isEqualTo("gpt-4o-mini");
    assertThat(run.params()).isEqualTo(new RunParams(3, 0.9, 800, 42L, "temperature"));
    assertThat(run.method()).isEqualTo("native");
    assertThat(run.n()).isEqualTo(3);
    assertThat(run.parentRun()).isEqualTo("r0parent00");
    assertThat(run.parentDraft()).isEqualTo(2);
    assertThat(run.kind()).isEqualTo("refine");
    assertThat(run.pid()).isEqualTo(4242L);
    assertThat(run.host()).isEqualTo("desk");
    assertThat(run.usage()).isNull();
    assertThat(run.costUsd()).isNull();
    assertThat(run.finishedAt()).isNull();
    assertThat(run.picked()).isNull();
    assertThat(run.events()).isEmpty();
    assertThat(run.drafts())
        .extracting(StoredDraft::index, StoredDraft::text, StoredDraft::status)
        .containsExactly(
            tuple(1, "", DraftStatus.STREAMING),
            tuple(2, "", DraftStatus.STREAMING),
            tuple(3, "", DraftStatus.STREAMING));
  }

  @Test
  void progressThenTheEndOfEachDraftThenTheRunAreAllKept() {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());

    store.saveProgress("r1aaaaaaaa", 1, "Tea is", "thinking");
    store.saveProgress("r1aaaaaaaa", 2, "Leaves", null);
    assertThat(store.run("r1aaaaaaaa").orElseThrow().draft(1).orElseThrow())
        .extracting(StoredDraft::text, StoredDraft::reasoning, StoredDraft::status)
        .containsExactly("Tea is", "thinking", DraftStatus.STREAMING);

    store.finishDraft(
        "r1aaaaaaaa",
        new Draft(
            1, "Tea is old.", "thinking more", Status.COMPLETE, "stop", null, new Usage(10, 5)),
        120L,
        800L);
    store.finishDraft(
        "r1aaaaaaaa",
        new Draft(2, "Leaves and", null, Status.TRUNCATED, "length", null, new Usage(10, 64)),
        150L,
        990L);
    store.finishRun("r1aaaaaaaa", new Usage(20, 69), 0.0021, "mixed");

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
    assertThat(run.drafts())
        .containsExactly(
            new StoredDraft(
                1,
                "Tea is old.",
                "thinking more",
                DraftStatus.COMPLETE,
                "stop",
                null,
                new Usage(10, 5),
                120L,
                800L,
                run.draft(1).orElseThrow().updatedAt()),
            new StoredDraft(
                2,
                "Leaves and",
                null,
                DraftStatus.TRUNCATED,
                "length",
                null,
                new Usage(10, 64),
                150L,
                990L,
                run.draft(2).orElseThrow().updatedAt()));
    assertThat(run.usage()).isEqualTo(new Usage(20, 69));
    assertThat(run.costUsd()).isEqualTo(0.0021);
    assertThat(run.method()).isEqualTo("mixed");
    assertThat(run.finishedAt()).isNotNull();
    assertThat(run.draft(1).orElseThrow().toDraft())
        .isEqualTo(
            new Draft(
                1,
                "Tea is old.",
                "thinking more",
                Status.COMPLETE,
                "stop",
                null,
                new Usage(10, 5)));
  }

  @Test
  void aFailedDraftKeepsItsPartialTextAndError() {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());
    store.saveProgress("r1aaaaaaaa", 2, "Half a sen", null);

    store.finishDraft(
        "r1aaaaaaaa",
        new Draft(2, "Half a sen", null, Status.FAILED, null, "connection reset", Usage.NONE),
        100L,
        null);

    StoredDraft draft = store.run("r1aaaaaaaa").orElseThrow().draft(2).orElseThrow();
    assertThat(draft.status()).isEqualTo(DraftStatus.FAILED);
    assertThat(draft.text()).isEqualTo("Half a sen");
    assertThat(draft.error()).isEqualTo("connection reset");
    assertThat(draft.totalMs()).isNull();
  }

  @Test
  void progressAfterTheDraftFinishedChangesNothing() {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(1, "The whole text."), 1L, 2L);

    store.saveProgress("r1aaaaaaaa", 1, "The whole", null);

    assertThat(store.run("r1aaaaaaaa").orElseThrow().draft(1).orElseThrow().text())
        .isEqualTo("The whole text.");
  }

  @Test
  void draftsStillStreamingWhenTheRunFinishesAreInterruptedNotComplete() {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());
    store.saveProgress("r1aaaaaaaa", 2, "Cut off mid", null);
    store.finishDraft("r1aaaaaaaa", TestRuns.complete(1, "Done."), 1L, 2L);

    store.finishRun("r1aaaaaaaa", new Usage(1, 2), null, null);

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
    assertThat(run.draft(2).orElseThrow())
        .extracting(StoredDraft::status, StoredDraft::text, StoredDraft::error)
        .containsExactly(DraftStatus.INTERRUPTED, "Cut off mid", HistoryStore.RUN_ENDED);
    assertThat(run.draft(1).orElseThrow().status()).isEqualTo(DraftStatus.COMPLETE);
  }

  @Test
  void eventsAndThePickAreRecordedInOrder() {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());

    long first = store.addEvent("r1aaaaaaaa", 2, "pick", null);
    long second = store.addEvent("r1aaaaaaaa", 2, "edit", "{\"chars\": 12}");
    store.setPicked("r1aaaaaaaa", 2);

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
    assertThat(second).isGreaterThan(first);
    assertThat(run.picked()).isEqualTo(2);
    assertThat(run.events())
        .extracting(
            StoredEvent::id, StoredEvent::draftIndex, StoredEvent::kind, StoredEvent::payload)
        .containsExactly(
            tuple(first, 2, "pick", null), tuple(second, 2, "edit", "{\"chars\": 12}"));
    assertThat(run.events()).allSatisfy(e -> assertThat(e.at()).isNotNull());
  }

  @Test
  void badEventsAndPicksAreRefused() {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());

    assertThatThrownBy(() -> store.addEvent("r1aaaaaaaa", 1, "like", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event kind must be one of");
    assertThatThrownBy(() -> store.addEvent("r1aaaaaaaa", 1, "edit", "{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be JSON");
    assertThatThrownBy(() -> store.setPicked("r1aaaaaaaa", 3))
        .isInstanceOf(HistoryException.class)
        .hasMessage("run r1aaaaaaaa has no draft 3");
    assertThatThrownBy(() -> store.addEvent("r9nothere0", null, "star", null))
        .isInstanceOf(HistoryException.class)
        .hasMessage("no run r9nothere0 in the history");
  }

  @Test
  void aTakenIdOrAnUnknownParentIsRefusedWithoutWritingAnything() {
    store.startRun(TestRuns.run("r1aaaaaaaa").build());

    assertThatThrownBy(() -> store.startRun(TestRuns.run("r1aaaaaaaa").build()))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining("already in the history");
    assertThatThrownBy(
            () -> store.startRun(TestRuns.run("r1bbbbbbbb").parent("r9nothere0", 1).build()))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining("parent run r9nothere0 is not in the history");
    assertThat(store.list(Query.all())).extracting(RunSummary::id).containsExactly("r1aaaaaaaa");
  }

  @Test
  void writesToAnUnknownRunFail() {
    assertThatThrownBy(() -> store.finishDraft("r9nothere0", TestRuns.complete(1, "x"), 1L, 1L))
        .isInstanceOf(HistoryException.class)
        .hasMessage("no run r9nothere0 in the history");
    assertThatThrownBy(() -> store.finishRun("r9nothere0", Usage.NONE, null, null))
        .isInstanceOf(HistoryException.class)
        .hasMessage("no run r9nothere0 in the history");
  }

  @Test
  void anInterruptedThreadStillSavesItsDrafts() {
    // After Ctrl-C the generating threads may be interrupted; their partial text must still land.
    store.startRun(TestRuns.run("r1aaaaaaaa").build());

    Thread.currentThread().interrupt();
    try {
      store.saveProgress("r1aaaaaaaa", 1, "Partial", null);
      store.finishDraft(
          "r1aaaaaaaa",
          new Draft(1, "Partial", null, Status.INTERRUPTED, null, "stopped", Usage.NONE),
          5L,
          9L);
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
    }

    assertThat(store.run("r1aaaaaaaa").orElseThrow().draft(1).orElseThrow())
        .extracting(StoredDraft::text, StoredDraft::status)
        .containsExactly("Partial", DraftStatus.INTERRUPTED);
  }

  @Test
  void aVeryLargeInputIsStoredApartWithItsReferenceAndHash() {
    // Issue 9: a large input is no longer dropped but stored once, apart (LargeInputTest).
    String huge = "x".repeat(NewRun.INLINE_INPUT_LIMIT + 1);

    store.startRun(TestRuns.run("r1aaaaaaaa").input("/tmp/book.txt", huge).build());

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
    assertThat(run.input()).isEqualTo(huge);
    assertThat(run.inputByReference()).isFalse();
    assertThat(run.inputRef()).isEqualTo("/tmp/book.txt");
    assertThat(run.inputHash()).isEqualTo(Sha256.hex(huge));
    assertThat(run.inputChars()).isEqualTo(huge.length());
  }

  @Test
  void aRunWithoutTemplateOrInputHasNullsThere() {
    store.startRun(
        NewRun.builder("r1aaaaaaaa")
            .messages(List.of(ChatMessage.user("Say hi.")))
            .params(RunParams.of(1))
            .build());

    StoredRun run = store.run("r1aaaaaaaa").orElseThrow();
    assertThat(run.template()).isNull();
    assertThat(run.templateHash()).isNull();
    assertThat(run.input()).isNull();
    assertThat(run.inputHash()).isNull();
    assertThat(run.variables()).isEmpty();
    assertThat(run.params()).isEqualTo(RunParams.of(1));
    assertThat(run.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(run.host()).isEqualTo(ThisHost.name());
  }
}
