package dev.draft.client.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Choice;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import dev.draft.client.openai.ChunkCorpus.Event;
import dev.draft.client.sse.SseParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading chunks token by token changes nothing: every stream of {@link ChunkCorpus} comes to the
 * same listener calls, drafts, usage and retry decision as when every chunk was parsed as a tree.
 */
class StreamEventsTest {
  private static final ErrorMessages ERRORS =
      new ErrorMessages(
          new WireFixture.Settings("http://127.0.0.1:1/v1").build(),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  static Stream<ChunkCorpus.Stream> streams() {
    return Stream.concat(ChunkCorpus.streams().stream(), Stream.of(ChunkCorpus.everything()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void bytesComeToWhatTreesCameTo(ChunkCorpus.Stream stream) {
    Result expected = run(stream, StreamEventsTest::treeReference);

    Result actual =
        run(
            stream,
            acc -> {
              StreamEvents events = new StreamEvents(acc, ERRORS);
              return new Taker(
                  event -> events.onEvent(event.type(), event.data(), event.data().length),
                  events::done);
            });

    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void decodedTextComesToWhatTreesCameTo(ChunkCorpus.Stream stream) {
    Result expected = run(stream, StreamEventsTest::treeReference);

    Result actual =
        run(
            stream,
            acc -> {
              StreamEvents events = new StreamEvents(acc, ERRORS);
              return new Taker(
                  event ->
                      events.onText(
                          event.type(), SseParser.decodeData(event.data(), event.data().length)),
                  events::done);
            });

    assertThat(actual).isEqualTo(expected);
  }

  /**
   * The reader takes the chunks it should, so the tests above do not pass only because every chunk
   * went to the tree; from bytes and from text it reads the same.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void theReaderTakesPlainChunksAndLeavesTheRestToTheTree(ChunkCorpus.Stream stream) {
    ChunkReader reader = new ChunkReader();
    for (Event event : stream.events()) {
      String text = SseParser.decodeData(event.data(), event.data().length).strip();
      if ("error".equals(event.type()) || text.isEmpty() || text.equals("[DONE]")) {
        assertThat(event.direct()).as("%s is not a chunk for the reader", event).isFalse();
        continue;
      }
      StreamChunk fromText = reader.read(text);
      assertThat(fromText != null).as("read directly: %s", event).isEqualTo(event.direct());
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (isPlainAscii(bytes)) {
        assertThat(reader.read(bytes, 0, bytes.length))
            .as("from bytes: %s", event)
            .isEqualTo(fromText);
      }
    }
  }

  /** Everything a stream leaves behind that anyone can see. */
  private record Result(
      List<String> calls,
      List<Choice> choices,
      List<Choice> interrupted,
      Usage usage,
      boolean empty,
      boolean nothingShown) {}

  /** Takes the events of one stream into an accumulator. */
  private record Taker(Consumer<Event> take, BooleanSupplier done) {}

  private static Result run(ChunkCorpus.Stream stream, Function<ChoiceAccumulator, Taker> start) {
    List<String> calls = new ArrayList<>();
    StreamListener listener =
        new StreamListener() {
          @Override
          public void onText(int index, String delta) {
            calls.add("text " + index + ": " + delta);
          }

          @Override
          public void onReasoning(int index, String delta) {
            calls.add("reasoning " + index + ": " + delta);
          }

          @Override
          public void onFinishReason(int index, String finishReason) {
            calls.add("finish " + index + ": " + finishReason);
          }
        };
    ChoiceAccumulator acc = new ChoiceAccumulator(listener);
    Taker taker = start.apply(acc);
    for (Event event : stream.events()) {
      taker.take().accept(event);
    }
    calls.add("done " + taker.done().getAsBoolean());
    return new Result(
        calls,
        acc.choices(2, null),
        acc.choices(2, "the connection dropped"),
        acc.usage(),
        acc.isEmpty(),
        acc.nothingShown());
  }

  /**
   * How every event was taken before chunks were read token by token (the handler in {@code
   * AnswerReader.readStream} at 7cfb1aa): decoded, stripped, parsed as a tree. The reference.
   */
  private static Taker treeReference(ChoiceAccumulator acc) {
    boolean[] done = {false};
    return new Taker(
        event -> {
          String data = SseParser.decodeData(event.data(), event.data().length).strip();
          if (done[0] || data.isEmpty()) {
            return;
          }
          if (data.equals("[DONE]")) {
            done[0] = true;
            return;
          }
          JsonNode chunk;
          try {
            chunk = Json.MAPPER.readTree(data);
          } catch (IOException notJson) {
            if ("error".equals(event.type())) {
              acc.acceptError(ERRORS.redact(ServerError.collapse(data)));
            }
            return;
          }
          if ("error".equals(event.type()) && !chunk.has("choices")) {
            acc.acceptError(ERRORS.redact(ServerError.fromObject(chunk).message()));
          } else if (chunk.has("error") && !chunk.get("error").isNull()) {
            acc.acceptError(ERRORS.redact(ServerError.fromObject(chunk).message()));
          } else {
            acc.acceptChunk(chunk);
          }
        },
        () -> done[0]);
  }

  private static boolean isPlainAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b <= 0) {
        return false;
      }
    }
    return true;
  }
}
