package dev.draft.client;

/**
 * One candidate of a chat completion, identified by the endpoint's {@code choices[].index} (from
 * 0).
 *
 * @param text the answer text received, complete or partial, never null
 * @param reasoning the reasoning text ({@code reasoning_content} or {@code reasoning}), or null
 * @param finishReason the endpoint's finish reason as sent, or null when none arrived
 * @param error why the candidate failed or was cut short, or null
 */
public record Choice(
    int index,
    String text,
    String reasoning,
    String finishReason,
    Outcome outcome,
    String error,
    Usage usage) {

  public Choice withIndex(int newIndex) {
    return new Choice(newIndex, text, reasoning, finishReason, outcome, error, usage);
  }

  public static Choice failed(int index, String error) {
    return new Choice(index, "", null, null, Outcome.FAILED, error, Usage.NONE);
  }

  public static Choice interrupted(int index, String why) {
    return new Choice(index, "", null, null, Outcome.INTERRUPTED, why, Usage.NONE);
  }
}
