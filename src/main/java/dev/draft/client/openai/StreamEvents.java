package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.sse.SseParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Takes the events of one streamed answer into a {@link ChoiceAccumulator}, up to {@code [DONE]}.
 * An ordinary chunk is read by a {@link ChunkReader} straight from the event's bytes when they are
 * plain ASCII, else from its text; error events, data that is not a JSON object and chunks the
 * reader is unsure of are parsed as a JSON tree, as every chunk once was. Not thread-safe: one
 * instance serves one stream.
 */
final class StreamEvents implements SseParser.ByteHandler {
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final ChoiceAccumulator acc;
  private final ErrorMessages errors;
  private final ChunkReader reader = new ChunkReader();
  private boolean done;

  StreamEvents(ChoiceAccumulator acc, ErrorMessages errors) {
    this.acc = acc;
    this.errors = errors;
  }

  /** Whether {@code [DONE]} arrived: the answer is complete and later events are ignored. */
  boolean done() {
    return done;
  }

  @Override
  public void onEvent(String event, byte[] data, int length) {
    if (done) {
      return;
    }
    if ("error".equals(event) || !isPlainAscii(data, length)) {
      onText(event, SseParser.decodeData(data, length));
      return;
    }
    // What String.strip() leaves of the same text, which is all ASCII.
    int start = 0;
    int end = length;
    while (start < end && Character.isWhitespace(data[start])) {
      start++;
    }
    while (end > start && Character.isWhitespace(data[end - 1])) {
      end--;
    }
    if (start == end) {
      return;
    }
    if (Arrays.equals(data, start, end, DONE, 0, DONE.length)) {
      done = true;
      return;
    }
    StreamChunk chunk = reader.read(data, start, end - start);
    if (chunk != null) {
      acc.accept(chunk);
    } else {
      readTree(event, new String(data, start, end - start, StandardCharsets.US_ASCII));
    }
  }

  /** Takes one event whose data is already text. */
  void onText(String event, String data) {
    String text = data.strip();
    if (done || text.isEmpty()) {
      return;
    }
    if (text.equals("[DONE]")) {
      done = true;
      return;
    }
    StreamChunk chunk = "error".equals(event) ? null : reader.read(text);
    if (chunk != null) {
      acc.accept(chunk);
    } else {
      readTree(event, text);
    }
  }

  /**
   * Reads an event as a tree: an error event or chunk fails the candidates that have not finished,
   * with the server's words; data that is not JSON is only an error in an error event.
   */
  private void readTree(String event, String text) {
    JsonNode chunk;
    try {
      chunk = Json.MAPPER.readTree(text);
    } catch (IOException notJson) {
      if ("error".equals(event)) {
        acc.acceptError(errors.redact(ServerError.collapse(text)));
      }
      return;
    }
    if ("error".equals(event) && !chunk.has("choices")) {
      acc.acceptError(errors.redact(ServerError.fromObject(chunk).message()));
    } else if (chunk.has("error") && !chunk.get("error").isNull()) {
      acc.acceptError(errors.redact(ServerError.fromObject(chunk).message()));
    } else {
      acc.acceptChunk(chunk);
    }
  }

  /**
   * Whether the bytes are ASCII without NUL, so that Jackson reads them exactly as the decoded
   * String: no malformed UTF-8 to decode its own way, and no zero byte or byte order mark to take
   * for another encoding.
   */
  private static boolean isPlainAscii(byte[] data, int length) {
    for (int i = 0; i < length; i++) {
      if (data[i] <= 0) {
        return false;
      }
    }
    return true;
  }
}
