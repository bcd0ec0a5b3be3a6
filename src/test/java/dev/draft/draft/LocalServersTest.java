package dev.draft.draft;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.openai.OpenAiChatClient;
import dev.draft.client.openai.WireFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scan for local servers keeps the ones that answer and skips the rest quietly. */
class LocalServersTest {
  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void serverThatListsItsModelsIsFoundAndAClosedPortIsSkipped() throws IOException {
    wm.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'object':'list','data':[{'id':'llama3.2:latest','object':'model',"
                            + "'created':1731000000,'owned_by':'library'},{'id':'qwen2.5:7b',"
                            + "'object':'model','created':1731000001,'owned_by':'library'}]}"))));
    LocalServers.Candidate closed =
        new LocalServers.Candidate(
            "llamacpp", "llama.cpp server", "http://127.0.0.1:" + closedPort() + "/v1");
    LocalServers.Candidate running =
        new LocalServers.Candidate("ollama", "Ollama", "http://127.0.0.1:" + wm.getPort() + "/v1");

    List<LocalServers.Found> found =
        LocalServers.scan(
            List.of(closed, running),
            settings -> new OpenAiChatClient(settings, CapabilityStore.inMemory()));

    assertThat(found)
        .containsExactly(new LocalServers.Found(running, List.of("llama3.2:latest", "qwen2.5:7b")));
    wm.verify(1, getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", absent()));
  }
}
