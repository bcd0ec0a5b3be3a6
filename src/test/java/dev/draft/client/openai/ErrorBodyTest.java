package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.KEY;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Error bodies in every shape servers send them: each becomes the right kind and one line that
 * carries the server's words and never the key.
 */
class ErrorBodyTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private EndpointException failure(ResponseDefinitionBuilder response) {
    return failure(settings(wm), "gpt-4o-mini", response);
  }

  private EndpointException failure(
      WireFixture.Settings settings, String model, ResponseDefinitionBuilder response) {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(response));
    ChatRequest request =
        new ChatRequest(model, List.of(ChatMessage.user("Hi")), 1, null, null, null, false);
    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () ->
                WireFixture.client(
                        settings.maxRetries(0).build(), CapabilityStore.inMemory(), sleeper)
                    .complete(request, StreamListener.NONE));
    assertThat(e).as("the request fails").isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain(KEY);
    return e;
  }

  @Test
  void errorObjectWithStringCode() {
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'error':{'message':'Invalid type for \\u0027max_tokens\\u0027: expected an"
                        + " integer, but got a string instead.','type':'invalid_request_error',"
                        + "'param':'max_tokens','code':'invalid_type'}}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage())
        .contains("Invalid type for 'max_tokens': expected an integer")
        .contains("max_tokens");
    assertThat(e.rejectedParameter()).isEqualTo("max_tokens");
  }

  @Test
  void errorObjectWithNumericCode() {
    // llama.cpp's server.
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'error':{'code':400,'message':'\\u0027messages\\u0027 must be an array',"
                        + "'type':'invalid_request_error'}}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage()).contains("'messages' must be an array");
  }

  @Test
  void errorObjectWithNullCode() {
    // Azure OpenAI.
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'error':{'message':'Unrecognized request argument supplied: "
                        + "frequency_penality','type':'invalid_request_error','param':null,"
                        + "'code':null}}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage())
        .contains("Unrecognized request argument supplied: frequency_penality");
  }

  @Test
  void errorAsAPlainString() {
    // Ollama.
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'error':'json: cannot unmarshal number into Go struct field of type string'}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage()).contains("json: cannot unmarshal number into Go struct field");
  }

  @Test
  void flatErrorObject() {
    // vLLM.
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'object':'error','message':'temperature must be non-negative, got -1.0.',"
                        + "'type':'BadRequestError','param':null,'code':400}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage()).contains("temperature must be non-negative, got -1.0.");
  }

  @Test
  void messageAsAnObject() {
    // Mistral wraps the pydantic validation error in "message".
    EndpointException e =
        failure(
            jsonResponse(
                422,
                json(
                    "{'object':'error','message':{'detail':[{'type':'greater_than_equal',"
                        + "'loc':['body','temperature'],'msg':'Input should be greater than or"
                        + " equal to 0','input':-1,'ctx':{'ge':0}}]},"
                        + "'type':'invalid_request_message_error','param':null,'code':null}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage()).contains("temperature: Input should be greater than or equal to 0");
  }

  @Test
  void messageAsAnArray() {
    // A NestJS gateway: the words are in "message", "error" is only the status text.
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'message':['temperature must not be greater than 2','max_tokens must be"
                        + " a positive number'],'error':'Bad Request','statusCode':400}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage())
        .contains("temperature must not be greater than 2")
        .contains("max_tokens must be a positive number");
  }

  @Test
  void errorMessageAsAnArray() {
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json("{'error':{'message':['first problem','second problem'],'code':'invalid'}}")));

    assertThat(e.getMessage()).contains("first problem").contains("second problem");
  }

  @Test
  void fastApiDetailString() {
    EndpointException e =
        failure(jsonResponse(400, json("{'detail':'Invalid request: stop must be a list'}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage()).contains("Invalid request: stop must be a list");
  }

  @Test
  void fastApiValidationDetailList() {
    EndpointException e =
        failure(
            jsonResponse(
                422,
                json(
                    "{'detail':[{'type':'missing','loc':['body','messages'],'msg':'Field"
                        + " required','input':{'model':'m'}}]}")));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage()).contains("messages: Field required");
    assertThat(e.rejectedParameter()).isEqualTo("messages");
  }

  @Test
  void nonJsonText() {
    // aiohttp and many Python servers answer a crash with a bare text body.
    EndpointException e =
        failure(
            aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("500 Internal Server Error\n\nServer got itself in trouble"));

    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(e.getMessage()).contains("500 Internal Server Error Server got itself in trouble");
  }

  @Test
  void htmlPageFromAProxy() {
    EndpointException e =
        failure(
            aResponse()
                .withStatus(403)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withBody(
                    "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js\"> <![endif]-->\n"
                        + "<head>\n<title>Attention Required! | Cloudflare</title>\n"
                        + "<meta charset=\"UTF-8\" />\n</head>\n<body><h1>Sorry, you have been"
                        + " blocked</h1></body></html>\n"));

    assertThat(e.kind()).isEqualTo(Kind.PROXY_PAGE);
    assertThat(e.getMessage())
        .contains("Attention Required! | Cloudflare")
        .contains("HTML page")
        .doesNotContain("<");
  }

  @Test
  void htmlPageWithStatus200IsAProxyPage() {
    // A captive portal or a web UI at the base URL answers 200 with a page.
    EndpointException e =
        failure(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>Open WebUI</title></head><body></body></html>"));

    assertThat(e.kind()).isEqualTo(Kind.PROXY_PAGE);
    assertThat(e.getMessage()).contains("Open WebUI");
  }

  @Test
  void errorObjectWithStatus200IsAnError() {
    EndpointException e =
        failure(
            jsonResponse(
                200,
                json("{'error':{'message':'Upstream provider returned no choices','code':502}}")));

    assertThat(e.getMessage()).contains("Upstream provider returned no choices");
  }

  @Test
  void unauthorizedNamesProfileAndKeySourceButNeverTheKey() {
    // A naive proxy that echoes the whole key back.
    EndpointException e =
        failure(
            jsonResponse(
                401,
                json(
                    "{'error':{'message':'Incorrect API key provided: "
                        + KEY
                        + ". You can find your API key at https://platform.openai.com/account/"
                        + "api-keys.','type':'invalid_request_error','param':null,"
                        + "'code':'invalid_api_key'}}")));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage())
        .contains("profile 'work'")
        .contains("$OPENAI_API_KEY")
        .contains("Incorrect API key provided")
        .doesNotContain(KEY)
        .doesNotContain(KEY.substring(0, 16));
  }

  @Test
  void keyEchoedAtTheEndOfALongMessageIsNotShownInPart() {
    // Long messages are cut to one short line; the cut must not leave a piece of the key behind.
    String filler = "Authentication failed for this request. ".repeat(7);
    EndpointException e =
        failure(
            jsonResponse(
                401, json("{'error':{'message':'" + filler + "Key: " + KEY + " (revoked)'}}")));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).doesNotContain(KEY.substring(0, 12));
  }

  @Test
  void forbiddenWithoutAKeyTellsWhichVariableToSet() {
    EndpointException e =
        failure(
            settings(wm).apiKey(null),
            "gpt-4o-mini",
            jsonResponse(
                403,
                json(
                    "{'error':{'message':'Missing bearer authentication in header',"
                        + "'type':'invalid_request_error'}}")));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("no API key was sent").contains("OPENAI_API_KEY");
  }

  @Test
  void insufficientBalanceWith402() {
    // DeepSeek.
    EndpointException e =
        failure(
            jsonResponse(
                402,
                json(
                    "{'error':{'message':'Insufficient Balance','type':'unknown_error',"
                        + "'param':null,'code':'invalid_request_error'}}")));

    assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_BALANCE);
    assertThat(e.getMessage()).contains("Insufficient Balance").contains("credit");
  }

  @Test
  void quotaExceededWith429IsABalanceProblemNotARateLimit() {
    EndpointException e =
        failure(
            jsonResponse(
                429,
                json(
                    "{'error':{'message':'You exceeded your current quota, please check your"
                        + " plan and billing details.','type':'insufficient_quota','param':null,"
                        + "'code':'insufficient_quota'}}")));

    assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_BALANCE);
    assertThat(e.getMessage()).contains("You exceeded your current quota");
  }

  @Test
  void unknownModelListsTheModelsTheEndpointServes() {
    wm.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'object':'list','data':[{'id':'gpt-4o-mini','object':'model',"
                            + "'created':1721172741,'owned_by':'system'},{'id':'gpt-4o',"
                            + "'object':'model','created':1715367049,'owned_by':'system'}]}"))));

    EndpointException e =
        failure(
            settings(wm),
            "gpt-9",
            jsonResponse(
                404,
                json(
                    "{'error':{'message':'The model `gpt-9` does not exist or you do not have"
                        + " access to it.','type':'invalid_request_error','param':null,"
                        + "'code':'model_not_found'}}")));

    assertThat(e.kind()).isEqualTo(Kind.MODEL_NOT_FOUND);
    assertThat(e.getMessage()).contains("'gpt-9'").contains("gpt-4o-mini, gpt-4o");
  }

  @Test
  void unknownModelOnOllamaListsItsModels() {
    wm.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'object':'list','data':[{'id':'llama3.2:latest','object':'model',"
                            + "'created':1731000000,'owned_by':'library'}]}"))));

    EndpointException e =
        failure(
            settings(wm),
            "llama9",
            jsonResponse(
                404, json("{'error':'model \\\"llama9\\\" not found, try pulling it first'}")));

    assertThat(e.kind()).isEqualTo(Kind.MODEL_NOT_FOUND);
    assertThat(e.getMessage()).contains("llama3.2:latest");
  }

  @Test
  void contextLengthExceeded() {
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'error':{'message':'This model\\u0027s maximum context length is 128000"
                        + " tokens. However, your messages resulted in 130412 tokens. Please"
                        + " reduce the length of the messages.','type':'invalid_request_error',"
                        + "'param':'messages','code':'context_length_exceeded'}}")));

    assertThat(e.kind()).isEqualTo(Kind.CONTEXT_LENGTH);
    assertThat(e.getMessage()).contains("maximum context length is 128000 tokens");
  }

  @Test
  void contextLengthExceededOnVllm() {
    EndpointException e =
        failure(
            jsonResponse(
                400,
                json(
                    "{'object':'error','message':'This model\\u0027s maximum context length is"
                        + " 4096 tokens. However, you requested 5000 tokens (4000 in the"
                        + " messages, 1000 in the completion).','type':'BadRequestError',"
                        + "'param':null,'code':400}")));

    assertThat(e.kind()).isEqualTo(Kind.CONTEXT_LENGTH);
    assertThat(e.getMessage()).contains("4096 tokens");
  }

  @Test
  void notFoundOnABaseUrlWithoutV1SuggestsAddingIt() {
    // Ollama's router answers an unknown path with a bare text 404.
    wm.stubFor(
        post(urlEqualTo("/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("404 page not found")));
    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () ->
                WireFixture.client(
                        settings(wm).baseUrl(wm.baseUrl()).build(),
                        CapabilityStore.inMemory(),
                        sleeper)
                    .complete(WireFixture.request(1, false), StreamListener.NONE));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage())
        .contains("lacks '/v1'")
        .contains("--base-url " + wm.baseUrl() + "/v1")
        .contains("404 page not found");
  }

  @Test
  void htmlNotFoundPageOnABaseUrlWithoutV1SuggestsAddingIt() {
    // nginx in front of the server answers an unknown path with its own page.
    wm.stubFor(
        post(urlEqualTo("/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<html><head><title>404 Not Found</title></head><body>nginx</body>"
                            + "</html>")));
    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () ->
                WireFixture.client(
                        settings(wm).baseUrl(wm.baseUrl()).build(),
                        CapabilityStore.inMemory(),
                        sleeper)
                    .complete(WireFixture.request(1, false), StreamListener.NONE));

    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.getMessage()).contains("try --base-url " + wm.baseUrl() + "/v1");
  }

  @Test
  void notFoundOnABaseUrlDoublingV1SuggestsTheFix() {
    wm.stubFor(
        post(urlEqualTo("/v1/v1/chat/completions"))
            .willReturn(
                jsonResponse(
                    404,
                    json(
                        "{'error':{'code':404,'message':'File Not Found',"
                            + "'type':'not_found_error'}}"))));
    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () ->
                WireFixture.client(
                        settings(wm).baseUrl(wm.baseUrl() + "/v1/v1").build(),
                        CapabilityStore.inMemory(),
                        sleeper)
                    .complete(WireFixture.request(1, false), StreamListener.NONE));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage())
        .contains("repeats part of the API path")
        .contains("--base-url " + wm.baseUrl() + "/v1 ")
        .contains("File Not Found");
  }
}
