package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.KEY;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.ModelInfo;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /models} as the servers answer it. */
class ModelListTest {
  private static final String MODELS = "/v1/models";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private List<ModelInfo> listModels(WireFixture.Settings settings) {
    return WireFixture.client(settings.build(), CapabilityStore.inMemory(), sleeper).listModels();
  }

  @Test
  void dataListIsRead() {
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'object':'list','data':[{'id':'gpt-4o-mini','object':'model',"
                            + "'created':1721172741,'owned_by':'system'},{'id':'o3-mini',"
                            + "'object':'model','created':1737146383,'owned_by':'system'}]}"))));

    assertThat(listModels(settings(wm)))
        .containsExactly(
            new ModelInfo("gpt-4o-mini", "system"), new ModelInfo("o3-mini", "system"));
    wm.verify(
        getRequestedFor(urlEqualTo(MODELS)).withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void nullDataIsAnEmptyList() {
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(jsonResponse(200, json("{'object':'list','data':null}"))));

    assertThat(listModels(settings(wm))).isEmpty();
  }

  @Test
  void extraFieldsAreIgnored() {
    // OpenRouter describes each model at length.
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'data':[{'id':'openai/gpt-4o','canonical_slug':'openai/gpt-4o',"
                            + "'name':'OpenAI: GPT-4o','created':1715367049,'context_length':"
                            + "128000,'architecture':{'modality':'text+image->text',"
                            + "'input_modalities':['text','image']},'pricing':{'prompt':"
                            + "'0.0000025'},'top_provider':{'is_moderated':true},"
                            + "'supported_parameters':['n','seed']}]}"))));

    assertThat(listModels(settings(wm)))
        .containsExactly(new ModelInfo("openai/gpt-4o", null, 128000));
  }

  @Test
  void llamaCppExtraModelsKeyDoesNotDuplicate() {
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'models':[{'name':'gemma-3-4b-it-Q4_K_M.gguf','model':"
                            + "'gemma-3-4b-it-Q4_K_M.gguf','modified_at':'','size':'','digest':"
                            + "'','type':'model','description':'','tags':[''],'capabilities':"
                            + "['completion'],'parameters':'','details':{'parent_model':'',"
                            + "'format':'gguf','family':'','families':[''],'parameter_size':'',"
                            + "'quantization_level':''}}],'object':'list','data':[{'id':"
                            + "'gemma-3-4b-it-Q4_K_M.gguf','object':'model','created':1747322591,"
                            + "'owned_by':'llamacpp','meta':{'vocab_type':2,'n_vocab':262144,"
                            + "'n_ctx_train':131072,'n_embd':2560,'n_params':3880263168,"
                            + "'size':2489757696}}]}"))));

    assertThat(listModels(settings(wm)))
        .containsExactly(new ModelInfo("gemma-3-4b-it-Q4_K_M.gguf", "llamacpp", 131072));
  }

  @Test
  void azureListsModelsWithTheApiVersionAndApiKey() {
    wm.stubFor(
        get(urlEqualTo("/openai/models?api-version=2024-10-21"))
            .willReturn(jsonResponse(200, json("{'data':[{'id':'gpt-4o'}],'object':'list'}"))));

    assertThat(listModels(settings(wm).baseUrl(wm.baseUrl()).azure("prod", "2024-10-21")))
        .extracting(ModelInfo::id)
        .containsExactly("gpt-4o");
    wm.verify(
        getRequestedFor(urlEqualTo("/openai/models?api-version=2024-10-21"))
            .withHeader("api-key", equalTo(KEY)));
  }

  @Test
  void unauthorizedModelListIsAnAuthError() {
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(
                jsonResponse(
                    401,
                    json(
                        "{'error':{'message':'Invalid Authentication','type':"
                            + "'invalid_authentication_error'}}"))));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> listModels(settings(wm)));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("Invalid Authentication").contains("$OPENAI_API_KEY");
  }

  @Test
  void htmlInsteadOfAModelListSaysSo() {
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<!doctype html><html><head><title>LM Studio</title></head>")));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> listModels(settings(wm)));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("not JSON").contains("LM Studio");
  }

  @Test
  void contextWindowsAreReadUnderEachServersName() {
    wm.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                okJson(
                    "{\"data\":[{\"id\":\"or\",\"context_length\":200000},"
                        + "{\"id\":\"vllm\",\"max_model_len\":32768},"
                        + "{\"id\":\"groq\",\"context_window\":131072},"
                        + "{\"id\":\"cpp\",\"meta\":{\"n_ctx_train\":8192}},"
                        + "{\"id\":\"plain\"}]}")));

    assertThat(listModels(settings(wm)))
        .containsExactly(
            new ModelInfo("or", null, 200000),
            new ModelInfo("vllm", null, 32768),
            new ModelInfo("groq", null, 131072),
            new ModelInfo("cpp", null, 8192),
            new ModelInfo("plain", null, null));
  }

  @Test
  void errorBodyWithStatus200IsAnEndpointErrorNotAnEmptyList() {
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'error':{'message':'Invalid API key','type':'invalid_request_error',"
                            + "'code':401}}"))));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> listModels(settings(wm)));

    assertThat(e.kind()).isEqualTo(EndpointException.Kind.AUTH);
    assertThat(e.getMessage())
        .contains("the endpoint refused the credentials")
        .contains("check the key in $OPENAI_API_KEY")
        .contains("Invalid API key");
  }

  @Test
  void errorBodyWithoutAStatusCodeIsARejectedRequest() {
    wm.stubFor(
        get(urlEqualTo(MODELS))
            .willReturn(jsonResponse(200, json("{'error':'model registry unavailable'}"))));

    EndpointException e =
        catchThrowableOfType(EndpointException.class, () -> listModels(settings(wm)));

    assertThat(e.kind()).isEqualTo(EndpointException.Kind.BAD_REQUEST);
    assertThat(e.getMessage())
        .isEqualTo("the endpoint rejected the request (HTTP 200): model registry unavailable");
  }
}
