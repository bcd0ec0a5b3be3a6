package dev.draft.draft;

import dev.draft.client.Outcome;
import java.util.Locale;

/**
 * How a draft ended, as the user is told: the draft layer's own view of a choice's {@link Outcome},
 * so that what shows drafts (the views, the history) needs nothing of the client.
 */
public enum Status {
  /** The model finished it. */
  COMPLETE,
  /** The model stopped at the token limit. */
  TRUNCATED,
  /** The provider's content filter stopped it. */
  FILTERED,
  /** An error ended it; any text received so far is kept. */
  FAILED,
  /** The stream ended, or the user stopped it, before the model finished: the text is partial. */
  INTERRUPTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the draft came back as the model meant it (possibly cut at the limit or filtered). */
  public boolean delivered() {
    return this == COMPLETE || this == TRUNCATED || this == FILTERED;
  }

  /** The status of a draft whose choice ended with {@code outcome}. */
  public static Status of(Outcome outcome) {
    return switch (outcome) {
      case COMPLETE -> COMPLETE;
      case TRUNCATED -> TRUNCATED;
      case FILTERED -> FILTERED;
      case FAILED -> FAILED;
      case INTERRUPTED -> INTERRUPTED;
    };
  }
}
