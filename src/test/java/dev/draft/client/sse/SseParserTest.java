package dev.draft.client.sse;

import static dev.draft.client.sse.TestBytes.bytes;
import static dev.draft.client.sse.TestBytes.concat;
import static dev.draft.client.sse.TestBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

  private static final String CHUNK_ROLE =
      "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}";
  private static final String CHUNK_HI =
      "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}";
  private static final String CHUNK_UNICODE =
      "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\" caf\u00e9 \u4e2d\u6587 \ud83d\ude00\"},"
          + "\"finish_reason\":null}]}";
  private static final String CHUNK_STOP =
      "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{},\"finish_reason\":\"stop\"}]}";
  private static final String CHUNK_USAGE =
      "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}";

  // ---------------------------------------------------------------------------------------------
  // Line endings

  @Test
  void lfTerminatedEventIsDispatched() {
    Parsed parsed = parse("data: " + CHUNK_HI + "\n\n");

    assertThat(parsed.beforeFinish()).containsExactly(data(CHUNK_HI));
    assertThat(parsed.all()).containsExactly(data(CHUNK_HI));
  }

  @Test
  void crTerminatedEventIsDispatched() {
    Parsed parsed = parse("data: " + CHUNK_HI + "\r\r");

    assertThat(parsed.beforeFinish()).containsExactly(data(CHUNK_HI));
    assertThat(parsed.all()).containsExactly(data(CHUNK_HI));
  }

  @Test
  void crLfTerminatedEventIsDispatched() {
    Parsed parsed = parse("data: " + CHUNK_HI + "\r\n\r\n");

    assertThat(parsed.beforeFinish()).containsExactly(data(CHUNK_HI));
    assertThat(parsed.all()).containsExactly(data(CHUNK_HI));
  }

  @Test
  void crLfFramedStreamOfSeveralEvents() {
    Parsed parsed =
        parse("event: a\r\ndata: 1\r\n\r\nid: 7\r\ndata: 2\r\ndata: 3\r\n\r\ndata: 4\r\n\r\n");

    assertThat(parsed.beforeFinish())
        .containsExactly(event("a", "1", null), event(null, "2\n3", "7"), event(null, "4", "7"));
  }

  @Test
  void mixedLineEndingsInOneStreamAreEachOneLineEnd() {
    Parsed parsed = parse("data: a\rdata: b\ndata: c\r\ndata: d\n\r\ndata: e\r\r\ndata: f\r\n\n");

    assertThat(parsed.beforeFinish())
        .as("LF, CR and CRLF each end one line; no extra blank lines appear")
        .containsExactly(data("a\nb\nc\nd"), data("e"), data("f"));
  }

  @Test
  void lfFollowedByCrIsTwoLineEnds() {
    // LF then CR is not a pair: the CR ends an empty line, which dispatches.
    assertThat(parse("data: a\n\rdata: b\n\n").beforeFinish())
        .containsExactly(data("a"), data("b"));
  }

  @Test
  void crLfSplitAcrossFeedsIsOneLineEnd() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);

    feed(parser, "data: a\r");
    feed(parser, "\n");
    assertThat(seen).as("the LF completed the CRLF, it is not an empty line").isEmpty();

    feed(parser, "data: b\r");
    feed(parser, "\n\r");
    assertThat(seen).containsExactly(data("a\nb"));

    feed(parser, "\n");
    parser.finish();
    assertThat(seen)
        .as("the LF after the blank line's CR adds nothing")
        .containsExactly(data("a\nb"));

    assertThat(parse("data: a\r\ndata: b\r\n\r\n").all()).containsExactly(data("a\nb"));
  }

  @Test
  void crLfSplitByEmptyFeedIsStillOneLineEnd() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);

    feed(parser, "data: a\r");
    parser.feed(new byte[0], 0, 0);
    feed(parser, "\ndata: b\r\n\r\n");

    assertThat(seen).containsExactly(data("a\nb"));
  }

  @Test
  void crAtEndOfFeedFollowedByCrIsTwoLineEnds() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);

    feed(parser, "data: a\r");
    feed(parser, "\r");

    assertThat(seen).containsExactly(data("a"));
  }

  @Test
  void crAtEndOfFeedFollowedByTextStartsANewLine() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);

    feed(parser, "data: a\r");
    feed(parser, "data: b\r");
    feed(parser, "\r");

    assertThat(seen).containsExactly(data("a\nb"));
  }

  // ---------------------------------------------------------------------------------------------
  // UTF-8

  @Test
  void twoByteUtf8CharacterSplitAcrossFeedsDecodes() {
    assertThat(parse("data: caf\u00e9\n\n").all()).containsExactly(data("caf\u00e9"));
    assertThat(feedBytesSeparately("data: \u00e9\u00e9\n\n")).containsExactly(data("\u00e9\u00e9"));
  }

  @Test
  void threeByteUtf8CharacterSplitAcrossFeedsDecodes() {
    assertThat(parse("data: \u4e2d\u6587\n\n").all()).containsExactly(data("\u4e2d\u6587"));
    assertThat(feedBytesSeparately("data: \u4e2d\n\n")).containsExactly(data("\u4e2d"));
  }

  @Test
  void fourByteUtf8CharacterSplitAcrossFeedsDecodes() {
    String grin = "\ud83d\ude00";

    assertThat(parse("data: " + grin + grin + "\n\n").all()).containsExactly(data(grin + grin));
    assertThat(feedBytesSeparately("data: " + grin + "\n\n")).containsExactly(data(grin));
  }

  @Test
  void multiByteCharactersInRealisticChunkSplitAnywhere() {
    assertThat(parse("data: " + CHUNK_UNICODE + "\n\n").all()).containsExactly(data(CHUNK_UNICODE));
  }

  @Test
  void multiByteCharactersInEventAndIdFieldsDecode() {
    assertThat(parse("event: \u00e9v\u4e2d\nid: \ud83d\ude00\ndata: x\n\n").all())
        .containsExactly(event("\u00e9v\u4e2d", "x", "\ud83d\ude00"));
  }

  @Test
  void lineSeparatorAndParagraphSeparatorInsideJsonStringStayInData() {
    String json =
        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"one\u2028two\u2029three\"},\"finish_reason\":null}]}";

    Parsed parsed = parse("data: " + json + "\n\n");

    assertThat(parsed.all()).containsExactly(data(json));
    assertThat(parsed.all().get(0).data()).contains("\u2028").contains("\u2029");
  }

  @Test
  void nextLineCharacterStaysInData() {
    // U+0085 is C2 85 in UTF-8: no CR or LF byte, so it is not a line end either.
    assertThat(parse("data: a\u0085b\n\n").all()).containsExactly(data("a\u0085b"));
  }

  @Test
  void malformedUtf8BecomesReplacementCharacter() {
    byte[] input =
        concat(
            utf8("data: a"),
            bytes(0xFF),
            utf8("b"),
            bytes(0x80),
            utf8("c"),
            bytes(0xC0, 0xAF),
            utf8("d\n\n"));

    assertThat(parse(input).all()).containsExactly(data("a\ufffdb\ufffdc\ufffd\ufffdd"));
  }

  @Test
  void truncatedUtf8SequenceAtLineEndBecomesReplacementAndKeepsLineEnd() {
    // E4 B8 is the start of a three-byte character cut short by the line end.
    byte[] input = concat(utf8("data: x"), bytes(0xE4, 0xB8), utf8("\ndata: y\n\n"));

    assertThat(parse(input).all()).containsExactly(data("x\ufffd\ny"));
  }

  @Test
  void truncatedUtf8SequenceAtEndOfStreamBecomesReplacement() {
    byte[] input = concat(utf8("data: x"), bytes(0xF0, 0x9F, 0x98));

    assertThat(parse(input).all()).containsExactly(data("x\ufffd"));
  }

  @Test
  void encodedSurrogateBecomesReplacementCharactersNotALoneSurrogate() {
    byte[] input = concat(utf8("data: "), bytes(0xED, 0xA0, 0x80), utf8("\n\n"));

    String data = parse(input).all().get(0).data();

    assertThat(data).isNotEmpty();
    assertThat(data.chars()).allMatch(c -> c == 0xFFFD);
  }

  @Test
  void malformedBytesInFieldNameMakeAnUnknownField() {
    byte[] input = concat(utf8("dat"), bytes(0xFF), utf8(": x\n\ndata: y\n\n"));

    assertThat(parse(input).all()).containsExactly(data("y"));
  }

  // ---------------------------------------------------------------------------------------------
  // Byte order mark

  @Test
  void leadingBomIsDropped() {
    assertThat(parse("\ufeffdata: x\n\n").all()).containsExactly(data("x"));
  }

  @Test
  void leadingBomBeforeCommentIsDropped() {
    assertThat(parse("\ufeff: ping\ndata: x\n\n").all()).containsExactly(data("x"));
  }

  @Test
  void leadingBomFollowedByLineEndIsABlankLine() {
    assertThat(parse("\ufeff\ndata: x\n\n").all()).containsExactly(data("x"));
    assertThat(parse("\ufeff").all()).isEmpty();
  }

  @Test
  void leadingBomSplitAcrossFeedsIsDropped() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);

    parser.feed(bytes(0xEF), 0, 1);
    parser.feed(bytes(0xBB), 0, 1);
    parser.feed(bytes(0xBF), 0, 1);
    feed(parser, "data: x\n\n");

    assertThat(seen).containsExactly(data("x"));
  }

  @Test
  void onlyOneLeadingBomIsDropped() {
    // The second BOM becomes part of the field name, so the field is unknown.
    assertThat(parse("\ufeff\ufeffdata: x\n\ndata: y\n\n").all()).containsExactly(data("y"));
  }

  @Test
  void bomAfterTheFirstLineIsNotDropped() {
    assertThat(parse("data: a\n\n\ufeffdata: b\n\n").all()).containsExactly(data("a"));
    assertThat(parse("\n\ufeffdata: b\n\n").all()).isEmpty();
  }

  @Test
  void bomInsideDataIsKept() {
    assertThat(parse("data: \ufeffx\n\n").all()).containsExactly(data("\ufeffx"));
  }

  // ---------------------------------------------------------------------------------------------
  // Fields

  @Test
  void dataWithoutSpaceAfterColon() {
    assertThat(parse("data:x\n\n").all()).containsExactly(data("x"));
    assertThat(parse("data:" + CHUNK_HI + "\n\n").all()).containsExactly(data(CHUNK_HI));
  }

  @Test
  void dataWithSpaceAfterColon() {
    assertThat(parse("data: x\n\n").all()).containsExactly(data("x"));
  }

  @Test
  void onlyOneSpaceAfterColonIsRemoved() {
    assertThat(parse("data:  x\n\n").all()).containsExactly(data(" x"));
  }

  @Test
  void tabAfterColonIsKept() {
    assertThat(parse("data:\tx\n\n").all()).containsExactly(data("\tx"));
  }

  @Test
  void trailingWhitespaceIsKept() {
    assertThat(parse("data: x  \n\n").all()).containsExactly(data("x  "));
  }

  @Test
  void colonsInValueAreKept() {
    assertThat(parse("data: a: b:c\n\n").all()).containsExactly(data("a: b:c"));
  }

  @Test
  void multipleDataLinesAreJoinedWithLf() {
    assertThat(parse("data: {\"a\":\ndata: 1}\ndata:\n\n").all())
        .containsExactly(data("{\"a\":\n1}\n"));
  }

  @Test
  void emptyDataLineDispatchesEmptyData() {
    assertThat(parse("data:\n\n").all()).containsExactly(data(""));
    assertThat(parse("data: \n\n").all()).containsExactly(data(""));
  }

  @Test
  void emptyDataLinesInsideMultiLineDataArePreserved() {
    assertThat(parse("data: a\ndata:\ndata: b\n\n").all()).containsExactly(data("a\n\nb"));
    assertThat(parse("data:\ndata:\n\n").all()).containsExactly(data("\n"));
  }

  @Test
  void lineWithoutColonIsFieldNameWithEmptyValue() {
    assertThat(parse("data\n\n").all()).containsExactly(data(""));
    assertThat(parse("data\ndata\n\n").all()).containsExactly(data("\n"));
    assertThat(parse("event\ndata: x\n\n").all()).containsExactly(data("x"));
  }

  @Test
  void eventFieldSetsTheEventType() {
    assertThat(parse("event: error\ndata: {\"error\":{\"message\":\"overloaded\"}}\n\n").all())
        .containsExactly(event("error", "{\"error\":{\"message\":\"overloaded\"}}", null));
  }

  @Test
  void eventFieldAfterDataStillApplies() {
    assertThat(parse("data: x\nevent: delta\n\n").all()).containsExactly(event("delta", "x", null));
  }

  @Test
  void lastEventFieldWins() {
    assertThat(parse("event: a\nevent: b\ndata: x\n\n").all())
        .containsExactly(event("b", "x", null));
  }

  @Test
  void emptyEventFieldMeansNoEventType() {
    assertThat(parse("event: a\nevent:\ndata: x\n\n").all()).containsExactly(data("x"));
  }

  @Test
  void eventTypeResetsAfterDispatch() {
    assertThat(parse("event: a\ndata: 1\n\ndata: 2\n\n").all())
        .containsExactly(event("a", "1", null), data("2"));
  }

  @Test
  void eventTypeResetsOnBlankLineWithoutData() {
    assertThat(parse("event: a\n\ndata: x\n\n").all()).containsExactly(data("x"));
  }

  @Test
  void idFieldIsReportedAndPersistsAcrossEvents() {
    assertThat(parse("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n").all())
        .containsExactly(event(null, "a", "1"), event(null, "b", "1"), event(null, "c", "2"));
  }

  @Test
  void idWithoutSpaceAndLastIdWins() {
    assertThat(parse("id:1\nid:2\ndata: x\n\n").all()).containsExactly(event(null, "x", "2"));
  }

  @Test
  void idContainingNulIsIgnored() {
    assertThat(parse("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n").all())
        .containsExactly(event(null, "a", "1"), event(null, "b", "1"));
  }

  @Test
  void emptyIdResetsTheId() {
    assertThat(parse("id: 1\ndata: a\n\nid\ndata: b\n\nid: 3\nid:\ndata: c\n\n").all())
        .containsExactly(event(null, "a", "1"), data("b"), data("c"));
  }

  @Test
  void idWithoutDataDispatchesNothingButPersists() {
    assertThat(parse("id: 5\n\ndata: x\n\n").all()).containsExactly(event(null, "x", "5"));
  }

  @Test
  void retryAndUnknownFieldsAreIgnored() {
    assertThat(parse("retry: 3000\nfoo: bar\nretry\ndata: x\nx-custom: 1\n\n").all())
        .containsExactly(data("x"));
    assertThat(parse("retry: 3000\n\nfoo: bar\n\n").all()).isEmpty();
  }

  @Test
  void fieldNamesAreCaseSensitive() {
    assertThat(parse("Data: x\nEVENT: e\nId: 1\ndata: y\n\n").all()).containsExactly(data("y"));
  }

  @Test
  void spaceBeforeColonMakesAnUnknownField() {
    assertThat(parse("data : x\n\n").all()).isEmpty();
    assertThat(parse(" data: x\n\n").all()).isEmpty();
  }

  @Test
  void fieldNamesThatOnlyStartLikeKnownOnesAreUnknown() {
    assertThat(parse("dat: x\ndatas: x\nevents: e\nidentifier: 1\ndata: y\n\n").all())
        .containsExactly(data("y"));
  }

  // ---------------------------------------------------------------------------------------------
  // Comments

  @ParameterizedTest
  @ValueSource(
      strings = {
        ": keep-alive",
        ": OPENROUTER PROCESSING",
        ": ping - 2025-01-01 00:00:00.000000+00:00",
        ":",
        ":no space",
        ": data: not data",
        "::"
      })
  void commentLinesAreIgnored(String comment) {
    assertThat(parse(comment + "\n\n").all()).isEmpty();
    assertThat(parse(comment + "\ndata: x\n\n").all()).containsExactly(data("x"));
    assertThat(parse("data: a\n" + comment + "\ndata: b\n\n").all())
        .as("a comment between data lines does not end or change the event")
        .containsExactly(data("a\nb"));
    assertThat(parse(comment + "\r\n" + comment + "\rdata: x\r\n\r\n").all())
        .containsExactly(data("x"));
  }

  @Test
  void keepAliveCommentIsIgnored() {
    assertThat(parse(": keep-alive\n\ndata: x\n\n: keep-alive\n\n").all())
        .containsExactly(data("x"));
  }

  @Test
  void openRouterProcessingCommentIsIgnored() {
    assertThat(
            parse(
                    ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: "
                        + CHUNK_HI
                        + "\n\n")
                .all())
        .containsExactly(data(CHUNK_HI));
  }

  @Test
  void pingCommentWithTimestampIsIgnored() {
    assertThat(
            parse(": ping - 2025-01-01 00:00:00.000000+00:00\r\n\r\ndata: " + CHUNK_HI + "\r\n\r\n")
                .all())
        .containsExactly(data(CHUNK_HI));
  }

  @Test
  void commentOnlyStreamDispatchesNothing() {
    Parsed parsed = parse(": a\n: b\r\n:c\r\n\n");

    assertThat(parsed.all()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Dispatch

  @Test
  void blankLinesWithoutDataDispatchNothing() {
    assertThat(parse("\n\n\r\n\r\r\n").all()).isEmpty();
    assertThat(parse("event: a\n\nid: 1\n\n\n").all()).isEmpty();
  }

  @Test
  void consecutiveBlankLinesDispatchOnlyOnce() {
    assertThat(parse("data: x\n\n\n\n\r\n\rdata: y\n\n\n").all())
        .containsExactly(data("x"), data("y"));
  }

  @Test
  void doneSentinelIsOrdinaryData() {
    assertThat(parse("data: " + CHUNK_HI + "\n\ndata: [DONE]\n\n").all())
        .containsExactly(data(CHUNK_HI), data("[DONE]"));
  }

  @Test
  void manyEventsInOneRead() {
    StringBuilder input = new StringBuilder();
    List<SseEvent> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String json =
          "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
              + "\"delta\":{\"content\":\"t"
              + i
              + "\"},\"finish_reason\":null}]}";
      input.append("data: ").append(json).append(i % 3 == 0 ? "\r\n\r\n" : "\n\n");
      expected.add(data(json));
    }
    input.append("data: [DONE]\n\n");
    expected.add(data("[DONE]"));

    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    feed(parser, input.toString());
    assertThat(seen).as("all dispatched by one feed").containsExactlyElementsOf(expected);

    assertThat(parse(input.toString()).beforeFinish()).containsExactlyElementsOf(expected);
  }

  @Test
  void eventsSplitAcrossManyReads() {
    String stream = openAiStream("\n");
    List<SseEvent> expected = openAiEvents();

    for (int chunk = 1; chunk <= 40; chunk++) {
      List<SseEvent> seen = new ArrayList<>();
      SseParser parser = new SseParser(seen::add);
      byte[] bytes = utf8(stream);
      for (int from = 0; from < bytes.length; from += chunk) {
        parser.feed(bytes, from, Math.min(chunk, bytes.length - from));
      }
      assertThat(seen).as("chunks of %d bytes", chunk).containsExactlyElementsOf(expected);
      parser.finish();
      assertThat(seen).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void realisticOpenAiStreamWithLf() {
    Parsed parsed = parse(openAiStream("\n"));

    assertThat(parsed.beforeFinish()).containsExactlyElementsOf(openAiEvents());
    assertThat(parsed.atFinish()).isEmpty();
  }

  @Test
  void realisticOpenAiStreamWithCrLf() {
    assertThat(parse(openAiStream("\r\n")).beforeFinish())
        .containsExactlyElementsOf(openAiEvents());
  }

  @Test
  void realisticOpenRouterStreamWithCommentsInterleaved() {
    String stream =
        ": OPENROUTER PROCESSING\n\n"
            + "data: "
            + CHUNK_ROLE
            + "\n\n"
            + ": OPENROUTER PROCESSING\n\n"
            + "data: "
            + CHUNK_HI
            + "\n\n"
            + ": ping - 2025-01-01 00:00:00.000000+00:00\n\n"
            + "data: "
            + CHUNK_STOP
            + "\n\n"
            + "data: [DONE]\n\n";

    assertThat(parse(stream).beforeFinish())
        .containsExactly(data(CHUNK_ROLE), data(CHUNK_HI), data(CHUNK_STOP), data("[DONE]"));
  }

  @Test
  void eventIsDispatchedAtItsBlankLineNotLater() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);

    feed(parser, "data: a\n");
    assertThat(seen).isEmpty();
    feed(parser, "\n");
    assertThat(seen).containsExactly(data("a"));
    feed(parser, "data: b\n");
    assertThat(seen).containsExactly(data("a"));
  }

  // ---------------------------------------------------------------------------------------------
  // finish()

  @Test
  void finishDispatchesEventWithoutTrailingBlankLine() {
    Parsed parsed = parse("data: " + CHUNK_HI + "\n");

    assertThat(parsed.beforeFinish()).isEmpty();
    assertThat(parsed.atFinish()).containsExactly(data(CHUNK_HI));
  }

  @Test
  void finishProcessesPartialLastLine() {
    Parsed parsed = parse("data: [DONE]");

    assertThat(parsed.beforeFinish()).isEmpty();
    assertThat(parsed.atFinish()).containsExactly(data("[DONE]"));
  }

  @Test
  void finishProcessesPartialLastLineAfterEarlierDataLines() {
    assertThat(parse("event: e\nid: 9\ndata: a\ndata: b").atFinish())
        .containsExactly(event("e", "a\nb", "9"));
    assertThat(parse("data: a\ndata").atFinish()).containsExactly(data("a\n"));
  }

  @Test
  void finishAfterTrailingCrDispatchesPendingEvent() {
    Parsed parsed = parse("data: x\r");

    assertThat(parsed.beforeFinish()).isEmpty();
    assertThat(parsed.atFinish()).containsExactly(data("x"));
  }

  @Test
  void finishWithTrailingBlankLineDispatchesNothingMore() {
    Parsed parsed = parse("data: a\n\ndata: [DONE]\n\n");

    assertThat(parsed.beforeFinish()).containsExactly(data("a"), data("[DONE]"));
    assertThat(parsed.atFinish()).isEmpty();
  }

  @Test
  void finishDispatchesLastEventWhenEarlierOnesWereTerminated() {
    Parsed parsed = parse("data: a\n\ndata: b");

    assertThat(parsed.beforeFinish()).containsExactly(data("a"));
    assertThat(parsed.atFinish()).containsExactly(data("b"));
  }

  @Test
  void finishDiscardsPendingFieldsWithoutData() {
    assertThat(parse("event: e\nid: 1\n").all()).isEmpty();
    assertThat(parse("event: e").all()).isEmpty();
    assertThat(parse(": keep-alive").all()).isEmpty();
  }

  @Test
  void finishOnEmptyStreamDispatchesNothing() {
    assertThat(parse("").all()).isEmpty();
  }

  @Test
  void finishIsIdempotent() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    feed(parser, "data: x");

    parser.finish();
    parser.finish();

    assertThat(seen).containsExactly(data("x"));
  }

  @Test
  void feedAfterFinishIsRejected() {
    SseParser parser = new SseParser(e -> {});
    parser.finish();

    assertThatThrownBy(() -> feed(parser, "data: x\n\n")).isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // feed() arguments and buffer ownership

  @Test
  void zeroLengthFeedsChangeNothing() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    byte[] empty = new byte[0];

    parser.feed(empty, 0, 0);
    feed(parser, "data: x\n");
    parser.feed(empty, 0, 0);
    parser.feed(utf8("zzz"), 3, 0);
    feed(parser, "\n");

    assertThat(seen).containsExactly(data("x"));
  }

  @Test
  void feedReadsOnlyTheGivenRange() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    byte[] buffer = utf8("\n\ndata: junk\n\ndata: x\n\ndata: junk\n\n");

    parser.feed(buffer, 14, 8);
    parser.finish();

    assertThat(seen).containsExactly(data("x"));
  }

  @Test
  void feedRejectsRangesOutsideTheArray() {
    SseParser parser = new SseParser(e -> {});
    byte[] buffer = new byte[4];

    assertThatThrownBy(() -> parser.feed(buffer, -1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> parser.feed(buffer, 3, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> parser.feed(buffer, 0, -1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> parser.feed(null, 0, 0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void callerMayReuseItsBufferAfterFeed() {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    byte[] buffer = new byte[16];

    // The same array is refilled for every read, as a socket read loop would do.
    for (byte[] chunk : List.of(utf8("data: \u4e2d"), utf8("x\ndata:"), utf8(" y\n\n"))) {
      Arrays.fill(buffer, (byte) '\n');
      System.arraycopy(chunk, 0, buffer, 0, chunk.length);
      parser.feed(buffer, 0, chunk.length);
      Arrays.fill(buffer, (byte) '\n');
    }

    assertThat(seen).containsExactly(data("\u4e2dx\ny"));
  }

  @Test
  void nullHandlerIsRejected() {
    assertThatThrownBy(() -> new SseParser(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void handlerExceptionPropagatesFromFeed() {
    SseParser parser =
        new SseParser(
            e -> {
              throw new IllegalArgumentException("boom: " + e.data());
            });

    assertThatThrownBy(() -> feed(parser, "data: x\n\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("boom: x");
  }

  // ---------------------------------------------------------------------------------------------
  // Large input

  @Test
  void fiveMegabyteEventInEightKilobyteFeedsCompletes() {
    // Multi-byte characters make many of the 8 KB boundaries fall inside a UTF-8 sequence.
    String unit = "{\"content\":\"caf\u00e9 \u4e2d \ud83d\ude00 \u2028\"},";
    StringBuilder payload = new StringBuilder();
    while (payload.length() < 5 * 1024 * 1024) {
      payload.append(unit);
    }
    String expected = payload.toString();
    byte[] stream = utf8("id: big\r\ndata: " + expected + "\r\n\r\ndata: [DONE]\r\n\r\n");

    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    for (int from = 0; from < stream.length; from += 8192) {
      parser.feed(stream, from, Math.min(8192, stream.length - from));
    }
    parser.finish();

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).id()).isEqualTo("big");
    assertThat(seen.get(0).data()).hasSameSizeAs(expected);
    assertThat(seen.get(0).data().equals(expected)).isTrue();
    assertThat(seen.get(1)).isEqualTo(event(null, "[DONE]", "big"));
  }

  @Test
  void megabyteEventFedOneByteAtATimeCompletes() {
    String expected = "\u4e2d".repeat(350_000);
    byte[] stream = utf8("data: " + expected + "\n\n");

    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    for (int i = 0; i < stream.length; i++) {
      parser.feed(stream, i, 1);
    }
    parser.finish();

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).data().equals(expected)).isTrue();
  }

  @Test
  void manyDataLinesInOneEventAreJoined() {
    StringBuilder input = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      input.append("data: ").append(i).append('\n');
      expected.append(i == 0 ? "" : "\n").append(i);
    }
    input.append('\n');

    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    byte[] bytes = utf8(input.toString());
    for (int from = 0; from < bytes.length; from += 1000) {
      parser.feed(bytes, from, Math.min(1000, bytes.length - from));
    }

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).data().equals(expected.toString())).isTrue();
  }

  @Test
  void largeLineIsFollowedBySmallOnesCorrectly() {
    // Exercises the buffer being dropped back to its initial size after a huge line.
    String big = "x".repeat(200_000);
    assertThat(feedInChunksOf(utf8("data: " + big + "\n\ndata: a\n\ndata: b\n\n"), 4096))
        .containsExactly(data(big), data("a"), data("b"));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Events dispatched while the bytes were fed, and all events once finish() was called too. */
  private record Parsed(List<SseEvent> beforeFinish, List<SseEvent> all) {
    List<SseEvent> atFinish() {
      return all.subList(beforeFinish.size(), all.size());
    }
  }

  private static Parsed parse(String input) {
    return parse(utf8(input));
  }

  /**
   * Parses {@code input} fed all at once, then checks that every other way of splitting it gives
   * the same events at the same time (before or at finish): one byte at a time with empty feeds in
   * between, every split into two feeds, and fixed chunk sizes.
   */
  private static Parsed parse(byte[] input) {
    int n = input.length;
    Parsed whole = run(input, new int[] {0, n});

    int[] oneByOne = new int[2 * n + 2];
    for (int i = 0; i <= n; i++) {
      oneByOne[2 * i] = i;
      oneByOne[2 * i + 1] = i;
    }
    assertThat(run(input, oneByOne)).as("fed one byte at a time").isEqualTo(whole);

    for (int split = 0; split <= n; split++) {
      assertThat(run(input, new int[] {0, split, n}))
          .as("fed as two parts split at %d", split)
          .isEqualTo(whole);
    }

    for (int size : new int[] {2, 3, 7}) {
      int[] cuts = new int[(n + size - 1) / size + 1];
      for (int i = 0; i < cuts.length; i++) {
        cuts[i] = Math.min(i * size, n);
      }
      assertThat(run(input, cuts)).as("fed in chunks of %d", size).isEqualTo(whole);
    }
    return whole;
  }

  /**
   * Feeds {@code input[cuts[i], cuts[i + 1])} in turn, from inside a larger array surrounded by
   * line ends and data, so reading outside the given range would change the events.
   */
  private static Parsed run(byte[] input, int[] cuts) {
    byte[] junk = utf8("\r\n\ndata: OUT OF RANGE\n\n");
    byte[] padded = concat(junk, input, junk);
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    for (int i = 0; i + 1 < cuts.length; i++) {
      parser.feed(padded, junk.length + cuts[i], cuts[i + 1] - cuts[i]);
    }
    List<SseEvent> beforeFinish = List.copyOf(seen);
    parser.finish();
    return new Parsed(beforeFinish, List.copyOf(seen));
  }

  /** Feeds each byte from its own fresh single-byte array. */
  private static List<SseEvent> feedBytesSeparately(String input) {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    for (byte b : utf8(input)) {
      parser.feed(new byte[] {b}, 0, 1);
    }
    parser.finish();
    return seen;
  }

  private static List<SseEvent> feedInChunksOf(byte[] input, int size) {
    List<SseEvent> seen = new ArrayList<>();
    SseParser parser = new SseParser(seen::add);
    for (int from = 0; from < input.length; from += size) {
      parser.feed(input, from, Math.min(size, input.length - from));
    }
    parser.finish();
    return seen;
  }

  private static void feed(SseParser parser, String text) {
    byte[] bytes = utf8(text);
    parser.feed(bytes, 0, bytes.length);
  }

  private static String openAiStream(String newline) {
    StringBuilder out = new StringBuilder();
    for (String json : List.of(CHUNK_ROLE, CHUNK_HI, CHUNK_UNICODE, CHUNK_STOP, CHUNK_USAGE)) {
      out.append("data: ").append(json).append(newline).append(newline);
    }
    return out.append("data: [DONE]").append(newline).append(newline).toString();
  }

  private static List<SseEvent> openAiEvents() {
    return List.of(
        data(CHUNK_ROLE),
        data(CHUNK_HI),
        data(CHUNK_UNICODE),
        data(CHUNK_STOP),
        data(CHUNK_USAGE),
        data("[DONE]"));
  }

  private static SseEvent data(String data) {
    return new SseEvent(null, data, null);
  }

  private static SseEvent event(String event, String data, String id) {
    return new SseEvent(event, data, id);
  }
}
