package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.draft.client.openai.WireFixture.completion;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.RateLimits;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rate limits a server announces with an answer reach the caller, streamed or not. */
class RateLimitHeadersWireTest {
  private static final String CHAT = "/v1/chat/completions";

  private static final RateLimits ANNOUNCED =
      new RateLimits(500L, 200_000L, 499L, 199_912L, Duration.ofMillis(120), Duration.ofMillis(26));

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private ChatResult complete(boolean stream) {
    return WireFixture.client(settings(wm).build(), CapabilityStore.inMemory(), sleeper)
        .complete(request(1, stream), StreamListener.NONE);
  }

  /** OpenAI's headers, as it sends them with every answer. */
  private static ResponseDefinitionBuilder withLimits(
      ResponseDefinitionBuilder response, String remainingRequests) {
    return response
        .withHeader("x-ratelimit-limit-requests", "500")
        .withHeader("x-ratelimit-limit-tokens", "200000")
        .withHeader("x-ratelimit-remaining-requests", remainingRequests)
        .withHeader("x-ratelimit-remaining-tokens", "199912")
        .withHeader("x-ratelimit-reset-requests", "120ms")
        .withHeader("x-ratelimit-reset-tokens", "26ms");
  }

  @Test
  void streamedAnswerCarriesTheAnnouncedLimits() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(withLimits(WireFixture.eventStream(stream("Nile")), "499")));

    ChatResult result = complete(true);

    assertThat(result.choices().get(0).text()).isEqualTo("Nile");
    assertThat(result.rateLimits()).isEqualTo(ANNOUNCED);
  }

  @Test
  void jsonAnswerCarriesTheAnnouncedLimits() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(withLimits(WireFixture.jsonResponse(200, completion("Volga")), "499")));

    ChatResult result = complete(false);

    assertThat(result.choices().get(0).text()).isEqualTo("Volga");
    assertThat(result.rateLimits()).isEqualTo(ANNOUNCED);
  }

  @Test
  void limitsAreThoseOfTheAnswerNotOfARefusalBeforeIt() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("429 then answer")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                withLimits(
                        WireFixture.jsonResponse(
                            429,
                            WireFixture.json(
                                "{'error':{'message':'Rate limit reached','type':'requests',"
                                    + "'code':'rate_limit_exceeded'}}")),
                        "0")
                    .withHeader("retry-after", "1"))
            .willSetStateTo("answered"));
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("429 then answer")
            .whenScenarioStateIs("answered")
            .willReturn(withLimits(WireFixture.eventStream(stream("Rhine")), "499")));

    ChatResult result = complete(true);

    assertThat(result.rateLimits()).isEqualTo(ANNOUNCED);
    assertThat(sleeper.seconds()).containsExactly(1.0);
  }

  @Test
  void answerWithoutLimitHeadersCarriesNone() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(stream("Nile"))));

    ChatResult result = complete(true);

    assertThat(result.rateLimits()).isSameAs(RateLimits.NONE);
  }
}
