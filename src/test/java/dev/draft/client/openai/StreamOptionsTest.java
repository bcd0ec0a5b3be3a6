package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static dev.draft.client.openai.WireFixture.completion;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code stream_options} goes only to endpoints that accept it. */
class StreamOptionsTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();
  private OpenAiChatClient client;

  private ChatResult complete(boolean stream) {
    if (client == null) {
      client = WireFixture.client(settings(wm).build(), capabilities, sleeper);
    }
    return client.complete(request(1, stream), StreamListener.NONE);
  }

  private String key() {
    return settings(wm).build().capabilityKey();
  }

  @Test
  void includeUsageIsAskedForByDefaultAndRemembered() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(stream("Nile"))));

    complete(true);

    JsonNode options = chatBodies(wm).get(0).get("stream_options");
    assertThat(options).isNotNull();
    assertThat(options.toString()).isEqualTo("{\"include_usage\":true}");
    assertThat(capabilities.get(key()).streamOptions()).isTrue();
  }

  @Test
  void notSentWithoutStreaming() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(200, completion("Nile"))));

    complete(false);

    assertThat(chatBodies(wm).get(0).has("stream_options")).isFalse();
    assertThat(capabilities.get(key()).streamOptions()).isNull();
  }

  @Test
  void rejectedStreamOptionsAreDroppedOnceAndRemembered() {
    // Azure OpenAI with an older api-version.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.stream_options"))
            .willReturn(
                jsonResponse(
                    400,
                    json(
                        "{'error':{'message':'Unrecognized request argument supplied: "
                            + "stream_options','type':'invalid_request_error','param':null,"
                            + "'code':null}}"))));
    wm.stubFor(post(urlEqualTo(CHAT)).atPriority(2).willReturn(eventStream(stream("Nile"))));

    ChatResult first = complete(true);

    assertThat(first.choices().get(0).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(chatBodies(wm)).hasSize(2);
    assertThat(chatBodies(wm).get(0).has("stream_options")).isTrue();
    assertThat(chatBodies(wm).get(1).has("stream_options")).isFalse();
    assertThat(sleeper.delays()).as("not a retry: no wait").isEmpty();
    assertThat(capabilities.get(key()).streamOptions()).isFalse();

    complete(true);

    assertThat(chatBodies(wm)).hasSize(3);
    assertThat(chatBodies(wm).get(2).has("stream_options")).isFalse();
  }

  @Test
  void rejectionNamingTheParameterIsRecognised() {
    // Mistral: pydantic's extra_forbidden, wrapped in "message".
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.stream_options"))
            .willReturn(
                jsonResponse(
                    422,
                    json(
                        "{'object':'error','message':{'detail':[{'type':'extra_forbidden',"
                            + "'loc':['body','stream_options'],'msg':'Extra inputs are not"
                            + " permitted','input':{'include_usage':true}}]},"
                            + "'type':'invalid_request_message_error','param':null,"
                            + "'code':null}"))));
    wm.stubFor(post(urlEqualTo(CHAT)).atPriority(2).willReturn(eventStream(stream("Nile"))));

    complete(true);

    assertThat(chatBodies(wm)).hasSize(2);
    assertThat(capabilities.get(key()).streamOptions()).isFalse();
  }
}
