package dev.draft.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.ModelInfo;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator against a chat client faked at its interface, for what HTTP cannot provoke. */
class DraftGeneratorTest {
  private static final String ENDPOINT = "http://fake/v1";

  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  @Test
  void bugInsideOneFanOutRequestSurfacesAsItselfNotAsAnEndpointFailure() {
    NullPointerException bug = new NullPointerException("a bug of ours");
    // Seed 101 is the second candidate's request.
    ChatClient client =
        new ChatClient() {
          @Override
          public ChatResult complete(ChatRequest request, StreamListener listener) {
            if (Long.valueOf(101).equals(request.seed())) {
              throw bug;
            }
            return new ChatResult(
                List.of(
                    new Choice(0, "Nile", null, "stop", Outcome.COMPLETE, null, new Usage(5, 1))),
                new Usage(5, 1));
          }

          @Override
          public List<ModelInfo> listModels() {
            throw new AssertionError("no model list expected");
          }
        };
    capabilities.update(ENDPOINT, c -> c.withNativeN(false));
    ChatRequest request =
        new ChatRequest(
            "m1", List.of(ChatMessage.user("Name a river.")), 1, null, null, 100L, true);

    Throwable thrown =
        catchThrowable(
            () ->
                new DraftGenerator(client, capabilities, ENDPOINT, 4)
                    .generate(request, 3, DraftListener.NONE));

    assertThat(thrown).isSameAs(bug);
  }

  @Test
  void eachFanOutDraftReportsItsOwnEndAsSoonAsItEnds() {
    // Seed 100 (draft 1) fails, 101 (draft 2) is cut at the limit, 102 (draft 3) completes.
    ChatClient client =
        new ChatClient() {
          @Override
          public ChatResult complete(ChatRequest request, StreamListener listener) {
            long seed = request.seed();
            if (seed == 100) {
              throw new dev.draft.client.EndpointException(
                  dev.draft.client.EndpointException.Kind.SERVER_ERROR, 500, "HTTP 500");
            }
            listener.onText(0, "River");
            Outcome outcome = seed == 101 ? Outcome.TRUNCATED : Outcome.COMPLETE;
            return new ChatResult(
                List.of(
                    new Choice(
                        0,
                        "River",
                        null,
                        seed == 101 ? "length" : "stop",
                        outcome,
                        null,
                        Usage.NONE)),
                Usage.NONE);
          }

          @Override
          public List<ModelInfo> listModels() {
            throw new AssertionError("no model list expected");
          }
        };
    capabilities.update(ENDPOINT, c -> c.withNativeN(false));
    java.util.Map<Integer, Status> ended = new java.util.concurrent.ConcurrentHashMap<>();
    DraftListener listener =
        new DraftListener() {
          @Override
          public void onFinished(int draft, Status outcome) {
            ended.put(draft, outcome);
          }
        };
    ChatRequest request =
        new ChatRequest(
            "m1", List.of(ChatMessage.user("Name a river.")), 1, null, null, 100L, true);

    new DraftGenerator(client, capabilities, ENDPOINT, 4).generate(request, 3, listener);

    assertThat(ended)
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(1, Status.FAILED, 2, Status.TRUNCATED, 3, Status.COMPLETE));
  }
}
