/**
 * A byte-level Server-Sent-Events parser that follows the WHATWG EventSource parsing rules: {@link
 * dev.draft.client.sse.SseParser} takes the raw bytes of a {@code text/event-stream} body, split at
 * arbitrary points, and hands each complete {@link dev.draft.client.sse.SseEvent} to a handler. It
 * does no HTTP and no I/O, so the streaming client can feed it from any source and tests can drive
 * it with plain byte arrays.
 */
package dev.draft.client.sse;
