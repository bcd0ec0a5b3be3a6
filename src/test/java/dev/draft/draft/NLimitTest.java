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
import static dev.draft.client.openai.WireFixture.text;
import static dev.draft.client.openai.WireFixture.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.Capabilities;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointSettings;
import dev.draft.client.Usage;
import dev.draft.client.openai.WireFixture;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that takes {@code n} only up to a limit (llama.cpp: its number of slots): the limit
 * it names is remembered, larger runs are split into native requests of at most the limit, and runs
 * within it stay one native request.
 */
class NLimitTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String LLAMA_REFUSAL =
      "{'error':{'code':400,'message':'Field \\u0027n\\u0027: Value must be between 1 <= value"
          + " <= 4, but got %d','type':'invalid_request_error'}}";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();
  private final EndpointSettings settings = settings(wm).build();
  private final Recorder listener = new Recorder();
  private final DraftGenerator generator =
      new DraftGenerator(
          WireFixture.client(settings, capabilities, sleeper),
          capabilities,
          settings.capabilityKey(),
          4);

  private static final class Recorder implements DraftListener {
    final List<String> text = new CopyOnWriteArrayList<>();
    final Map<Integer, Status> finished = new ConcurrentHashMap<>();

    @Override
    public void onText(int draft, String delta) {
      text.add(draft + ":" + delta);
    }

    @Override
    public void onFinished(int draft, Status outcome) {
      finished.put(draft, outcome);
    }
  }

  private static ChatRequest request(Long seed) {
    return new ChatRequest("tiny-llama", List.of(ChatMessage.user("hi")), 1, null, 10, seed, true);
  }

  /** Like llama.cpp with 4 slots: n above 4 is refused; n up to 4 answers "w<seed>-<index>". */
  private static void llamaWithFourSlots() {
    for (int n = 5; n <= 32; n++) {
      wm.stubFor(
          post(urlEqualTo(CHAT))
              .atPriority(1)
              .withRequestBody(matchingJsonPath("$.n", equalTo(String.valueOf(n))))
              .willReturn(jsonResponse(400, json(String.format(LLAMA_REFUSAL, n)))));
    }
    for (long seed = 0; seed <= 20; seed++) {
      for (int n = 2; n <= 4; n++) {
        wm.stubFor(
            post(urlEqualTo(CHAT))
                .atPriority(2)
                .withRequestBody(matchingJsonPath("$.n", equalTo(String.valueOf(n))))
                .withRequestBody(matchingJsonPath("$.seed", equalTo(String.valueOf(seed))))
                .willReturn(eventStream(choices(seed, n))));
      }
      wm.stubFor(
          post(urlEqualTo(CHAT))
              .atPriority(3)
              .withRequestBody(matchingJsonPath("$.seed", equalTo(String.valueOf(seed))))
              .willReturn(eventStream(choices(seed, 1))));
    }
  }

  private static String choices(long seed, int n) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(role(i));
    }
    for (int i = n - 1; i >= 0; i--) {
      events.add(text(i, "w" + seed + "-" + i));
    }
    for (int i = 0; i < n; i++) {
      events.add(finish(i, "length"));
    }
    events.add(usage(9, 10 * n));
    return sse(events.toArray(String[]::new));
  }

  private static List<Integer> ns(List<JsonNode> bodies) {
    return bodies.stream().map(b -> b.has("n") ? b.get("n").asInt() : 1).toList();
  }

  private Capabilities known() {
    return capabilities.get(settings.capabilityKey());
  }

  @Test
  void theFirstRefusalIsParsedAndTheRunReplannedAsNativeRequestsOfAtMostTheLimit() {
    llamaWithFourSlots();

    DraftSet set = generator.generate(request(0L), 8, listener);

    List<JsonNode> bodies = chatBodies(wm);
    assertThat(ns(bodies)).as("the refused n=8, then two of 4").containsExactly(8, 4, 4);
    assertThat(sleeper.delays()).as("a refusal of n is not retried").isEmpty();
    assertThat(set.method()).isEqualTo("native");
    assertThat(set.drafts()).extracting(Draft::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(set.drafts())
        .extracting(Draft::text)
        .containsExactly("w0-0", "w0-1", "w0-2", "w0-3", "w4-0", "w4-1", "w4-2", "w4-3");
    assertThat(set.allDelivered()).isTrue();
    assertThat(set.usage()).isEqualTo(new Usage(18, 80));
    assertThat(known().maxN()).isEqualTo(4);
    assertThat(known().nativeN()).isTrue();
    assertThat(listener.text)
        .containsExactlyInAnyOrder(
            "1:w0-0", "2:w0-1", "3:w0-2", "4:w0-3", "5:w4-0", "6:w4-1", "7:w4-2", "8:w4-3");
    assertThat(listener.finished).hasSize(8).containsValue(Status.TRUNCATED);
  }

  @Test
  void aKnownLimitSplitsAtOnceAndRunsWithinItStayOneNativeRequest() {
    llamaWithFourSlots();
    capabilities.update(settings.capabilityKey(), c -> c.withMaxN(4));

    DraftSet six = generator.generate(request(0L), 6, listener);

    assertThat(ns(chatBodies(wm))).containsExactlyInAnyOrder(4, 2);
    assertThat(six.drafts())
        .extracting(Draft::text)
        .containsExactly("w0-0", "w0-1", "w0-2", "w0-3", "w4-0", "w4-1");

    wm.resetRequests();
    DraftSet two = generator.generate(request(10L), 2, listener);

    assertThat(ns(chatBodies(wm))).containsExactly(2);
    assertThat(two.method()).isEqualTo("native");
    assertThat(two.drafts()).extracting(Draft::text).containsExactly("w10-0", "w10-1");
  }

  @Test
  void draftsStayInOrderWhenALaterBatchCameBackFirst() {
    // The limit learned before (4) is too high now: the server was restarted with 2 slots, so the
    // batch for drafts 1-4 is refused while the one for 5-6 answers.
    llamaWithFourSlots();
    for (int n = 3; n <= 4; n++) {
      wm.stubFor(
          post(urlEqualTo(CHAT))
              .atPriority(1)
              .withRequestBody(matchingJsonPath("$.n", equalTo(String.valueOf(n))))
              .willReturn(
                  jsonResponse(
                      400,
                      json(
                          String.format(LLAMA_REFUSAL, n)
                              .replace("<= value <= 4", "<= value <= 2")))));
    }
    capabilities.update(settings.capabilityKey(), c -> c.withMaxN(4));

    DraftSet set = generator.generate(request(0L), 6, listener);

    assertThat(set.drafts()).extracting(Draft::index).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(set.drafts().get(4).text()).isEqualTo("w4-0");
  }

  @Test
  void eachNativeRequestCarriesTheSeedPlusThePositionOfItsFirstDraft() {
    llamaWithFourSlots();
    capabilities.update(settings.capabilityKey(), c -> c.withMaxN(4));

    DraftSet set = generator.generate(request(3L), 9, listener);

    List<JsonNode> bodies = chatBodies(wm);
    assertThat(bodies)
        .extracting(b -> b.get("seed").asLong() + "/" + (b.has("n") ? b.get("n").asInt() : 1))
        .containsExactlyInAnyOrder("3/4", "7/4", "11/1");
    assertThat(set.drafts().get(8).text()).isEqualTo("w11-0");
  }

  @Test
  void oneFailingNativeRequestKeepsTheOthersDrafts() {
    llamaWithFourSlots();
    capabilities.update(settings.capabilityKey(), c -> c.withMaxN(4));
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.seed", equalTo("4")))
            .willReturn(
                jsonResponse(
                    401, json("{'error':{'message':'bad key','code':'invalid_api_key'}}"))));

    DraftSet set = generator.generate(request(0L), 8, listener);

    assertThat(set.drafts()).extracting(Draft::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(set.drafts())
        .extracting(Draft::status)
        .containsExactly(
            Status.TRUNCATED,
            Status.TRUNCATED,
            Status.TRUNCATED,
            Status.TRUNCATED,
            Status.FAILED,
            Status.FAILED,
            Status.FAILED,
            Status.FAILED);
    assertThat(set.drafts().get(4).error()).contains("bad key");
    assertThat(set.firstFailure()).isNotNull();
    assertThat(set.deliveredCount()).isEqualTo(4);
    assertThat(listener.finished)
        .containsEntry(5, Status.FAILED)
        .containsEntry(1, Status.TRUNCATED);
  }

  @Test
  void otherWordingsOfTheLimitAreUnderstood() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.n", equalTo("3")))
            .willReturn(
                jsonResponse(
                    400,
                    json(
                        "{'error':{'message':'n: must be less than or equal to 2','type':"
                            + "'invalid_request_error','param':'n'}}"))));
    for (long seed = 0; seed <= 2; seed++) {
      wm.stubFor(
          post(urlEqualTo(CHAT))
              .atPriority(2)
              .withRequestBody(matchingJsonPath("$.seed", equalTo(String.valueOf(seed))))
              .willReturn(eventStream(choices(seed, seed == 0 ? 2 : 1))));
    }

    DraftSet set = generator.generate(request(0L), 3, listener);

    List<Integer> sent = ns(chatBodies(wm));
    assertThat(sent.get(0)).as("the refused request comes first").isEqualTo(3);
    assertThat(sent.subList(1, 3)).as("then two in parallel").containsExactlyInAnyOrder(2, 1);
    assertThat(set.drafts()).extracting(Draft::text).containsExactly("w0-0", "w0-1", "w2-0");
    assertThat(known().maxN()).isEqualTo(2);
  }

  @Test
  void aCacheFileOfAnOlderDraftStillLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("capabilities.json");
    Files.writeString(
        file,
        "{\n  \"http://127.0.0.1:8080/v1\" : {\n    \"nativeN\" : false,\n"
            + "    \"streamOptions\" : true\n  },\n  \"http://x/v1\" : {\"nativeN\" : true,"
            + " \"somethingNewer\" : 1}\n}");

    CapabilityStore store = CapabilityStore.open(file);

    assertThat(store.get("http://127.0.0.1:8080/v1").nativeN()).isFalse();
    assertThat(store.get("http://127.0.0.1:8080/v1").streamOptions()).isTrue();
    assertThat(store.get("http://127.0.0.1:8080/v1").maxN()).isNull();
    assertThat(store.get("http://x/v1").nativeN()).isTrue();
    store.update("http://x/v1", c -> c.withMaxN(4).withContextWindow("tiny-llama", 2048));
    CapabilityStore again = CapabilityStore.open(file);
    assertThat(again.get("http://x/v1").maxN()).isEqualTo(4);
    assertThat(again.get("http://x/v1").contextWindow("tiny-llama")).isEqualTo(2048);
    assertThat(again.get("http://127.0.0.1:8080/v1").nativeN()).isFalse();
  }
}
