package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.KEY;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.draft.client.CapabilityStore;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointSettings;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's own tokenizer at {@code POST /tokenize}, at the server's root: asked once, never
 * retried, and a server without one is remembered and not asked again.
 */
class TokenizeTest {
  private static final String TOKENIZE = "/tokenize";
  private static final String TEXT = "Hello world, 你好世界";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  private OptionalInt count(EndpointSettings settings) {
    return WireFixture.client(settings, capabilities, sleeper).countTokens("tiny-llama", TEXT);
  }

  private OptionalInt count() {
    return count(settings(wm).build());
  }

  private Boolean remembered() {
    return capabilities.get(settings(wm).build().capabilityKey()).tokenize();
  }

  private static List<LoggedRequest> tokenizeRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo(TOKENIZE)));
  }

  private static void answer(ResponseDefinitionBuilder response) {
    wm.stubFor(post(urlEqualTo(TOKENIZE)).willReturn(response));
  }

  @Test
  void countsWithLlamaCppsAnswer() {
    // As the llama.cpp server answered this text with a Llama 2 vocabulary.
    answer(jsonResponse(200, "{\"tokens\":[15043,3186,29892,29871,30919,31076,30793,30967]}"));

    assertThat(count()).hasValue(8);

    LoggedRequest sent = tokenizeRequests().get(0);
    JsonNode body = WireFixture.parse(sent.getBodyAsString());
    assertThat(body.get("content").asText()).isEqualTo(TEXT);
    assertThat(body.get("prompt").asText()).isEqualTo(TEXT);
    assertThat(body.get("model").asText()).isEqualTo("tiny-llama");
    assertThat(body.get("add_special_tokens").asBoolean(true)).isFalse();
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(remembered()).isTrue();
  }

  @Test
  void countsWithVllmsAnswer() {
    answer(
        jsonResponse(
            200,
            json("{'count':6,'max_model_len':32768,'tokens':[9707,1879,11,220,108386,99489]}")));

    assertThat(count()).hasValue(6);
  }

  @Test
  void countsLlamaCppsTokensWithPieces() {
    answer(
        jsonResponse(
            200, json("{'tokens':[{'id':15043,'piece':'Hello'},{'id':3186,'piece':' world'}]}")));

    assertThat(count()).hasValue(2);
  }

  @Test
  void aServerWithoutTokenizeIsAskedOnceAndRemembered() {
    // Ollama, OpenAI and most hosted APIs.
    answer(jsonResponse(404, json("{'error':{'message':'Not Found','type':'not_found_error'}}")));

    assertThat(count()).isEmpty();
    assertThat(count()).isEmpty();

    assertThat(tokenizeRequests()).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
    assertThat(remembered()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {405, 501})
  void otherNoSuchRouteAnswersAreRememberedToo(int status) {
    answer(aResponse().withStatus(status));

    assertThat(count()).isEmpty();

    assertThat(remembered()).isFalse();
  }

  @Test
  void anAnswerThatIsNotJsonMeansNoTokenizer() {
    // A web UI served at the root for every path.
    answer(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withBody("<!doctype html><html><body>Open WebUI</body></html>"));

    assertThat(count()).isEmpty();

    assertThat(remembered()).isFalse();
  }

  @Test
  void jsonWithoutTokensMeansNoTokenizer() {
    answer(jsonResponse(200, json("{'status':'ok'}")));

    assertThat(count()).isEmpty();

    assertThat(remembered()).isFalse();
  }

  @Test
  void aRefusalOfThisTextIsNeitherRetriedNorRemembered() {
    // vLLM refuses a text longer than the model's window.
    answer(
        jsonResponse(
            400,
            json(
                "{'error':{'message':'This model\\u0027s maximum context length is 2048 tokens.',"
                    + "'type':'BadRequestError','code':400}}")));

    assertThat(count()).isEmpty();
    assertThat(count()).isEmpty();

    assertThat(tokenizeRequests()).hasSize(2);
    assertThat(sleeper.delays()).isEmpty();
    assertThat(remembered()).isNull();
  }

  @Test
  void anOverloadedServerIsNotRetried() {
    answer(jsonResponse(503, json("{'error':{'message':'Loading model','code':503}}")));

    assertThat(count()).isEmpty();

    assertThat(tokenizeRequests()).hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
    assertThat(remembered()).isNull();
  }

  @Test
  void aBodyCutShortIsNoCountAndNotRemembered() {
    answer(jsonResponse(200, "{\"tokens\":[15043,3186,"));

    assertThat(count()).isEmpty();

    assertThat(remembered()).isNull();
  }

  @Test
  void anUnreachableServerIsNoCountWithoutWaiting() {
    EndpointSettings nowhere = settings(wm).baseUrl("http://127.0.0.1:1/v1").maxRetries(3).build();

    assertThat(count(nowhere)).isEmpty();

    assertThat(sleeper.delays()).isEmpty();
    assertThat(capabilities.get(nowhere.capabilityKey()).tokenize()).isNull();
  }

  @Test
  void azureHasNoTokenizeAndIsNotAsked() {
    EndpointSettings azure =
        settings(wm).baseUrl(wm.baseUrl()).azure("gpt4o-prod", "2024-10-21").build();

    assertThat(count(azure)).isEmpty();

    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBaseUrlWithoutV1HasTokenizeAtItsRoot() {
    answer(jsonResponse(200, "{\"tokens\":[1,2,3]}"));

    assertThat(count(settings(wm).baseUrl(wm.baseUrl() + "/").build())).hasValue(3);
  }

  @Test
  void aBaseUrlUnderAPathKeepsThePathAndTheQuery() {
    wm.stubFor(
        post(urlEqualTo("/llm/tokenize?api-key=secret-in-url"))
            .willReturn(jsonResponse(200, "{\"tokens\":[1,2]}")));

    assertThat(count(settings(wm).baseUrl(wm.baseUrl() + "/llm/v1/?api-key=secret-in-url").build()))
        .hasValue(2);
  }

  @Test
  void afterAStopNothingIsSent() {
    OpenAiChatClient client = WireFixture.client(settings(wm).build(), capabilities, sleeper);
    client.cancel();

    assertThatThrownBy(() -> client.countTokens("tiny-llama", TEXT))
        .isInstanceOfSatisfying(
            EndpointException.class,
            e -> assertThat(e.kind()).isEqualTo(EndpointException.Kind.INTERRUPTED));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
