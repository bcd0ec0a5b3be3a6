package dev.draft.client.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental parser for a {@code text/event-stream} body, following the WHATWG EventSource
 * "interpreting an event stream" rules.
 *
 * <p>Bytes arrive through {@link #feed} in chunks split anywhere; every complete event is passed to
 * the {@link Handler} as soon as its terminating blank line has been read. Lines end with LF, CR or
 * CRLF (also when the CR and the LF arrive in different chunks); a leading UTF-8 byte order mark is
 * dropped; each line is decoded as UTF-8 on its own, with malformed bytes becoming U+FFFD. Lines
 * starting with {@code :} are comments. The fields {@code data}, {@code event} and {@code id} are
 * understood; {@code retry} and unknown fields are ignored. Unlike a browser, {@link #finish} also
 * dispatches a last event that has data but lacks the closing blank line, because real servers
 * often end the stream that way.
 *
 * <p>Work is linear in the input size whatever the chunking: bytes of an unfinished line are kept
 * in a growable byte buffer and decoded once, never re-decoded or re-concatenated per chunk. The
 * data of an event is kept as bytes and decoded when the event is dispatched, or not at all for a
 * {@link ByteHandler}, which parses the bytes itself.
 *
 * <p>Not thread-safe: feed one instance from one thread (or synchronise externally). The handler
 * runs on the calling thread, inside {@code feed} or {@code finish}; if it throws, the exception
 * propagates, the rest of that chunk is not parsed, and the parser should be discarded.
 */
public final class SseParser {

  /** Receives each dispatched event, in stream order. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Called once per dispatched event.
     *
     * @param event the event; never {@code null}
     */
    void onEvent(SseEvent event);
  }

  /**
   * Receives each dispatched event with its data undecoded, for a consumer that parses the bytes
   * itself and would otherwise pay for a String it only parses again.
   */
  @FunctionalInterface
  public interface ByteHandler {
    /**
     * Called once per dispatched event.
     *
     * @param event as {@link SseEvent#event}
     * @param data holds the event's data lines joined with LF, in UTF-8 that may be malformed;
     *     valid only during this call, as the parser reuses the array. {@link #decodeData} gives
     *     the {@link SseEvent#data} of the same event.
     * @param length how many bytes of {@code data}, from index 0, the data is
     */
    void onEvent(String event, byte[] data, int length);
  }

  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};

  // A typical chat-completion chunk line is a few hundred bytes.
  private static final int INITIAL_LINE_CAPACITY = 512;
  // After a huge line or event, drop the big buffer rather than pin it for the rest of the stream.
  private static final int RETAINED_CAPACITY = 64 * 1024;
  // The largest array size the JVM reliably allocates.
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  // Exactly one of the two is set.
  private final Handler handler;
  private final ByteHandler byteHandler;

  // Bytes of the current line that arrived in earlier chunks (or earlier in this chunk when it
  // ends mid-line); only used when a line spans chunks.
  private byte[] line = new byte[INITIAL_LINE_CAPACITY];
  private int lineLength;

  // The previous chunk ended with CR, so an LF at the start of the next chunk completes that CRLF
  // rather than ending a second (empty) line.
  private boolean afterCr;
  // The byte order mark may only be dropped from the very first line of the stream.
  private boolean firstLine = true;
  private boolean finished;

  // The data lines of the current event, joined with LF, undecoded.
  private byte[] data = new byte[INITIAL_LINE_CAPACITY];
  private int dataLength;
  // Tracked apart from dataLength because "data:" with an empty value still makes an event.
  private boolean hasData;
  private String eventType;
  private String lastEventId;

  /**
   * Creates a parser that sends every dispatched event to {@code handler}.
   *
   * @param handler receives the events; must not be {@code null}
   */
  public SseParser(Handler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.byteHandler = null;
  }

  private SseParser(ByteHandler byteHandler) {
    this.handler = null;
    this.byteHandler = Objects.requireNonNull(byteHandler, "byteHandler");
  }

  /**
   * Creates a parser that sends the data of every dispatched event to {@code handler} as bytes,
   * never decoding them.
   *
   * @param handler receives the events; must not be {@code null}
   */
  public static SseParser ofBytes(ByteHandler handler) {
    return new SseParser(handler);
  }

  /**
   * The data a {@link ByteHandler} received as {@link SseEvent#data} holds it: each line decoded as
   * UTF-8 on its own (malformed bytes become U+FFFD), joined with LF.
   *
   * @param data the array the handler was given
   * @param length the length the handler was given
   */
  public static String decodeData(byte[] data, int length) {
    Objects.checkFromIndexSize(0, length, data.length);
    int lineEnd = indexOf(data, 0, length, LF);
    if (lineEnd < 0) {
      return decode(data, 0, length);
    }
    // A line is decoded alone, as it always was: a broken sequence at the end of one line must
    // come out the same whatever follows it. An LF is never part of a line, so it splits them.
    StringBuilder text = new StringBuilder(length);
    int lineStart = 0;
    while (lineEnd >= 0) {
      text.append(decode(data, lineStart, lineEnd)).append('\n');
      lineStart = lineEnd + 1;
      lineEnd = indexOf(data, lineStart, length, LF);
    }
    return text.append(decode(data, lineStart, length)).toString();
  }

  /**
   * Feeds the next bytes of the stream, split anywhere (even inside a UTF-8 sequence or a CRLF
   * pair). Events completed by these bytes are dispatched before this method returns. The parser
   * copies what it needs, so the caller may reuse {@code bytes} afterwards.
   *
   * @param bytes the array holding the chunk
   * @param offset index of the chunk's first byte in {@code bytes}
   * @param length number of bytes in the chunk; zero is allowed
   * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code
   *     bytes}
   * @throws IllegalStateException if {@link #finish} has already been called
   */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (finished) {
      throw new IllegalStateException("feed() after finish()");
    }
    int end = offset + length;
    int pos = offset;
    if (afterCr && pos < end) {
      afterCr = false;
      if (bytes[pos] == LF) {
        pos++;
      }
    }
    int lineStart = pos;
    while (pos < end) {
      byte b = bytes[pos];
      if (b != LF && b != CR) {
        pos++;
        continue;
      }
      completeLine(bytes, lineStart, pos);
      pos++;
      if (b == CR) {
        if (pos == end) {
          // Cannot tell yet whether an LF follows; decide on the next chunk.
          afterCr = true;
        } else if (bytes[pos] == LF) {
          pos++;
        }
      }
      lineStart = pos;
    }
    appendToLine(bytes, lineStart, end);
  }

  /**
   * Signals the end of the stream. A partial last line (one without a line ending) is processed
   * first, then an event that has data but no closing blank line is dispatched; anything else
   * pending is discarded. Calling it again does nothing.
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    afterCr = false;
    if (lineLength > 0) {
      int length = lineLength;
      lineLength = 0;
      processLine(line, 0, length);
    }
    line = new byte[0];
    dispatch();
  }

  /** Ends the current line, made of any buffered bytes followed by {@code bytes[from, to)}. */
  private void completeLine(byte[] bytes, int from, int to) {
    if (lineLength == 0) {
      // The common case: the whole line is inside this chunk, so parse it in place.
      processLine(bytes, from, to - from);
      return;
    }
    appendToLine(bytes, from, to);
    int length = lineLength;
    // Reset before processing so a throwing handler cannot leave a stale line behind.
    lineLength = 0;
    processLine(line, 0, length);
    if (line.length > RETAINED_CAPACITY) {
      line = new byte[INITIAL_LINE_CAPACITY];
    }
  }

  private void appendToLine(byte[] bytes, int from, int to) {
    int count = to - from;
    if (count == 0) {
      return;
    }
    int needed = lineLength + count;
    line = withRoom(line, needed, "line");
    System.arraycopy(bytes, from, line, lineLength, count);
    lineLength = needed;
  }

  private void appendToData(byte[] bytes, int from, int to) {
    int needed = dataLength + (hasData ? 1 : 0) + (to - from);
    data = withRoom(data, needed, "event");
    if (hasData) {
      data[dataLength++] = LF;
    }
    hasData = true;
    System.arraycopy(bytes, from, data, dataLength, to - from);
    dataLength = needed;
  }

  /** {@code buffer}, or a copy of it grown to hold {@code needed} bytes. */
  private static byte[] withRoom(byte[] buffer, int needed, String what) {
    if (needed < 0 || needed > MAX_ARRAY_LENGTH) {
      throw new OutOfMemoryError("Server-sent event " + what + " too long");
    }
    if (needed <= buffer.length) {
      return buffer;
    }
    // Doubling keeps the total copying linear even when a line arrives one byte at a time.
    long doubled = Math.max((long) buffer.length * 2, INITIAL_LINE_CAPACITY);
    return Arrays.copyOf(buffer, (int) Math.min(Math.max(doubled, needed), MAX_ARRAY_LENGTH));
  }

  /**
   * Interprets one complete line, given without its line ending. Works on bytes: ':' and ' ' are
   * ASCII and never occur inside a multi-byte UTF-8 sequence, and the field names are ASCII, so
   * only values need decoding and comments and unknown fields are never decoded at all.
   */
  private void processLine(byte[] bytes, int offset, int length) {
    if (firstLine) {
      firstLine = false;
      if (length >= 3
          && bytes[offset] == (byte) 0xEF
          && bytes[offset + 1] == (byte) 0xBB
          && bytes[offset + 2] == (byte) 0xBF) {
        offset += 3;
        length -= 3;
      }
    }
    if (length == 0) {
      dispatch();
      return;
    }
    if (bytes[offset] == COLON) {
      return;
    }
    int end = offset + length;
    int nameEnd = offset;
    while (nameEnd < end && bytes[nameEnd] != COLON) {
      nameEnd++;
    }
    int valueStart = nameEnd;
    if (valueStart < end) {
      valueStart++;
      if (valueStart < end && bytes[valueStart] == SPACE) {
        valueStart++;
      }
    }
    if (Arrays.equals(bytes, offset, nameEnd, DATA, 0, DATA.length)) {
      appendToData(bytes, valueStart, end);
    } else if (Arrays.equals(bytes, offset, nameEnd, EVENT, 0, EVENT.length)) {
      eventType = valueStart == end ? null : decode(bytes, valueStart, end);
    } else if (Arrays.equals(bytes, offset, nameEnd, ID, 0, ID.length)) {
      // The spec ignores an id containing NUL; NUL is byte 0 in UTF-8 and nowhere else.
      if (indexOf(bytes, valueStart, end, (byte) 0) < 0) {
        lastEventId = valueStart == end ? null : decode(bytes, valueStart, end);
      }
    }
    // "retry" only matters to a reconnecting client, which this is not; other fields are ignored.
  }

  /** Handles a blank line (or the end of the stream): emits the pending event, if any. */
  private void dispatch() {
    if (!hasData) {
      // A blank line after only event:/comments resets the type without emitting anything.
      eventType = null;
      return;
    }
    String type = eventType;
    byte[] bytes = data;
    int length = dataLength;
    // Reset before handing over so a throwing handler cannot leave a stale event behind.
    eventType = null;
    hasData = false;
    dataLength = 0;
    if (data.length > RETAINED_CAPACITY) {
      data = new byte[INITIAL_LINE_CAPACITY];
    }
    if (handler != null) {
      handler.onEvent(new SseEvent(type, decodeData(bytes, length), lastEventId));
    } else {
      byteHandler.onEvent(type, bytes, length);
    }
  }

  private static String decode(byte[] bytes, int from, int to) {
    // The String constructor replaces malformed input with U+FFFD rather than throwing.
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
