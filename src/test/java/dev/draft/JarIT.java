package dev.draft;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code target/draft.jar} as a subprocess, the way a user does. */
class JarIT {
  private static final String CHAT = "/v1/chat/completions";
  private static final String KEY = "sk-test-SECRET123456789";

  /** Three rivers as one stream with n = 3, choices interleaved, usage in a final chunk. */
  private static final String THREE_RIVERS =
      """
      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":1,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":2,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":1,"delta":{"content":"Amazon"},"finish_reason":null}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":0,"delta":{"content":"Nile"},"finish_reason":null}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":2,"delta":{"content":"Yangtze"},"finish_reason":null}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":2,"delta":{},"finish_reason":"stop"}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[{"index":1,"delta":{},"finish_reason":"stop"}]}

      data: {"id":"c1","object":"chat.completion.chunk","model":"m1","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":6,"total_tokens":17}}

      data: [DONE]

      """;

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort())
          .failOnUnmatchedRequests(true)
          .build();

  @TempDir Path home;

  private JarProcess.Result draft(Map<String, String> env, String stdin, String... args)
      throws Exception {
    return new JarProcess(home).run(env, stdin, args);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/v1";
  }

  @Test
  void versionComesFromTheJarManifest() throws Exception {
    JarProcess.Result result = draft(Map.of(), "", "--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches("draft \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void askForThreeCandidatesAsJson() throws Exception {
    server.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(THREE_RIVERS)));

    JarProcess.Result result =
        draft(
            Map.of("OPENAI_API_KEY", KEY),
            "",
            "ask",
            "Name three rivers",
            "-n",
            "3",
            "--format",
            "json",
            "--base-url",
            baseUrl(),
            "-m",
            "m1");

    assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("run").asText()).matches("r[0-9a-z]{9}");
    assertThat(json.get("model").asText()).isEqualTo("m1");
    assertThat(json.get("drafts")).hasSize(3);
    assertThat(json.get("drafts").findValuesAsText("index")).containsExactly("1", "2", "3");
    assertThat(json.get("drafts").findValuesAsText("text"))
        .containsExactly("Nile", "Amazon", "Yangtze");
    assertThat(json.get("drafts").findValuesAsText("status"))
        .containsExactly("complete", "complete", "complete");
    assertThat(json.get("usage").get("total_tokens").asInt()).isEqualTo(17);
    String run = json.get("run").asText();
    assertThat(result.err())
        .isEqualTo(
            "3/3 drafts from m1 (native) · 11 prompt + 6 completion tokens\n"
                + "draft: saved as "
                + run
                + "; 'draft show "
                + run
                + "' prints it again\n");
    JarProcess.Result shown = draft(Map.of(), "", "show", "last/2");
    assertThat(shown.exitCode()).as("stderr: %s", shown.err()).isZero();
    assertThat(shown.out()).isEqualTo("Amazon\n");
    assertThat(result.out() + result.err()).doesNotContain("SECRET");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1",
                     "messages": [{"role": "user", "content": "Name three rivers"}],
                     "n": 3,
                     "stream": true,
                     "stream_options": {"include_usage": true}}
                    """)));
  }

  @Test
  void askReadsAPipedPromptAndTheEndpointFromTheEnvironment() throws Exception {
    server.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Danube\"}}]}\n\n"
                            + "data: {\"choices\":[{\"index\":0,\"delta\":{},"
                            + "\"finish_reason\":\"stop\"}]}\n\n"
                            + "data: [DONE]\n\n")));

    JarProcess.Result result =
        draft(
            Map.of("OPENAI_BASE_URL", baseUrl(), "DRAFT_MODEL", "m1"),
            "Name one river in Europe\n",
            "ask");

    assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
    assertThat(result.out()).isEqualTo("Danube\n");
    assertThat(result.err())
        .matches(
            "1/1 answer from m1\ndraft: saved as (r[0-9a-z]{9}); 'draft show \\1' prints it again\n");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1",
                     "messages": [{"role": "user", "content": "Name one river in Europe"}],
                     "stream": true,
                     "stream_options": {"include_usage": true}}
                    """)));
  }

  @Test
  void unreachableEndpointExitsWith4() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    JarProcess.Result result =
        draft(
            Map.of(),
            "",
            "ask",
            "--base-url",
            "http://127.0.0.1:" + port + "/v1",
            "-m",
            "m1",
            "Hi");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("draft: nothing is listening at ").hasLineCount(1);
  }
}
