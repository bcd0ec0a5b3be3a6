package dev.draft.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.draft.Judgement;
import dev.draft.history.HistoryException;
import dev.draft.history.HistoryStore;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Records what the user did with a run's drafts as rows of {@code events}, with the payloads
 * documented in docs/history-schema.md. Each call opens the history, writes and closes it, so it
 * works from any command and from the pick view, long after the run was recorded.
 *
 * <p>Every method throws {@link HistoryException} when the history cannot be written or has no such
 * run (or draft): a command that only records (pick, edit) fails with it; one that generated drafts
 * first reports it and keeps the drafts.
 */
final class Events {
  /** Who or what made a pick: the {@code by} of its payload. */
  enum PickedBy {
    /** The interactive compare/pick view. */
    VIEW("view"),
    /** {@code --pick K} on a generating command. */
    PICK_OPTION("--pick"),
    /** {@code draft pick RUN --choose K}. */
    CHOOSE_OPTION("--choose"),
    /** {@code --pick judge}: the judge's first choice. */
    JUDGE("judge");

    private final String label;

    PickedBy(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private final Path db;

  Events(Path db) {
    this.db = db;
  }

  /** The events of the history of {@code context}. */
  static Events of(Context context) {
    return new Events(context.dirs().historyDb());
  }

  /** Draft {@code draft} was picked: a {@code pick} event and the run's {@code picked} column. */
  void pick(String run, int draft, PickedBy by) {
    try (HistoryStore store = HistoryStore.open(db)) {
      store.setPicked(run, draft);
      store.addEvent(run, draft, "pick", json(p -> p.put("by", by.label())));
    }
  }

  /** Draft {@code draft} was starred, or unstarred. */
  void star(String run, int draft, boolean starred) {
    add(run, draft, "star", json(p -> p.put("starred", starred)));
  }

  /** Draft {@code draft} was set aside, or taken back. */
  void discard(String run, int draft, boolean discarded) {
    add(run, draft, "discard", json(p -> p.put("discarded", discarded)));
  }

  /**
   * Draft {@code draft} was edited; {@code text} is its whole new text, which from now on is its
   * current text ({@link dev.draft.history.StoredRun#currentText}).
   */
  void edit(String run, int draft, String text) {
    add(
        run,
        draft,
        "edit",
        json(p -> p.put("text", text).put("chars", text.codePointCount(0, text.length()))));
  }

  /** A judge ranked the run's drafts; an event of the whole run. */
  void judge(String run, Judgement judgement) {
    add(
        run,
        null,
        "judge",
        json(
            p -> {
              judgement.ranking().forEach(p.putArray("ranking")::add);
              ObjectNode notes = p.putObject("notes");
              judgement.notes().forEach((draft, note) -> notes.put(String.valueOf(draft), note));
              p.put("model", judgement.model());
              ObjectNode shownAs = p.putObject("shown_as");
              judgement.shownAs().forEach(shownAs::put);
            }));
  }

  private void add(String run, Integer draft, String kind, String payload) {
    try (HistoryStore store = HistoryStore.open(db)) {
      store.addEvent(run, draft, kind, payload);
    }
  }

  private static String json(Consumer<ObjectNode> fill) {
    ObjectNode payload = JsonText.MAPPER.createObjectNode();
    fill.accept(payload);
    return JsonText.write(payload);
  }
}
