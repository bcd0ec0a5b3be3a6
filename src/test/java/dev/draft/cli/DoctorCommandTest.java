package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft doctor} against a configured endpoint (the local-port scan probes real ports). */
class DoctorCommandTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String MODELS = "/v1/models";
  private static final String PING = "Reply with the single word OK.";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli().env("OPENAI_API_KEY", CliHarness.SECRET_KEY);
  final String baseUrl = server.endpoint();

  private static ResponseDefinitionBuilder completion(int choices) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < choices; i++) {
      list.append(i == 0 ? "" : ",")
          .append("{\"index\":")
          .append(i)
          .append(",\"message\":{\"role\":\"assistant\",\"content\":\"OK\"},")
          .append("\"finish_reason\":\"stop\"}");
    }
    return aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m1\","
                + "\"choices\":["
                + list
                + "],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":2}}");
  }

  private void healthyEndpoint(int choicesForN) {
    server.stubFor(get(MODELS).willReturn(Sse.models("m1")));
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(Sse.stream(Sse.answer("OK", 14, 1))));
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(completion(choicesForN)));
  }

  private String settings(String model, String modelOrigin) {
    return "  profile: (none)  (default)\n"
        + "  base_url: "
        + baseUrl
        + "  (flag)\n"
        + "  model: "
        + model
        + "  ("
        + modelOrigin
        + ")\n"
        + "  api_key: sk-...6789  (env $OPENAI_API_KEY)\n"
        + "  timeouts.connect: 10s  (default)\n"
        + "  timeouts.idle: 2m  (default)\n"
        + "  max_retries: 2  (default)\n"
        + "  concurrency: 4  (default)\n";
  }

  @Test
  void reportsSettingsAndEveryCapability() {
    healthyEndpoint(2);

    CliHarness.Result result = cli.run("doctor", "--base-url", baseUrl);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            settings("(not set)", "default")
                + "✓ reachable: the endpoint answers\n"
                + "✓ auth: the request was accepted\n"
                + "✓ models: 1 served: m1\n"
                + "✓ model: m1\n"
                + "! context window: unknown: prompts are sent unmeasured (set context_window in"
                + " the profile)\n"
                + "✓ streaming: answered: \"OK\"\n"
                + "✓ stream_options: accepted (token usage arrives with streamed answers)\n"
                + "✓ n: several candidates come back from one request\n");
    assertThat(result.err()).isEmpty();
    assertThat(result.all()).doesNotContain("SECRET");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + CliHarness.SECRET_KEY))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1", "messages": [{"role": "user", "content": "%s"}],
                     "temperature": 0.0, "max_tokens": 16,
                     "stream": true, "stream_options": {"include_usage": true}}
                    """
                        .formatted(PING))));
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1", "messages": [{"role": "user", "content": "%s"}],
                     "n": 2, "temperature": 0.7, "max_tokens": 16, "stream": false}
                    """
                        .formatted(PING))));
  }

  @Test
  void endpointIgnoringNIsAWarningNotAFailure() {
    healthyEndpoint(1);

    CliHarness.Result result = cli.run("doctor", "--base-url", baseUrl, "-m", "m1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith(settings("m1", "flag"))
        .endsWith("! n: ignored: draft sends one request per candidate instead\n");
  }

  @Test
  void refusedKeyFailsTheReportWithExit4() {
    server.stubFor(
        get(MODELS)
            .willReturn(
                Sse.error(
                    401,
                    "Incorrect API key provided: " + CliHarness.SECRET_KEY,
                    "invalid_request_error",
                    null)));

    CliHarness.Result result = cli.run("doctor", "--base-url", baseUrl);

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out())
        .isEqualTo(
            settings("(not set)", "default")
                + "✓ reachable: the endpoint answers\n"
                + "✗ auth: the endpoint refused the credentials (HTTP"
                + " 401): check the key in $OPENAI_API_KEY (Incorrect API key provided:"
                + " sk-...6789)\n");
    assertThat(result.all()).doesNotContain("SECRET");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }
}
