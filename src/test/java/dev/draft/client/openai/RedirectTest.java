package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.ModelInfo;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An http:// endpoint that redirects: the client for a plain-HTTP base URL sets up no TLS (it
 * starts faster), so a redirect to https:// is not followed but reported with the fix, once, and
 * never as a crash.
 */
class RedirectTest {
  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private OpenAiChatClient client() {
    return WireFixture.client(
        WireFixture.settings(wm).build(), CapabilityStore.inMemory(), sleeper);
  }

  @Test
  void aRedirectToHttpsIsReportedWithTheFix() {
    wm.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(301)
                    .withHeader("Location", "https://127.0.0.1:1/v1/chat/completions")));

    EndpointException e =
        catchThrowableOfType(
            EndpointException.class,
            () -> client().complete(request(1, true), StreamListener.NONE));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.status()).isEqualTo(301);
    assertThat(e.getMessage())
        .startsWith("the endpoint answered with a redirect (HTTP 301): if it moved to https://,")
        .endsWith("use that in base_url (http://localhost:" + wm.getPort() + "/v1)")
        .doesNotContain("Exception");
    assertThat(sleeper.delays()).isEmpty();
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void aPlainHttpRedirectIsStillFollowed() {
    wm.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/v2/models")));
    wm.stubFor(
        get(urlEqualTo("/v2/models"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"data\":[{\"id\":\"moved-model\"}]}")));

    assertThat(client().listModels()).extracting(ModelInfo::id).containsExactly("moved-model");
  }
}
