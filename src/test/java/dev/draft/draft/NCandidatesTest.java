package dev.draft.draft;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.finish;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.role;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.sse;
import static dev.draft.client.openai.WireFixture.sseWithoutDone;
import static dev.draft.client.openai.WireFixture.stream;
import static dev.draft.client.openai.WireFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.EndpointSettings;
import dev.draft.client.openai.WireFixture;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * N candidates: {@code n} where the endpoint supports it, parallel single requests where it rejects
 * or ignores it, and what was learned remembered per endpoint.
 */
class NCandidatesTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final List<String> RIVERS = List.of("Nile", "Amazon", "Yangtze");

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();
  private final Recorder listener = new Recorder();
  private final EndpointSettings settings = settings(wm).build();
  private final DraftGenerator generator =
      new DraftGenerator(
          WireFixture.client(settings, capabilities, sleeper),
          capabilities,
          settings.capabilityKey(),
          4);

  /** Text per draft as {@code "<draft>:<delta>"}; calls come from several threads. */
  private static final class Recorder implements DraftListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onText(int draft, String delta) {
      events.add(draft + ":" + delta);
    }
  }

  private static ChatRequest request(Long seed) {
    return new ChatRequest(
        "llama3.2", List.of(ChatMessage.user("Name a river.")), 1, 0.9, null, seed, true);
  }

  /** Single requests, told apart by seed: seed 100 + i answers the i-th river. */
  private static void singleAnswersBySeed() {
    for (int i = 0; i < RIVERS.size(); i++) {
      wm.stubFor(
          post(urlEqualTo(CHAT))
              .atPriority(5)
              .withRequestBody(matchingJsonPath("$.seed", equalTo(String.valueOf(100 + i))))
              .willReturn(eventStream(stream(RIVERS.get(i)))));
    }
  }

  private static void rejectN(int status, String body) {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.n"))
            .willReturn(jsonResponse(status, body)));
  }

  private Boolean nativeN() {
    return capabilities.get(settings.capabilityKey()).nativeN();
  }

  private static List<JsonNode> withN(List<JsonNode> bodies) {
    return bodies.stream().filter(b -> b.has("n")).toList();
  }

  private void assertFallsBackToSingleRequestsAndRemembers() {
    singleAnswersBySeed();

    DraftSet first = generator.generate(request(100L), 3, listener);

    assertThat(first.method()).isEqualTo("fan-out");
    assertThat(first.drafts()).extracting(Draft::index).containsExactly(1, 2, 3);
    assertThat(first.drafts()).extracting(Draft::text).containsExactlyElementsOf(RIVERS);
    assertThat(first.drafts()).allMatch(d -> d.status() == Status.COMPLETE);
    assertThat(first.firstFailure()).isNull();
    List<JsonNode> bodies = chatBodies(wm);
    assertThat(bodies).hasSize(4);
    assertThat(withN(bodies)).hasSize(1);
    assertThat(withN(bodies).get(0).get("n").asInt()).isEqualTo(3);
    assertThat(sleeper.delays()).as("a rejection of n is not retried").isEmpty();
    assertThat(nativeN()).isFalse();

    DraftSet second = generator.generate(request(100L), 3, listener);

    assertThat(second.drafts()).extracting(Draft::text).containsExactlyElementsOf(RIVERS);
    List<JsonNode> after = chatBodies(wm);
    assertThat(after).hasSize(7);
    assertThat(withN(after)).as("no request with n once it is known unsupported").hasSize(1);
  }

  @Test
  void nRejectedWith400FallsBackToSingleRequestsAndIsRemembered() {
    rejectN(
        400,
        json(
            "{'error':{'message':'Unsupported parameter: \\u0027n\\u0027','type':"
                + "'invalid_request_error','param':'n','code':'unsupported_parameter'}}"));

    assertFallsBackToSingleRequestsAndRemembers();
  }

  @Test
  void nRejectedWith422FallsBackToSingleRequestsAndIsRemembered() {
    // A FastAPI server whose pydantic model forbids extra fields.
    rejectN(
        422,
        json(
            "{'detail':[{'type':'extra_forbidden','loc':['body','n'],'msg':'Extra inputs are"
                + " not permitted','input':3}]}"));

    assertFallsBackToSingleRequestsAndRemembers();
  }

  @Test
  void nRejectedWith500FallsBackToSingleRequestsWithoutRetrying() {
    rejectN(500, json("{'object':'error','message':'n must be 1','type':'InternalServerError'}"));

    assertFallsBackToSingleRequestsAndRemembers();
  }

  @Test
  void nIgnoredGetsTheMissingDraftsAsSingleRequests() {
    // Ollama ignores n and streams one choice.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.n", equalTo("3")))
            .willReturn(eventStream(stream("Nile"))));
    singleAnswersBySeed();

    DraftSet set = generator.generate(request(100L), 3, listener);

    assertThat(set.method()).isEqualTo("mixed");
    assertThat(set.drafts()).extracting(Draft::text).containsExactlyElementsOf(RIVERS);
    assertThat(set.allDelivered()).isTrue();
    List<JsonNode> bodies = chatBodies(wm);
    assertThat(bodies).hasSize(3);
    assertThat(withN(bodies)).hasSize(1);
    assertThat(bodies.subList(1, 3))
        .extracting(b -> b.get("seed").asLong())
        .containsExactlyInAnyOrder(101L, 102L);
    assertThat(nativeN()).isFalse();
  }

  @Test
  void nativeNIsOneRequest() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.n", equalTo("3")))
            .willReturn(
                eventStream(
                    sse(
                        role(0),
                        role(1),
                        role(2),
                        text(2, "Yangtze"),
                        text(0, "Nile"),
                        text(1, "Amazon"),
                        finish(0, "stop"),
                        finish(1, "stop"),
                        finish(2, "stop")))));

    DraftSet set = generator.generate(request(100L), 3, listener);

    assertThat(set.method()).isEqualTo("native");
    assertThat(set.drafts()).extracting(Draft::index).containsExactly(1, 2, 3);
    assertThat(set.drafts()).extracting(Draft::text).containsExactlyElementsOf(RIVERS);
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(chatBodies(wm).get(0).get("seed").asLong()).isEqualTo(100L);
    assertThat(nativeN()).isTrue();
    assertThat(listener.events).containsExactly("3:Yangtze", "1:Nile", "2:Amazon");
  }

  @Test
  void oneDraftIsOneRequestWithoutN() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(stream("Nile"))));

    DraftSet set = generator.generate(request(null), 1, listener);

    assertThat(set.method()).isEqualTo("single");
    assertThat(set.drafts()).extracting(Draft::text).containsExactly("Nile");
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(chatBodies(wm).get(0).has("n")).isFalse();
    assertThat(chatBodies(wm).get(0).has("seed")).isFalse();
    assertThat(nativeN()).isNull();
  }

  @Test
  void seedsDifferPerCandidateInFanOut() {
    capabilities.update(settings.capabilityKey(), c -> c.withNativeN(false));
    singleAnswersBySeed();

    DraftSet set = generator.generate(request(100L), 3, listener);

    assertThat(set.method()).isEqualTo("fan-out");
    List<JsonNode> bodies = chatBodies(wm);
    assertThat(bodies).hasSize(3);
    assertThat(bodies).allMatch(b -> !b.has("n"));
    assertThat(bodies)
        .extracting(b -> b.get("seed").asLong())
        .containsExactlyInAnyOrder(100L, 101L, 102L);
    assertThat(set.drafts()).extracting(Draft::text).containsExactlyElementsOf(RIVERS);
    assertThat(listener.events).containsExactlyInAnyOrder("1:Nile", "2:Amazon", "3:Yangtze");
  }

  @Test
  void oneFailedCandidateInFanOutLeavesTheOthersDelivered() {
    capabilities.update(settings.capabilityKey(), c -> c.withNativeN(false));
    singleAnswersBySeed();
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.seed", equalTo("101")))
            .willReturn(
                jsonResponse(
                    500,
                    json(
                        "{'error':{'message':'CUDA error: an illegal memory access',"
                            + "'code':500}}"))));

    DraftSet set = generator.generate(request(100L), 3, listener);

    assertThat(set.drafts()).extracting(Draft::index).containsExactly(1, 2, 3);
    assertThat(set.drafts())
        .extracting(Draft::status)
        .containsExactly(Status.COMPLETE, Status.FAILED, Status.COMPLETE);
    assertThat(set.drafts().get(0).text()).isEqualTo("Nile");
    assertThat(set.drafts().get(2).text()).isEqualTo("Yangtze");
    assertThat(set.drafts().get(1).error()).contains("CUDA error: an illegal memory access");
    assertThat(set.deliveredCount()).isEqualTo(2);
    assertThat(set.firstFailure()).isNotNull();
    assertThat(set.firstFailure().kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(chatBodies(wm)).as("the failing one is retried twice").hasSize(5);
    assertThat(sleeper.delays()).hasSize(2);
  }

  @Test
  void otherFailuresOfTheNRequestAreNotMistakenForRejectingN() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                jsonResponse(
                    401,
                    json("{'error':{'message':'Invalid API key','code':'invalid_api_key'}}"))));

    EndpointException e =
        catchThrowableOfType(
            EndpointException.class, () -> generator.generate(request(100L), 3, listener));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(nativeN()).isNull();
  }

  @Test
  void streamCutBeforeEveryChoiceAppearedGetsTheRestButDoesNotForgetN() {
    // The connection dropped after the first choice's text: the server did not ignore n, it
    // never had the chance to send the second choice.
    String sent = sseWithoutDone(role(0), text(0, "Nile"));
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.n", equalTo("2")))
            .willReturn(
                eventStream(sent)
                    .withHeader("Content-Length", String.valueOf(sent.length() + 300))
                    .withChunkedDribbleDelay(2, 40)));
    singleAnswersBySeed();

    DraftSet set = generator.generate(request(100L), 2, listener);

    assertThat(set.drafts()).extracting(Draft::index).containsExactly(1, 2);
    assertThat(set.drafts().get(0).text()).isEqualTo("Nile");
    assertThat(set.drafts().get(0).status()).isEqualTo(Status.INTERRUPTED);
    assertThat(set.drafts().get(1).text()).isEqualTo("Amazon");
    assertThat(set.drafts().get(1).status()).isEqualTo(Status.COMPLETE);
    assertThat(nativeN()).as("nothing was learned about n").isNull();
  }
}
