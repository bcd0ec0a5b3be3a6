package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.Capabilities;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointSettings;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key in the base URL (user info or query) is sent, since the endpoint needs it, but never shown:
 * not in messages, not in the capability cache.
 */
class UrlSecretsTest {
  private static final String SECRET = "sk-urlSECRET-4f9a2b7c";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  @TempDir Path dir;

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private OpenAiChatClient client(EndpointSettings settings, CapabilityStore capabilities) {
    return WireFixture.client(settings, capabilities, sleeper);
  }

  private String withQuery(String path) {
    return wm.baseUrl() + path + "?api-key=" + SECRET;
  }

  @Test
  void theQueryOfTheBaseUrlStaysAtTheEndOfTheRequestUrl() {
    wm.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withQueryParam("api-key", equalTo(SECRET))
            .willReturn(eventStream(stream("Nile"))));
    wm.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .withQueryParam("api-key", equalTo(SECRET))
            .willReturn(jsonResponse(200, json("{'data':[{'id':'m1'}]}"))));
    OpenAiChatClient client =
        client(settings(wm).baseUrl(withQuery("/v1/")).build(), CapabilityStore.inMemory());

    ChatResult result = client.complete(request(1, true), StreamListener.NONE);
    client.listModels();

    assertThat(result.choices().get(0).text()).isEqualTo("Nile");
    wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions?api-key=" + SECRET)));
    wm.verify(getRequestedFor(urlEqualTo("/v1/models?api-key=" + SECRET)));
  }

  @Test
  void azureKeepsTheBaseUrlsQueryAndAddsItsApiVersion() {
    String path = "/openai/deployments/gpt4o-prod/chat/completions";
    wm.stubFor(post(urlPathEqualTo(path)).willReturn(eventStream(stream("Nile"))));

    client(
            settings(wm).baseUrl(withQuery("/openai")).azure("gpt4o-prod", "2024-10-21").build(),
            CapabilityStore.inMemory())
        .complete(request(1, true), StreamListener.NONE);

    wm.verify(
        postRequestedFor(urlEqualTo(path + "?api-key=" + SECRET + "&api-version=2024-10-21")));
  }

  @Test
  void anErrorNamesTheBaseUrlWithoutItsSecrets() {
    wm.stubFor(
        post(WireMock.anyUrl())
            .willReturn(
                jsonResponse(
                    404,
                    json(
                        "{'error':{'message':'no route for /v1/chat/completions?api-key="
                            + SECRET
                            + "','type':'invalid_request_error'}}"))));
    String base = "http://user:" + SECRET + "@" + wm.baseUrl().substring("http://".length());

    EndpointException e =
        catchThrowableOfType(
            () ->
                client(settings(wm).baseUrl(base + "?api-key=" + SECRET).build(), inMemory())
                    .complete(request(1, true), StreamListener.NONE),
            EndpointException.class);

    assertThat(e.getMessage()).doesNotContain(SECRET).contains("***");
  }

  @Test
  void nothingListeningNamesTheBaseUrlWithoutItsSecrets() {
    EndpointException e =
        catchThrowableOfType(
            () ->
                client(
                        settings(wm)
                            .baseUrl("http://u:" + SECRET + "@127.0.0.1:9/v1?api-key=" + SECRET)
                            .maxRetries(0)
                            .build(),
                        inMemory())
                    .listModels(),
            EndpointException.class);

    assertThat(e.getMessage())
        .doesNotContain(SECRET)
        .contains("http://***@127.0.0.1:9/v1?api-key=***");
  }

  @Test
  void aBaseUrlNoParserAcceptsIsAnErrorThatHidesItsPassword() {
    EndpointException e =
        catchThrowableOfType(
            () ->
                client(
                        settings(wm).baseUrl("http://u:pa/" + SECRET + "@host/v1").build(),
                        inMemory())
                    .complete(request(1, true), StreamListener.NONE),
            EndpointException.class);

    assertThat(e.getMessage()).doesNotContain(SECRET).contains("http://***@host/v1");
  }

  @Test
  void theCapabilityCacheIsKeyedWithoutTheSecret() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo("/v1/chat/completions")).willReturn(eventStream(stream("Nile"))));
    Path file = dir.resolve("capabilities.json");
    EndpointSettings settings =
        settings(wm).baseUrl("http://u:" + SECRET + "@" + hostPort() + "/v1?k=" + SECRET).build();

    client(settings, CapabilityStore.open(file)).complete(request(1, true), StreamListener.NONE);

    assertThat(settings.capabilityKey()).doesNotContain(SECRET);
    assertThat(Files.readString(file))
        .doesNotContain(SECRET)
        .contains("http://***@" + hostPort() + "/v1?k=***");
  }

  @Test
  void anOldCacheStillLoadsAndForgetsEntriesKeyedWithASecret() throws Exception {
    Path file = dir.resolve("capabilities.json");
    Files.writeString(
        file,
        json(
            "{'http://u:"
                + SECRET
                + "@h/v1':{'nativeN':true,'streamOptions':true},"
                + "'http://h/v1?api-key="
                + SECRET
                + "#deploy':{'nativeN':true,'streamOptions':true},"
                + "'http://h/v1':{'nativeN':false,'streamOptions':true},"
                + "'https://r.openai.azure.com#gpt4o':{'nativeN':true,'streamOptions':false}}"));

    CapabilityStore store = CapabilityStore.open(file);

    assertThat(store.get("http://h/v1")).isEqualTo(new Capabilities(false, true, null, null, null));
    assertThat(store.get("https://r.openai.azure.com#gpt4o"))
        .isEqualTo(new Capabilities(true, false, null, null, null));
    assertThat(Files.readString(file))
        .doesNotContain(SECRET)
        .contains("\"http://h/v1\"", "\"https://r.openai.azure.com#gpt4o\"");
  }

  private static CapabilityStore inMemory() {
    return CapabilityStore.inMemory();
  }

  private static String hostPort() {
    return wm.baseUrl().substring("http://".length());
  }
}
