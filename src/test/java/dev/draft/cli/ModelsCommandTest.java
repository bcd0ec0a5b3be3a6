package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelsCommandTest {
  private static final String MODELS = "/v1/models";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final String baseUrl = server.endpoint();

  @Test
  void listsTheModelIdsOnePerLine() {
    cli.env("OPENAI_API_KEY", CliHarness.SECRET_KEY);
    server.stubFor(get(MODELS).willReturn(Sse.models("qwen2.5-7b", "llama3.1-8b")));

    CliHarness.Result result = cli.run("models", "--base-url", baseUrl);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("qwen2.5-7b\nllama3.1-8b\n");
    assertThat(result.err()).isEmpty();
    server.verify(
        1,
        getRequestedFor(urlEqualTo(MODELS))
            .withHeader("Authorization", equalTo("Bearer " + CliHarness.SECRET_KEY)));
  }

  @Test
  void jsonPrintsIdAndOwner() {
    server.stubFor(get(MODELS).willReturn(Sse.models("qwen2.5-7b", "llama3.1-8b")));

    CliHarness.Result result = cli.run("models", "--base-url", baseUrl, "--json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "[{\"id\":\"qwen2.5-7b\",\"owned_by\":\"me\"},{\"id\":\"llama3.1-8b\",\"owned_by\":\"me\"}]\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void nullDataPrintsNothingAndSaysSoOnStderr() {
    server.stubFor(
        get(MODELS)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"object\": \"list\", \"data\": null}")));

    CliHarness.Result result = cli.run("models", "--base-url", baseUrl);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("draft: the endpoint lists no models\n");
  }

  @Test
  void llamaCppExtraModelsListAddsNothingTwice() {
    server.stubFor(
        get(MODELS)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"models": [{"name": "qwen.gguf", "model": "qwen.gguf", "type": "model"}],
                         "object": "list",
                         "data": [{"id": "qwen.gguf", "object": "model", "owned_by": "llamacpp",
                                   "meta": {"n_ctx_train": 32768}}]}
                        """)));

    CliHarness.Result result = cli.run("models", "--base-url", baseUrl);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("qwen.gguf\n");
  }

  @Test
  void refusedKeyIsAnEndpointFailure() {
    cli.env("OPENAI_API_KEY", CliHarness.SECRET_KEY);
    server.stubFor(
        get(MODELS).willReturn(Sse.error(401, "Invalid token", "invalid_request_error", null)));

    CliHarness.Result result = cli.run("models", "--base-url", baseUrl);

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: the endpoint refused the credentials (HTTP 401): check"
                + " the key in $OPENAI_API_KEY (Invalid token)\n");
    assertThat(result.all()).doesNotContain("SECRET");
  }

  @Test
  void errorAnsweredWithStatus200IsAnEndpointFailureNotAnEmptyList() {
    server.stubFor(
        get(MODELS)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\": {\"message\": \"upstream unavailable\","
                            + " \"type\": \"server_error\", \"code\": 503}}")));

    CliHarness.Result result = cli.run("models", "--base-url", baseUrl);

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("draft: the server failed (HTTP 503)")
        .contains("upstream unavailable")
        .doesNotContain("lists no models");
  }
}
