package dev.draft.client.sse;

import static dev.draft.client.sse.TestBytes.bytes;
import static dev.draft.client.sse.TestBytes.concat;
import static dev.draft.client.sse.TestBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SseParser#ofBytes}: the same events as the String handler, with the data undecoded. */
class SseParserBytesTest {

  /** Streams whose events must come out the same through both handlers, however they are fed. */
  private static final List<byte[]> STREAMS =
      List.of(
          utf8("data: {\"choices\":[]}\n\ndata: [DONE]\n\n"),
          utf8("event: error\r\ndata: one\r\ndata: two\r\n\r\nid: 7\rdata: x\r\r"),
          utf8("\ufeffdata: caf\u00e9 \ud83d\ude00\n\n: comment\ndata:\n\ndata\n\n"),
          utf8("data: a\n\ndata: b\ndata:  c\ndata: last without blank line"),
          concat(utf8("data: x"), bytes(0xE4, 0xB8), utf8("\ndata: y\n\n")),
          concat(utf8("data: "), bytes(0xED, 0xA0, 0x80, 0x0D), utf8("data: "), bytes(0xF0)),
          concat(utf8("data: a"), bytes(0xFF), utf8("b"), bytes(0xC0, 0xAF), utf8("\n\n")));

  @Test
  void byteHandlerSeesTheEventsOfTheStringHandler() {
    for (byte[] stream : STREAMS) {
      List<SseEvent> expected = withStrings(stream, stream.length);
      assertThat(expected).isNotEmpty();
      for (int chunk = 1; chunk <= stream.length; chunk++) {
        assertThat(withBytes(stream, chunk))
            .as("%s in chunks of %d", new String(stream, StandardCharsets.UTF_8), chunk)
            .containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void dataBytesAreTheLinesJoinedWithLf() {
    byte[] line = concat(utf8("caf\u00e9"), bytes(0xE4, 0xB8));
    byte[] stream = concat(utf8("data: "), line, utf8("\r\ndata:two\r\n\r\n"));
    List<byte[]> seen = new ArrayList<>();
    SseParser parser =
        SseParser.ofBytes((event, data, length) -> seen.add(Arrays.copyOf(data, length)));

    parser.feed(stream, 0, stream.length);

    assertThat(seen).containsExactly(concat(line, utf8("\ntwo")));
  }

  @Test
  void decodeDataDecodesEachLineOnItsOwn() {
    byte[] data = concat(utf8("x"), bytes(0xE4, 0xB8), utf8("\ny"));

    assertThat(SseParser.decodeData(data, data.length)).isEqualTo("x\ufffd\ny");
    assertThat(SseParser.decodeData(data, 1)).isEqualTo("x");
    assertThat(SseParser.decodeData(new byte[0], 0)).isEmpty();
  }

  @Test
  void aHugeEventDoesNotKeepItsBufferButLaterEventsStillArrive() {
    byte[] big = new byte[200 * 1024];
    Arrays.fill(big, (byte) 'a');
    byte[] stream = concat(utf8("data: "), big, utf8("\n\ndata: small\n\n"));
    List<String> seen = new ArrayList<>();
    SseParser parser =
        SseParser.ofBytes((event, data, length) -> seen.add(SseParser.decodeData(data, length)));

    parser.feed(stream, 0, stream.length);

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).hasSize(big.length);
    assertThat(seen.get(1)).isEqualTo("small");
  }

  /** Events from the String handler, without their ids, which a byte handler is not given. */
  private static List<SseEvent> withStrings(byte[] stream, int chunk) {
    List<SseEvent> seen = new ArrayList<>();
    feed(new SseParser(seen::add), stream, chunk);
    return seen.stream().map(e -> new SseEvent(e.event(), e.data(), null)).toList();
  }

  private static List<SseEvent> withBytes(byte[] stream, int chunk) {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser =
        SseParser.ofBytes(
            (event, data, length) ->
                seen.add(new SseEvent(event, SseParser.decodeData(data, length), null)));
    feed(parser, stream, chunk);
    return seen;
  }

  private static void feed(SseParser parser, byte[] stream, int chunk) {
    for (int from = 0; from < stream.length; from += chunk) {
      parser.feed(stream, from, Math.min(chunk, stream.length - from));
    }
    parser.finish();
  }
}
