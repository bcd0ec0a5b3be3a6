package dev.draft.batch;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import java.util.List;

/**
 * How one item of a batch ended, as the destination records it.
 *
 * @param item the item
 * @param chosen the draft written for it (by {@code --select}); for a failed item, the text that
 *     came back anyway (cut at the token limit, say), kept with the error; else null
 * @param candidates every candidate, when {@code --keep-all} asks for them all; else empty
 * @param status {@code complete} (a whole draft was written), or {@code failed}: the item's
 *     problem, or every candidate failed, was cut short or filtered
 * @param error why it failed, or null
 * @param usage the tokens all its requests took
 */
public record BatchResult(
    BatchItem item,
    Draft chosen,
    List<Draft> candidates,
    String status,
    String error,
    Usage usage) {
  public static final String COMPLETE = "complete";
  public static final String FAILED = "failed";

  public BatchResult {
    candidates = List.copyOf(candidates);
  }

  public boolean complete() {
    return COMPLETE.equals(status);
  }

  /** A failed item: nothing is written for it but the error. */
  public static BatchResult failed(BatchItem item, String error, Usage usage) {
    return new BatchResult(item, null, List.of(), FAILED, error, usage);
  }
}
