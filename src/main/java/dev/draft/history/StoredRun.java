package dev.draft.history;

import dev.draft.client.ChatMessage;
import dev.draft.client.Usage;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run read back from the history: every column of its {@code runs} row (see {@link NewRun} for
 * their meaning), its drafts in order and its events in the order they happened.
 *
 * @param usage the totals of every request, or null until the run finished
 * @param costUsd what the run cost, or null when prices are unknown
 * @param finishedAt when the run finished, or null when it has not (or its process died)
 * @param picked the index of the draft the user picked, or null
 * @param edits the text of each edited draft's latest {@code edit} event, by draft index, read once
 *     from {@code events} ({@link #latestEdits})
 */
public record StoredRun(
    String id,
    Instant createdAt,
    String template,
    String templateHash,
    String templateText,
    Map<String, String> variables,
    String input,
    String inputRef,
    String inputHash,
    Long inputChars,
    List<ChatMessage> messages,
    String profile,
    String baseUrl,
    String model,
    RunParams params,
    String method,
    int n,
    String parentRun,
    Integer parentDraft,
    String kind,
    Usage usage,
    Double costUsd,
    Long pid,
    String host,
    Instant finishedAt,
    Integer picked,
    List<StoredDraft> drafts,
    List<StoredEvent> events,
    Map<Integer, String> edits) {

  public StoredRun {
    // Kept in the stored order, which is the order the user gave them.
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    messages = List.copyOf(messages);
    drafts = List.copyOf(drafts);
    events = List.copyOf(events);
    edits = Map.copyOf(edits);
  }

  /** The run's parameters; for a run recorded without them, its {@code n} alone. */
  public RunParams paramsOrDefault() {
    return params == null ? RunParams.of(n) : params;
  }

  /** Draft {@code index} (from 1), if the run has it. */
  public Optional<StoredDraft> draft(int index) {
    return drafts.stream().filter(d -> d.index() == index).findFirst();
  }

  /**
   * The text of {@code draft} as the user last left it: the text of its latest {@code edit} event,
   * else the text the model generated. Showing, exporting, refining and merging a draft use this.
   */
  public String currentText(StoredDraft draft) {
    return edits.getOrDefault(draft.index(), draft.text());
  }

  /** Whether draft {@code index} has an {@code edit} event with a text. */
  public boolean edited(int index) {
    return edits.containsKey(index);
  }

  /**
   * The text of each draft's latest {@code edit} event, by draft index, from {@code events} in the
   * order they happened; each payload is parsed once.
   */
  public static Map<Integer, String> latestEdits(List<StoredEvent> events) {
    Map<Integer, String> edits = new HashMap<>();
    for (StoredEvent event : events) {
      if (event.draftIndex() != null) {
        event.editedText().ifPresent(text -> edits.put(event.draftIndex(), text));
      }
    }
    return edits;
  }

  /** Whether the input was stored by reference only (too large to keep). */
  public boolean inputByReference() {
    return input == null && inputHash != null;
  }
}
