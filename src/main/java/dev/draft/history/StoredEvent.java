package dev.draft.history;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code events}: something the user did with a run after it was generated.
 *
 * @param draftIndex the draft it concerns, or null for the whole run
 * @param kind {@code pick}, {@code star}, {@code edit}, {@code judge} or {@code discard}
 * @param payload a JSON document, or null
 */
public record StoredEvent(long id, Integer draftIndex, String kind, String payload, Instant at) {

  /**
   * The full text of an {@code edit} event (its payload's {@code text}); empty for other kinds and
   * for an edit whose payload has no text.
   *
   * @throws HistoryException when the payload is not JSON
   */
  public Optional<String> editedText() {
    return "edit".equals(kind) ? JsonColumns.text(payload) : Optional.empty();
  }
}
