package dev.draft.history;

/**
 * The notes a past run read a long input into: a {@code notes} event's payload and its run.
 *
 * @param runId the run whose event it is
 * @param payload the event's JSON payload (see docs/history-schema.md)
 */
public record StoredNotes(String runId, String payload) {}
