package dev.draft.client;

/**
 * Receives text as it streams. Calls for one request come from one thread, in arrival order; the
 * index is the endpoint's {@code choices[].index}.
 */
public interface StreamListener {
  StreamListener NONE = new StreamListener() {};

  default void onText(int index, String delta) {}

  default void onReasoning(int index, String delta) {}

  /** The choice's finish reason arrived ({@code stop}, {@code length}, …): it is complete. */
  default void onFinishReason(int index, String finishReason) {}
}
