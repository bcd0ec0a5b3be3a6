package dev.draft.history;

import dev.draft.client.ChatMessage;
import dev.draft.client.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One finished item of a batch run, as the history keeps it.
 *
 * @param itemId the item's id in its source
 * @param status {@code complete} or {@code failed}
 * @param variables the item's variables
 * @param messages the prompt sent for it, or null when none was (a bad line)
 * @param text the draft kept for it, or null
 * @param error why it failed, or null
 * @param usage the tokens its requests took, or null when none were reported
 * @param at when it finished
 */
public record BatchItemRow(
    String itemId,
    String status,
    Map<String, String> variables,
    List<ChatMessage> messages,
    String text,
    String error,
    Usage usage,
    Instant at) {
  public BatchItemRow {
    variables = Map.copyOf(variables);
    messages = messages == null ? null : List.copyOf(messages);
  }
}
