package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.finish;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.role;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.sse;
import static dev.draft.client.openai.WireFixture.text;
import static dev.draft.client.openai.WireFixture.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The usage of a response with several choices, in each shape servers send it: one final total
 * (OpenAI), running totals on every chunk, and one usage chunk per choice (llama.cpp).
 */
class UsagePerChoiceTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  private ChatResult complete(int n, boolean stream) {
    return WireFixture.client(settings(wm).build(), capabilities, new RecordingSleeper())
        .complete(request(n, stream), StreamListener.NONE);
  }

  private static void serve(String... events) {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(sse(events))));
  }

  /** A chunk of choice {@code index} carrying running-total usage, as some servers send. */
  private static String withUsage(int index, String content, String finish, int prompt, int done) {
    return json(
        "{'id':'c','object':'chat.completion.chunk','created':1741944413,'model':'m',"
            + "'choices':[{'index':"
            + index
            + ",'delta':{'content':'"
            + content
            + "'},'finish_reason':"
            + (finish == null ? "null" : "'" + finish + "'")
            + "}],'usage':{'prompt_tokens':"
            + prompt
            + ",'completion_tokens':"
            + done
            + ",'total_tokens':"
            + (prompt + done)
            + "}}");
  }

  @Test
  void llamaCppSendsOneUsagePerChoiceAndTheyAreSummed() {
    // As llama.cpp streams n=3: interleaved choices, and each choice's own usage right after its
    // finish, so choice 0's usage comes before the last chunks of choices 1 and 2.
    serve(
        role(0),
        role(1),
        role(2),
        text(0, "Nile"),
        text(1, "Amazon"),
        text(2, "Volga"),
        finish(0, "length"),
        usage(29, 60),
        text(1, " river"),
        finish(1, "length"),
        usage(29, 60),
        text(2, " river"),
        finish(2, "length"),
        usage(29, 60));

    ChatResult result = complete(3, true);

    assertThat(result.choices()).hasSize(3);
    assertThat(result.usage()).isEqualTo(new Usage(29, 180));
  }

  @Test
  void perChoiceUsagesOfDifferentLengthsAddUp() {
    serve(
        text(0, "A"),
        text(1, "B"),
        finish(1, "stop"),
        usage(12, 3),
        finish(0, "length"),
        usage(12, 8));

    ChatResult result = complete(2, true);

    assertThat(result.usage()).isEqualTo(new Usage(12, 11));
    // Each usage chunk follows its own choice's finish, so each draft gets its own counts.
    assertThat(result.choices().get(0).usage()).isEqualTo(new Usage(12, 8));
    assertThat(result.choices().get(1).usage()).isEqualTo(new Usage(12, 3));
  }

  @Test
  void openAisSingleFinalUsageCoversAllChoices() {
    serve(
        role(0),
        role(1),
        text(0, "Nile"),
        text(1, "Amazon"),
        finish(0, "stop"),
        finish(1, "stop"),
        usage(19, 4));

    ChatResult result = complete(2, true);

    assertThat(result.usage()).isEqualTo(new Usage(19, 4));
    // One total for two choices says nothing of either alone.
    assertThat(result.choices()).allSatisfy(c -> assertThat(c.usage()).isEqualTo(Usage.NONE));
  }

  @Test
  void runningTotalsOnEveryChunkOfSeveralChoicesAreNotSummed() {
    serve(
        withUsage(0, "A", null, 9, 1),
        withUsage(1, "B", null, 9, 2),
        withUsage(0, "C", "stop", 9, 3),
        withUsage(1, "D", "stop", 9, 4));

    assertThat(complete(2, true).usage()).isEqualTo(new Usage(9, 4));
  }

  @Test
  void runningTotalsThenOneFinalUsageChunkTakeTheFinalOne() {
    // vLLM with continuous usage stats: running totals on each chunk, then the total on its own.
    serve(withUsage(0, "A", null, 9, 1), withUsage(0, "B", "stop", 9, 2), usage(9, 2));

    assertThat(complete(1, true).usage()).isEqualTo(new Usage(9, 2));
  }

  @Test
  void usageChunksWithoutChoicesBeforeAnyFinishAreRunningTotals() {
    serve(text(0, "A"), usage(9, 1), text(0, "B"), usage(9, 2), finish(0, "stop"), usage(9, 3));

    assertThat(complete(1, true).usage()).isEqualTo(new Usage(9, 3));
  }

  @Test
  void nonStreamedSeveralChoicesKeepTheOneUsageTheServerSent() {
    // llama.cpp counts a single choice there; draft reports what the server said, no more.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(jsonResponse(200, WireFixture.completion("Nile", "Amazon", "Volga"))));

    ChatResult result = complete(3, false);

    assertThat(result.choices()).hasSize(3);
    assertThat(result.usage()).isEqualTo(new Usage(19, 10));
  }
}
