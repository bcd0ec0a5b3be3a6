package dev.draft.draft;

/**
 * Receives the drafts' text while it streams. Indices count from 1. Calls may come from several
 * threads at once (one per request in flight); implementations synchronise what they share.
 */
public interface DraftListener {
  DraftListener NONE = new DraftListener() {};

  default void onText(int draft, String delta) {}

  default void onReasoning(int draft, String delta) {}

  /**
   * Draft {@code draft} ended with {@code outcome}, possibly before the others. The final outcome
   * is the one in the {@link DraftSet}; this is for showing progress.
   */
  default void onFinished(int draft, Status outcome) {}
}
