package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plain-HTTP server addressed as https://: the TLS handshake cannot succeed, so draft says so at
 * once with the fix, and does not retry (retrying cannot help).
 */
class TlsToPlainHttpTest {
  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private EndpointException fail(WireFixture.Settings settings) {
    OpenAiChatClient client =
        WireFixture.client(settings.build(), CapabilityStore.inMemory(), sleeper);
    return catchThrowableOfType(
        EndpointException.class, () -> client.complete(request(1, true), StreamListener.NONE));
  }

  @Test
  void plainHttpServerAnsweringTheHandshakeFailsAtOnceWithTheHint() {
    wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(WireFixture.eventStream("")));
    String https = "https://127.0.0.1:" + wm.getPort() + "/v1";

    EndpointException e = fail(WireFixture.settings(wm).baseUrl(https));

    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(e.getMessage())
        .contains("is it an http:// server addressed as https://?")
        .contains("try --base-url http://127.0.0.1:" + wm.getPort() + "/v1")
        .doesNotContain("Exception");
    assertThat(sleeper.delays()).isEmpty();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void serverSilentDuringTheHandshakeFailsWithinTheConnectTimeoutWithTheHint() throws IOException {
    // Like llama.cpp: it reads the TLS hello as the start of an HTTP request and waits for more.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread reader = new Thread(() -> swallow(silent), "silent-server");
      reader.setDaemon(true);
      reader.start();
      String https = "https://127.0.0.1:" + silent.getLocalPort() + "/v1";

      // An idle timeout far longer than the test: only the connect timeout may end the handshake.
      EndpointException e =
          fail(
              WireFixture.settings(wm)
                  .baseUrl(https)
                  .connectTimeout(Duration.ofMillis(500))
                  .idleTimeout(Duration.ofSeconds(20)));

      assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
      assertThat(e.getMessage())
          .contains("no TLS answer from 127.0.0.1:" + silent.getLocalPort() + " within 0.5 s")
          .contains("is it an http:// server addressed as https://?")
          .contains("try --base-url http://127.0.0.1:" + silent.getLocalPort() + "/v1");
      assertThat(sleeper.delays()).isEmpty();
    }
  }

  @Test
  void untrustedCertificateSaysSoWithoutRetrying() {
    WireMockServer tls =
        new WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                .dynamicPort()
                .dynamicHttpsPort());
    tls.start();
    try {
      String https = "https://127.0.0.1:" + tls.httpsPort() + "/v1";

      EndpointException e = fail(WireFixture.settings(wm).baseUrl(https));

      assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
      assertThat(e.getMessage())
          .startsWith("the TLS certificate of 127.0.0.1:" + tls.httpsPort() + " is not trusted")
          .contains("add its CA to Java's trust store");
      assertThat(sleeper.delays()).isEmpty();
    } finally {
      tls.stop();
    }
  }

  private static void swallow(ServerSocket server) {
    try (Socket client = server.accept();
        InputStream in = client.getInputStream()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException closed) {
      // the test is over
    }
  }
}
