package dev.draft.draft;

import dev.draft.client.EndpointException;
import dev.draft.client.Usage;
import java.util.Comparator;
import java.util.List;

/**
 * The N drafts of one generation, in order, never flattened.
 *
 * @param usage the tokens of every request made for them
 * @param method how the candidates were obtained: {@code native} (one request with {@code n}),
 *     {@code fan-out} (parallel single requests) or {@code mixed}
 * @param firstFailure the first request that failed as a whole, or null
 */
public record DraftSet(
    List<Draft> drafts, Usage usage, String method, EndpointException firstFailure) {

  public DraftSet {
    // In order of their numbers, whichever request came back first: callers pick by position.
    drafts = drafts.stream().sorted(Comparator.comparingInt(Draft::index)).toList();
  }

  public int deliveredCount() {
    return (int) drafts.stream().filter(Draft::delivered).count();
  }

  public boolean allDelivered() {
    return deliveredCount() == drafts.size();
  }

  /** Whether nothing at all came back: no delivered draft and no partial text. */
  public boolean nothingDelivered() {
    return drafts.stream().noneMatch(d -> d.delivered() || !d.text().isEmpty());
  }
}
