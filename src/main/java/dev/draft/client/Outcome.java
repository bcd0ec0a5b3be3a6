package dev.draft.client;

import java.util.Locale;

/** How one candidate ended. The lower-case name is the {@code status} of the JSON output. */
public enum Outcome {
  /** A finish reason other than length or filtering arrived. */
  COMPLETE,
  /** The model stopped at the token limit ({@code length}, {@code model_length}). */
  TRUNCATED,
  /** The provider's content filter stopped it. */
  FILTERED,
  /** An error ended it; any text received so far is kept. */
  FAILED,
  /** The stream ended, or the user stopped it, before a finish reason: the text is partial. */
  INTERRUPTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the candidate was delivered as the model meant it (possibly cut at the limit). */
  public boolean delivered() {
    return this == COMPLETE || this == TRUNCATED || this == FILTERED;
  }

  /** Maps an OpenAI-style finish reason, an open set of strings, to an outcome. */
  public static Outcome fromFinishReason(String finishReason) {
    if (finishReason == null) {
      return INTERRUPTED;
    }
    return switch (finishReason.toLowerCase(Locale.ROOT)) {
      case "length", "model_length", "max_tokens" -> TRUNCATED;
      case "content_filter", "content-filter", "safety", "sensitive" -> FILTERED;
      case "error", "abort", "insufficient_system_resource" -> FAILED;
      default -> COMPLETE;
    };
  }
}
