package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.EndpointSettings;
import dev.draft.client.ModelInfo;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A prompt refused as too long: the window the server names is read from each server's wording,
 * remembered for the endpoint and model, and the message says so with advice that fits.
 */
class ContextRefusalTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final CapabilityStore capabilities = CapabilityStore.inMemory();
  private final EndpointSettings settings = settings(wm).maxRetries(0).build();

  private EndpointException refusal(String body, Integer maxTokens) {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(400, json(body))));
    ChatRequest request =
        new ChatRequest(
            "tiny-llama", List.of(ChatMessage.user("long")), 1, null, maxTokens, null, true);
    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () ->
                WireFixture.client(settings, capabilities, new RecordingSleeper())
                    .complete(request, StreamListener.NONE));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.CONTEXT_LENGTH);
    assertThat(e.getMessage()).doesNotContain("\n");
    return e;
  }

  private Integer learned() {
    return capabilities.get(settings.capabilityKey()).contextWindow("tiny-llama");
  }

  @Test
  void llamaCppsRefusalNamesThePerSlotWindow() {
    EndpointException e =
        refusal(
            "{'error':{'code':400,'message':'request (3028 tokens) exceeds the available context"
                + " size (2048 tokens), try increasing it','type':'exceed_context_size_error',"
                + "'n_prompt_tokens':3028,'n_ctx':2048}}",
            10);

    assertThat(e.limit()).isEqualTo(2048);
    assertThat(learned()).isEqualTo(2048);
    assertThat(e.getMessage())
        .startsWith("the prompt does not fit the model's 2,048-token context window")
        .contains("the server said so; draft will check before sending next time")
        .contains("shorten the input")
        .doesNotContain("--max-tokens")
        .contains("exceeds the available context size (2048 tokens)");
  }

  @Test
  void vllmsRefusalAdvisesLoweringMaxTokensWhenThePromptAloneFits() {
    EndpointException e =
        refusal(
            "{'object':'error','message':'This model\\u0027s maximum context length is 4096"
                + " tokens. However, you requested 5000 tokens (1000 in the messages, 4000 in the"
                + " completion). Please reduce the length of the messages or completion.',"
                + "'type':'BadRequestError','param':null,'code':400}",
            4000);

    assertThat(learned()).isEqualTo(4096);
    assertThat(e.getMessage())
        .contains("4,096-token context window")
        .contains("lower --max-tokens (4,000) to at most 3,096")
        .doesNotContain("shorten the input");
  }

  @Test
  void openAisRefusalIsLearnedToo() {
    EndpointException e =
        refusal(
            "{'error':{'message':'This model\\u0027s maximum context length is 128000 tokens."
                + " However, your messages resulted in 130412 tokens. Please reduce the length of"
                + " the messages.','type':'invalid_request_error','param':'messages',"
                + "'code':'context_length_exceeded'}}",
            null);

    assertThat(e.limit()).isEqualTo(128000);
    assertThat(learned()).isEqualTo(128000);
    assertThat(e.getMessage()).contains("128,000-token context window");
  }

  @Test
  void aRefusalThatNamesNoWindowLearnsNothing() {
    EndpointException e =
        refusal(
            "{'error':{'message':'Input is too long for this model','code':"
                + "'context_length_exceeded'}}",
            null);

    assertThat(e.limit()).isNull();
    assertThat(learned()).isNull();
    assertThat(e.getMessage()).contains("does not fit").contains("Input is too long");
  }

  @Test
  void llamaCppsModelListGivesThePerSlotWindowNotTheTrainedOne() {
    wm.stubFor(
        WireMock.get(urlEqualTo("/v1/models"))
            .willReturn(
                okJson(
                    "{\"models\":[{\"name\":\"tiny-llama\",\"model\":\"tiny-llama\"}],"
                        + "\"object\":\"list\",\"data\":[{\"id\":\"tiny-llama\",\"object\":"
                        + "\"model\",\"owned_by\":\"llamacpp\",\"meta\":{\"vocab_type\":1,"
                        + "\"n_vocab\":32000,\"n_ctx\":2048,\"n_ctx_train\":8192}}]}")));

    List<ModelInfo> models =
        WireFixture.client(settings, capabilities, new RecordingSleeper()).listModels();

    assertThat(models).containsExactly(new ModelInfo("tiny-llama", "llamacpp", 2048));
  }
}
