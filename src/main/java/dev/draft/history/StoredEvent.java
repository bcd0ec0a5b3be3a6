package dev.draft.history;

import java.time.Instant;

/**
 * One row of {@code events}: something the user did with a run after it was generated.
 *
 * @param draftIndex the draft it concerns, or null for the whole run
 * @param kind {@code pick}, {@code star}, {@code edit}, {@code judge} or {@code discard}
 * @param payload a JSON document, or null
 */
public record StoredEvent(long id, Integer draftIndex, String kind, String payload, Instant at) {}
