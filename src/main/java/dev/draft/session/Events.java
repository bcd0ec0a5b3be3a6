package dev.draft.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.draft.Judgement;
import dev.draft.history.HistoryException;
import dev.draft.history.HistoryStore;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Records what the user did with a run's drafts as rows of {@code events}, with the payloads
 * documented in docs/history-schema.md. The history is opened at the first write and kept open
 * until {@link #close}, so a pick view that records a star per key press opens it once.
 *
 * <p>A write the history refuses (it cannot be written, or has no such run or draft) throws {@link
 * HistoryException} from {@link #of} events: a command that only records (pick, edit) fails with
 * it. Events made {@link #reporting} say so in one line instead and go on: a command that generated
 * drafts, or the pick view, keeps its drafts whatever the history does.
 */
public final class Events implements AutoCloseable {
  /** Who or what made a pick: the {@code by} of its payload. */
  public enum PickedBy {
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

    public String label() {
      return label;
    }
  }

  private final Path db;
  private final Consumer<String> problems;
  private HistoryStore store;

  /**
   * @param problems where a refused write is reported, or null to throw it
   */
  private Events(Path db, Consumer<String> problems) {
    this.db = db;
    this.problems = problems;
  }

  public Events(Path db) {
    this(db, null);
  }

  /** The events of the history of {@code context}; a refused write throws. */
  public static Events of(Context context) {
    return new Events(context.dirs().historyDb());
  }

  /**
   * The events of the history of {@code context}; a refused write is a line to {@code problems}.
   */
  public static Events reporting(Context context, Consumer<String> problems) {
    return new Events(context.dirs().historyDb(), problems);
  }

  /** Draft {@code draft} was picked: a {@code pick} event and the run's {@code picked} column. */
  public void pick(String run, int draft, PickedBy by) {
    write(
        "the pick",
        store -> {
          store.setPicked(run, draft);
          store.addEvent(run, draft, "pick", json(p -> p.put("by", by.label())));
        });
  }

  /** Draft {@code draft} was starred, or unstarred. */
  public void star(String run, int draft, boolean starred) {
    add("the star", run, draft, "star", json(p -> p.put("starred", starred)));
  }

  /** Draft {@code draft} was set aside, or taken back. */
  public void discard(String run, int draft, boolean discarded) {
    add("setting it aside", run, draft, "discard", json(p -> p.put("discarded", discarded)));
  }

  /**
   * Draft {@code draft} was edited; {@code text} is its whole new text, which from now on is its
   * current text ({@link dev.draft.history.StoredRun#currentText}).
   */
  public void edit(String run, int draft, String text) {
    add(
        "your edit of " + run + "/" + draft,
        run,
        draft,
        "edit",
        json(p -> p.put("text", text).put("chars", text.codePointCount(0, text.length()))));
  }

  /** A judge ranked the run's drafts; an event of the whole run. */
  public void judge(String run, Judgement judgement) {
    add(
        "the judge's ranking",
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

  private void add(String what, String run, Integer draft, String kind, String payload) {
    write(what, store -> store.addEvent(run, draft, kind, payload));
  }

  private void write(String what, Consumer<HistoryStore> action) {
    try {
      if (store == null) {
        store = HistoryStore.open(db);
      }
      action.accept(store);
    } catch (HistoryException e) {
      if (problems == null) {
        throw e;
      }
      problems.accept("draft: " + what + " is not recorded: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  private static String json(Consumer<ObjectNode> fill) {
    ObjectNode payload = JsonText.MAPPER.createObjectNode();
    fill.accept(payload);
    return JsonText.write(payload);
  }
}
