package dev.draft.client.openai;

import static dev.draft.client.openai.RawHttpServer.closeSilently;
import static dev.draft.client.openai.RawHttpServer.sendThenClose;
import static dev.draft.client.openai.RawHttpServer.stream;
import static dev.draft.client.openai.WireFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * llama.cpp closes the connection after each streamed answer although it announces keep-alive, so
 * the next request on that pooled connection fails before any response byte. Such a request was
 * never processed: it is sent again at once on a fresh connection, and that does not count as an
 * attempt. A request whose response started is never sent again that way.
 */
class StaleConnectionTest {
  private static final String NILE = WireFixture.stream("Nile");

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  private OpenAiChatClient client(RawHttpServer server, int maxRetries) {
    return WireFixture.client(
        new WireFixture.Settings(server.baseUrl()).maxRetries(maxRetries).build(),
        capabilities,
        sleeper);
  }

  private static String text(ChatResult result) {
    return result.choices().get(0).text();
  }

  @Test
  void requestFailingOnAReusedConnectionIsSentAgainOnAFreshOneWithoutCountingAnAttempt()
      throws IOException {
    try (RawHttpServer server =
        new RawHttpServer(List.of(stream(NILE), closeSilently()), List.of(stream(NILE)))) {
      // No retries allowed at all: only a retry that is not counted can save the second request.
      OpenAiChatClient client = client(server, 0);

      assertThat(text(client.complete(request(1, true), StreamListener.NONE))).isEqualTo("Nile");
      ChatResult second = client.complete(request(1, true), StreamListener.NONE);

      assertThat(text(second)).isEqualTo("Nile");
      assertThat(second.choices().get(0).outcome()).isEqualTo(Outcome.COMPLETE);
      assertThat(server.connections()).containsExactly(0, 0, 1);
      assertThat(sleeper.delays()).isEmpty();
    }
  }

  @Test
  void staleConnectionIsRetriedFreshForTheModelListToo() throws IOException {
    String models = "{\"object\":\"list\",\"data\":[{\"id\":\"tiny\",\"object\":\"model\"}]}";
    try (RawHttpServer server =
        new RawHttpServer(
            List.of(RawHttpServer.json(models), closeSilently()),
            List.of(RawHttpServer.json(models)))) {
      OpenAiChatClient client = client(server, 0);

      assertThat(client.listModels()).hasSize(1);
      assertThat(client.listModels()).hasSize(1);
      assertThat(server.connections()).containsExactly(0, 0, 1);
      assertThat(sleeper.delays()).isEmpty();
    }
  }

  @Test
  void failureOnAFreshConnectionStillCountsAsAnAttemptAndWaits() throws IOException {
    try (RawHttpServer server =
        new RawHttpServer(List.of(closeSilently()), List.of(stream(NILE)))) {
      ChatResult result = client(server, 2).complete(request(1, true), StreamListener.NONE);

      assertThat(text(result)).isEqualTo("Nile");
      assertThat(server.connections()).containsExactly(0, 1);
      assertThat(sleeper.delays()).hasSize(1);
    }
  }

  @Test
  void failureOnAFreshConnectionWithNoRetriesLeftIsAnErrorWithoutAClassName() throws IOException {
    try (RawHttpServer server = new RawHttpServer(List.of(closeSilently()))) {
      EndpointException e =
          catchThrowableOfType(
              EndpointException.class,
              () -> client(server, 0).complete(request(1, true), StreamListener.NONE));

      assertThat(e.kind()).isEqualTo(EndpointException.Kind.UNREACHABLE);
      assertThat(e.getMessage())
          .contains("the server closed the connection without answering")
          .contains("unexpected end of stream")
          .doesNotContain("IOException")
          .contains("'draft doctor' checks the endpoint");
      assertThat(server.connections()).containsExactly(0);
    }
  }

  @Test
  void freshRetryThatFailsTooCountsAsAnAttempt() throws IOException {
    try (RawHttpServer server =
        new RawHttpServer(
            List.of(stream(NILE), closeSilently()),
            List.of(closeSilently()),
            List.of(stream(NILE)))) {
      OpenAiChatClient client = client(server, 2);
      client.complete(request(1, true), StreamListener.NONE);

      ChatResult second = client.complete(request(1, true), StreamListener.NONE);

      assertThat(text(second)).isEqualTo("Nile");
      assertThat(server.connections()).containsExactly(0, 0, 1, 2);
      assertThat(sleeper.delays()).hasSize(1);
    }
  }

  @Test
  void responseThatStartedOnAReusedConnectionIsNeverSentAgain() throws IOException {
    String started =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    String firstWords = "data: " + WireFixture.text(0, "Ni") + "\n\n";
    String chunk = Integer.toHexString(firstWords.length()) + "\r\n" + firstWords + "\r\n";
    try (RawHttpServer server =
        new RawHttpServer(
            List.of(stream(NILE), sendThenClose(started + chunk)), List.of(stream(NILE)))) {
      OpenAiChatClient client = client(server, 2);
      client.complete(request(1, true), StreamListener.NONE);

      ChatResult second = client.complete(request(1, true), StreamListener.NONE);

      assertThat(second.choices().get(0).outcome()).isEqualTo(Outcome.INTERRUPTED);
      assertThat(text(second)).isEqualTo("Ni");
      assertThat(second.choices().get(0).error())
          .contains("the connection dropped mid-stream")
          .doesNotContain("Exception");
      assertThat(server.requests()).hasSize(2);
      assertThat(sleeper.delays()).isEmpty();
    }
  }

  @Test
  void headersThenCloseOnAReusedConnectionIsAnOrdinaryCountedRetry() throws IOException {
    String started =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    try (RawHttpServer server =
        new RawHttpServer(List.of(stream(NILE), sendThenClose(started)), List.of(stream(NILE)))) {
      OpenAiChatClient client = client(server, 2);
      client.complete(request(1, true), StreamListener.NONE);

      ChatResult second = client.complete(request(1, true), StreamListener.NONE);

      assertThat(text(second)).isEqualTo("Nile");
      assertThat(server.connections()).containsExactly(0, 0, 1);
      assertThat(sleeper.delays()).hasSize(1);
    }
  }

  @Test
  void aStatusLineCutShortOnAReusedConnectionIsAnOrdinaryCountedRetry() throws IOException {
    // The server read the request and began to answer: it must not be sent again uncounted.
    try (RawHttpServer server =
        new RawHttpServer(
            List.of(stream(NILE), sendThenClose("HTTP/1.1 20")), List.of(stream(NILE)))) {
      OpenAiChatClient client = client(server, 2);
      client.complete(request(1, true), StreamListener.NONE);

      ChatResult second = client.complete(request(1, true), StreamListener.NONE);

      assertThat(text(second)).isEqualTo("Nile");
      assertThat(sleeper.delays()).hasSize(1);
    }
  }

  @Test
  void aServerThatWorkedOnTheRequestBeforeClosingIsNotSentItAgainUncounted() throws IOException {
    // A whole answer computed (and paid for) before the server died: no silent second request.
    try (RawHttpServer server =
        new RawHttpServer(
            List.of(stream(NILE), RawHttpServer.closeAfter(1_500)), List.of(stream(NILE)))) {
      OpenAiChatClient client = client(server, 0);
      client.complete(request(1, false), StreamListener.NONE);

      assertThatThrownBy(() -> client.complete(request(1, false), StreamListener.NONE))
          .isInstanceOf(EndpointException.class);
      assertThat(server.requests()).hasSize(2);
    }
  }
}
