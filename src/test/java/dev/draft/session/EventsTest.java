package dev.draft.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.draft.client.ChatMessage;
import dev.draft.draft.Judgement;
import dev.draft.history.HistoryException;
import dev.draft.history.HistoryStore;
import dev.draft.history.NewRun;
import dev.draft.history.RunParams;
import dev.draft.history.StoredEvent;
import dev.draft.history.StoredRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payloads of the events, exactly as docs/history-schema.md documents them. */
class EventsTest {
  @TempDir Path dir;
  Path db;
  Events events;

  @BeforeEach
  void setUp() {
    db = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(db)) {
      store.startRun(
          NewRun.builder("r1aaaaaaaa")
              .messages(List.of(ChatMessage.user("Name three colours")))
              .params(RunParams.of(3))
              .build());
    }
    events = new Events(db);
  }

  private StoredRun run() {
    try (HistoryStore store = HistoryStore.open(db)) {
      return store.run("r1aaaaaaaa").orElseThrow();
    }
  }

  @Test
  void everyKindHasItsDocumentedPayload() {
    events.pick("r1aaaaaaaa", 2, Events.PickedBy.VIEW);
    events.star("r1aaaaaaaa", 2, true);
    events.discard("r1aaaaaaaa", 3, true);
    events.discard("r1aaaaaaaa", 3, false);
    events.edit("r1aaaaaaaa", 2, "Grün.\nMore.");
    Map<String, Integer> shownAs = new LinkedHashMap<>();
    shownAs.put("A", 2);
    shownAs.put("B", 3);
    shownAs.put("C", 1);
    events.judge("r1aaaaaaaa", new Judgement(List.of(3, 1, 2), Map.of(3, "Vivid."), "m1", shownAs));

    StoredRun run = run();
    assertThat(run.picked()).isEqualTo(2);
    assertThat(run.events())
        .extracting(StoredEvent::kind, StoredEvent::draftIndex, StoredEvent::payload)
        .containsExactly(
            tuple("pick", 2, "{\"by\":\"view\"}"),
            tuple("star", 2, "{\"starred\":true}"),
            tuple("discard", 3, "{\"discarded\":true}"),
            tuple("discard", 3, "{\"discarded\":false}"),
            tuple("edit", 2, "{\"text\":\"Grün.\\nMore.\",\"chars\":11}"),
            tuple(
                "judge",
                null,
                "{\"ranking\":[3,1,2],\"notes\":{\"3\":\"Vivid.\"},\"model\":\"m1\","
                    + "\"shown_as\":{\"A\":2,\"B\":3,\"C\":1}}"));
    assertThat(run.currentText(run.draft(2).orElseThrow())).isEqualTo("Grün.\nMore.");
  }

  @Test
  void anUnknownRunOrDraftIsAHistoryError() {
    assertThatThrownBy(() -> events.star("r9zzzzzzzz", 1, true))
        .isInstanceOf(HistoryException.class)
        .hasMessage("no run r9zzzzzzzz in the history");
    assertThatThrownBy(() -> events.pick("r1aaaaaaaa", 7, Events.PickedBy.CHOOSE_OPTION))
        .isInstanceOf(HistoryException.class)
        .hasMessage("run r1aaaaaaaa has no draft 7");
  }
}
