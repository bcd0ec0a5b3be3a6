package dev.draft.batch;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import java.util.List;

/**
 * One line of a batch engine's output, as drafts: the answer to one item's request.
 *
 * @param customId the item's id, or null when the line is not a batch result at all
 * @param drafts the candidates of the answer, numbered from 1, each with {@link Usage#NONE}; empty
 *     when the request failed
 * @param usage the tokens the whole request took
 * @param error why the request failed ({@code HTTP 400: ...}, the engine's error message, {@code
 *     line 7: not a batch result}), or null
 * @param line the line's number in the file, from 1
 */
public record EngineResult(
    String customId, List<Draft> drafts, Usage usage, String error, long line) {
  public EngineResult {
    drafts = List.copyOf(drafts);
  }

  /** Whether the engine answered the request: there is no error. */
  public boolean answered() {
    return error == null;
  }
}
