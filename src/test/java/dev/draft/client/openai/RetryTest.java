package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries as the official SDKs make them, with the waits recorded instead of slept. */
class RetryTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String OVERLOADED =
      json("{'error':{'message':'The server is overloaded','type':'server_error','code':null}}");
  private static final String RATE_LIMITED =
      json(
          "{'error':{'message':'Rate limit reached for gpt-4o-mini on requests per min (RPM):"
              + " Limit 3, Used 3, Requested 1.','type':'requests','param':null,"
              + "'code':'rate_limit_exceeded'}}");

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  private ChatResult complete(WireFixture.Settings settings) {
    return complete(settings, () -> 0.5);
  }

  private ChatResult complete(WireFixture.Settings settings, DoubleSupplier random) {
    return WireFixture.client(settings.build(), capabilities, sleeper, random)
        .complete(request(1, true), StreamListener.NONE);
  }

  /** Serves {@code failures} in order, then a good stream. */
  private static void failThenSucceed(ResponseDefinitionBuilder... failures) {
    String state = STARTED;
    for (int i = 0; i < failures.length; i++) {
      String next = "attempt " + (i + 2);
      wm.stubFor(
          post(urlEqualTo(CHAT))
              .inScenario("retry")
              .whenScenarioStateIs(state)
              .willSetStateTo(next)
              .willReturn(failures[i]));
      state = next;
    }
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("retry")
            .whenScenarioStateIs(state)
            .willReturn(eventStream(stream("Nile"))));
  }

  private static void assertNile(ChatResult result) {
    assertThat(result.choices()).hasSize(1);
    assertThat(result.choices().get(0).text()).isEqualTo("Nile");
    assertThat(result.choices().get(0).outcome()).isEqualTo(Outcome.COMPLETE);
  }

  @Test
  void rateLimitWithRetryAfterSecondsWaitsAsAskedThenSucceeds() {
    failThenSucceed(jsonResponse(429, RATE_LIMITED).withHeader("Retry-After", "2"));

    assertNile(complete(settings(wm)));

    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(2));
    assertThat(chatBodies(wm)).hasSize(2);
  }

  @Test
  void retryAfterMsIsPreferredToRetryAfter() {
    failThenSucceed(
        jsonResponse(429, RATE_LIMITED)
            .withHeader("retry-after-ms", "1500")
            .withHeader("Retry-After", "2"));

    assertNile(complete(settings(wm)));

    assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(1500));
  }

  @Test
  void retryAfterAsAnHttpDateWaitsUntilThen() {
    // The fixed clock stands at 2025-03-14T09:26:53Z.
    failThenSucceed(
        jsonResponse(503, OVERLOADED).withHeader("Retry-After", "Fri, 14 Mar 2025 09:26:57 GMT"));

    assertNile(complete(settings(wm)));

    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void retryAfterLongerThanAMinuteFailsFastWithTheWaitInTheMessage() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(jsonResponse(429, RATE_LIMITED).withHeader("Retry-After", "120")));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> complete(settings(wm)));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    String twoMinutesOn =
        DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault())
            .format(WireFixture.NOW.plusSeconds(120));
    assertThat(e.getMessage()).contains("wait 120 s").contains("try again after " + twoMinutesOn);
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void retryAfterDateMoreThanAMinuteAwayFailsFast() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                jsonResponse(503, OVERLOADED)
                    .withHeader("Retry-After", "Fri, 14 Mar 2025 09:36:53 GMT")));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> complete(settings(wm)));

    assertThat(e.getMessage()).contains("wait 600 s");
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void serverErrorsTwiceThenSuccessBackOffWithJitter() {
    failThenSucceed(jsonResponse(500, OVERLOADED), jsonResponse(500, OVERLOADED));

    assertNile(complete(settings(wm), () -> ThreadLocalRandom.current().nextDouble()));

    assertThat(sleeper.seconds()).hasSize(2);
    assertThat(sleeper.seconds().get(0)).isBetween(0.375, 0.5);
    assertThat(sleeper.seconds().get(1)).isBetween(0.75, 1.0);
    assertThat(chatBodies(wm)).hasSize(3);
  }

  @Test
  void backoffDoublesFromHalfASecondUpToEightLessTheJitter() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(503, OVERLOADED)));

    EndpointException e =
        catchThrowableOfType(
            EndpointException.class, () -> complete(settings(wm).maxRetries(6), () -> 0.0));

    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(sleeper.seconds()).containsExactly(0.5, 1.0, 2.0, 4.0, 8.0, 8.0);
    assertThat(chatBodies(wm)).hasSize(7);
  }

  @Test
  void fullJitterTakesAQuarterOff() {
    failThenSucceed(jsonResponse(500, OVERLOADED));

    assertNile(complete(settings(wm), () -> 0.999));

    assertThat(sleeper.seconds().get(0)).isCloseTo(0.375, within(0.001));
  }

  @Test
  void shouldRetryFalseOnA500IsNotRetried() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(jsonResponse(500, OVERLOADED).withHeader("x-should-retry", "false")));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> complete(settings(wm)));

    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(e.getMessage()).contains("The server is overloaded");
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void shouldRetryTrueOnA400IsRetried() {
    failThenSucceed(
        jsonResponse(400, json("{'error':{'message':'Try again','code':'transient'}}"))
            .withHeader("x-should-retry", "true"));

    assertNile(complete(settings(wm)));

    assertThat(chatBodies(wm)).hasSize(2);
    assertThat(sleeper.delays()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 529})
  void retryableStatusesAreRetried(int status) {
    failThenSucceed(jsonResponse(status, OVERLOADED));

    assertNile(complete(settings(wm)));

    assertThat(chatBodies(wm)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void clientErrorsAreNotRetried(int status) {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(status, OVERLOADED)));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> complete(settings(wm)));

    assertThat(e.status()).isEqualTo(status);
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void maxRetriesZeroMakesOneAttempt() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(503, OVERLOADED)));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> complete(settings(wm).maxRetries(0)));

    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("attempts");
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void rateLimitAfterEveryRetryNamesTheAttempts() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(429, RATE_LIMITED)));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> complete(settings(wm)));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage()).contains("3 attempts").contains("Rate limit reached");
    assertThat(chatBodies(wm)).hasSize(3);
  }

  @Test
  void quotaExceededWith429IsNotRetried() {
    // OpenAI says an empty balance with the rate limit's status; waiting will not refill it.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                jsonResponse(
                    429,
                    json(
                        "{'error':{'message':'You exceeded your current quota, please check your"
                            + " plan and billing details.','type':'insufficient_quota',"
                            + "'code':'insufficient_quota'}}"))));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> complete(settings(wm).maxRetries(2)));

    assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_BALANCE);
    assertThat(e.getMessage())
        .contains("You exceeded your current quota")
        .doesNotContain("attempts");
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void connectionResetBeforeAnyResponseIsRetried() {
    failThenSucceed(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertNile(complete(settings(wm)));

    assertThat(chatBodies(wm)).hasSize(2);
    assertThat(sleeper.delays()).hasSize(1);
  }

  @Test
  void garbageInsteadOfAnHttpResponseIsRetried() {
    failThenSucceed(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));

    assertNile(complete(settings(wm)));

    assertThat(chatBodies(wm)).hasSize(2);
  }

  @Test
  void connectionRefusedIsUnreachableAfterThreeAttempts() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () -> complete(settings(wm).baseUrl("http://127.0.0.1:" + port + "/v1")));

    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage())
        .contains("http://127.0.0.1:" + port + "/v1")
        .contains("is the server running?")
        .contains("after 3 attempts");
    assertThat(sleeper.delays()).hasSize(2);
  }

  @Test
  void serverSilentLongerThanTheIdleTimeoutIsATimeout() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(stream("Nile")).withFixedDelay(1500)));

    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () -> complete(settings(wm).idleTimeout(Duration.ofMillis(300)).maxRetries(1)));

    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(e.getMessage()).contains("0.3 s").contains("idle timeout");
    assertThat(chatBodies(wm)).as("a timeout is retried like the SDKs do").hasSize(2);
  }
}
