package dev.draft.draft;

import dev.draft.client.Choice;
import dev.draft.client.Usage;

/**
 * One candidate of a run, numbered from 1 as the user sees it, with its own outcome.
 *
 * @param error why it failed or is partial, or null
 */
public record Draft(
    int index,
    String text,
    String reasoning,
    Status status,
    String finishReason,
    String error,
    Usage usage) {

  static Draft from(int index, Choice choice) {
    return new Draft(
        index,
        choice.text(),
        choice.reasoning(),
        Status.of(choice.outcome()),
        choice.finishReason(),
        choice.error(),
        choice.usage());
  }

  /** This draft with another text (its current, edited text, say); the rest unchanged. */
  public Draft withText(String value) {
    return new Draft(index, value, reasoning, status, finishReason, error, usage);
  }

  public boolean delivered() {
    return status.delivered();
  }
}
