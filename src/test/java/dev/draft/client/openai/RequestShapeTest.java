package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.draft.client.openai.WireFixture.KEY;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static dev.draft.client.openai.WireFixture.completion;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.parse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the client puts on the wire: URL, headers and body. */
class RequestShapeTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  private ChatResult complete(WireFixture.Settings settings, ChatRequest request) {
    return WireFixture.client(settings.build(), capabilities, sleeper)
        .complete(request, StreamListener.NONE);
  }

  @Test
  void bearerKeyAndEveryParameterAreSent() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(200, completion("A", "B"))));
    ChatRequest request =
        new ChatRequest(
            "deepseek-chat",
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("Name a river.")),
            2,
            0.7,
            256,
            42L,
            false);

    complete(settings(wm), request);

    wm.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
            .withHeader("Accept", equalTo("application/json"))
            .withHeader("api-key", absent()));
    assertThat(chatBodies(wm))
        .containsExactly(
            parse(
                "{\"model\":\"deepseek-chat\",\"messages\":[{\"role\":\"system\",\"content\":"
                    + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"Name a river.\"}],"
                    + "\"n\":2,\"temperature\":0.7,\"max_tokens\":256,\"seed\":42,"
                    + "\"stream\":false}"));
  }

  @Test
  void unsetParametersAreNotSentAndNOfOneIsLeftOut() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(stream("Nile"))));

    complete(settings(wm), request(1, true));

    assertThat(chatBodies(wm)).hasSize(1);
    assertThat(chatBodies(wm).get(0).fieldNames())
        .toIterable()
        .containsExactly("model", "messages", "stream", "stream_options");
    assertThat(chatBodies(wm).get(0).get("stream").asBoolean()).isTrue();
    wm.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Accept", equalTo("text/event-stream, application/json")));
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() {
    // Local servers (Ollama, llama.cpp) need none.
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(stream("Nile"))));

    complete(settings(wm).apiKey(null), request(1, true));

    wm.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", absent())
            .withHeader("api-key", absent()));
  }

  @Test
  void extraHeadersAreSent() {
    // OpenRouter's attribution headers.
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(stream("Nile"))));

    complete(
        settings(wm).headers(Map.of("HTTP-Referer", "https://draft.dev", "X-Title", "draft")),
        request(1, true));

    wm.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("HTTP-Referer", equalTo("https://draft.dev"))
            .withHeader("X-Title", equalTo("draft"))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void azureUsesTheDeploymentPathTheApiVersionAndTheApiKeyHeader() {
    String path = "/openai/deployments/gpt4o-prod/chat/completions";
    wm.stubFor(
        post(urlPathEqualTo(path))
            .withQueryParam("api-version", equalTo("2024-10-21"))
            .willReturn(eventStream(stream("Nile"))));

    ChatResult result =
        complete(
            settings(wm).baseUrl(wm.baseUrl()).azure("gpt4o-prod", "2024-10-21"), request(1, true));

    assertThat(result.choices().get(0).text()).isEqualTo("Nile");
    wm.verify(
        postRequestedFor(urlEqualTo(path + "?api-version=2024-10-21"))
            .withHeader("api-key", equalTo(KEY))
            .withHeader("Authorization", absent()));
  }

  @Test
  void azureBaseUrlEndingInOpenaiIsNotDoubled() {
    String path = "/openai/deployments/gpt4o-prod/chat/completions";
    wm.stubFor(
        post(urlPathEqualTo(path))
            .withQueryParam("api-version", equalTo("2024-10-21"))
            .willReturn(eventStream(stream("Nile"))));

    complete(
        settings(wm).baseUrl(wm.baseUrl() + "/openai").azure("gpt4o-prod", "2024-10-21"),
        request(1, true));

    wm.verify(postRequestedFor(urlEqualTo(path + "?api-version=2024-10-21")));
  }

  @Test
  void baseUrlWithATrailingSlashIsNotDoubled() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(stream("Nile"))));

    ChatResult result = complete(settings(wm).baseUrl(wm.baseUrl() + "/v1/"), request(1, true));

    assertThat(result.choices().get(0).text()).isEqualTo("Nile");
  }
}
