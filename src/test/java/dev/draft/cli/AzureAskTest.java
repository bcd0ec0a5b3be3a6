package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.draft.session.JsonText;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft ask} against an Azure OpenAI profile: the deployment names the model. */
class AzureAskTest {
  private static final String AZURE_CHAT =
      "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21";
  private static final String AZURE_KEY = "az-key-0123456789abcdef";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();

  @Test
  void azureProfileWithoutAModelSendsTheDeploymentNameAndListsNoModels() throws Exception {
    cli.config(
            """
            default_profile: az
            profiles:
              az:
                preset: azure
                base_url: http://localhost:%d
                azure: {deployment: gpt4o-prod, api_version: "2024-10-21"}
                api_key_env: AZ_KEY
            """
                .formatted(server.getPort()))
        .env("AZ_KEY", AZURE_KEY);
    server.stubFor(post(urlEqualTo(AZURE_CHAT)).willReturn(Sse.stream(Sse.answer("Hello.", 8, 2))));

    CliHarness.Result result = cli.run("ask", "hi");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Hello.\n");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(AZURE_CHAT))
            .withHeader("api-key", equalTo(AZURE_KEY))
            .withHeader("Authorization", absent()));
    server.verify(0, getRequestedFor(anyUrl()));
    List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(AZURE_CHAT)));
    JsonNode body = JsonText.MAPPER.readTree(sent.get(0).getBodyAsString());
    assertThat(body.get("model").asText()).isEqualTo("gpt4o-prod");
  }
}
