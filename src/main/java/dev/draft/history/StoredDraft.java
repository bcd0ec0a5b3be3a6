package dev.draft.history;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import java.time.Instant;

/**
 * One row of {@code drafts}: a candidate as far as it got.
 *
 * @param index its number in the run, from 1
 * @param text the text received, possibly partial; empty when nothing arrived
 * @param reasoning the reasoning text kept apart from the draft, or null
 * @param error why it failed or is partial, or null
 * @param usage its tokens, or null when not reported yet
 * @param firstTokenMs milliseconds from the request to the first token, or null
 * @param totalMs milliseconds from the request to the end, or null
 * @param updatedAt when the row was last written
 */
public record StoredDraft(
    int index,
    String text,
    String reasoning,
    DraftStatus status,
    String finishReason,
    String error,
    Usage usage,
    Long firstTokenMs,
    Long totalMs,
    Instant updatedAt) {

  /** The draft as the rest of draft sees one; one still streaming counts as interrupted. */
  public Draft toDraft() {
    return new Draft(
        index,
        text,
        reasoning,
        status.outcome(),
        finishReason,
        error,
        usage == null ? Usage.NONE : usage);
  }
}
