package dev.draft.client.sse;

import java.util.Objects;

/**
 * One dispatched Server-Sent Event.
 *
 * @param event the value of the last {@code event:} field in the event, or {@code null} when there
 *     was none or it was empty (the spec treats both as the default {@code message} type)
 * @param data the {@code data:} lines of the event joined with {@code \n}; never {@code null}, and
 *     {@code ""} for an event made of a single empty {@code data:} line
 * @param id the last event ID seen on the stream so far (it carries over from earlier events), or
 *     {@code null} when none was seen or the last {@code id:} field was empty
 */
public record SseEvent(String event, String data, String id) {
  /** Rejects a {@code null} data, which the parser never produces. */
  public SseEvent {
    Objects.requireNonNull(data, "data");
  }
}
