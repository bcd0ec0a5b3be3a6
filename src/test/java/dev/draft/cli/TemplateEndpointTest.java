package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the endpoint side decides for a template: the model (template beats profile, flag and
 * environment beat template) and the context-window check before anything is sent.
 */
class TemplateEndpointTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  @BeforeEach
  void setUp() throws IOException {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Answered.", 9, 3))));
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(
        prompts.resolve("haiku.md"),
        """
        ---
        description: A haiku
        variables:
          subject: {description: What the haiku is about, default: rain}
        model: tmodel
        ---
        A haiku about {{subject}}.
        """,
        StandardCharsets.UTF_8);
    // The whole input as the prompt, so its size in tokens is easy to work out.
    Files.writeString(
        prompts.resolve("echo.md"),
        """
        ---
        description: Sends the input as it is
        input: required
        ---
        {{input}}
        """,
        StandardCharsets.UTF_8);
  }

  private void profile(String extra) {
    cli.config(
        """
        profiles:
          local:
            base_url: %s
            model: m1
        %s"""
            .formatted(baseUrl, extra));
  }

  private String sentModel() {
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    return bodies.get(0).get("model").asText();
  }

  /** {@code count} words of four letters: 5 × count − 1 characters. */
  private static String words(int count) {
    return String.join(" ", Collections.nCopies(count, "word"));
  }

  // --- the template's model ---------------------------------------------------------------------

  @Test
  void templatesModelBeatsTheProfilesModel() {
    profile("");

    CliHarness.Result result = cli.run("haiku");

    assertThat(result.exitCode()).isZero();
    assertThat(sentModel()).isEqualTo("tmodel");
    assertThat(result.err()).isEqualTo("1/1 answer from tmodel · 9 prompt + 3 completion tokens\n");
  }

  @Test
  void modelFlagBeatsTheTemplatesModel() {
    profile("");

    CliHarness.Result result = cli.run("haiku", "-m", "flagged");

    assertThat(result.exitCode()).isZero();
    assertThat(sentModel()).isEqualTo("flagged");
  }

  @Test
  void draftModelInTheEnvironmentBeatsTheTemplatesModel() {
    profile("");
    cli.env("DRAFT_MODEL", "from-env");

    CliHarness.Result result = cli.run("haiku");

    assertThat(result.exitCode()).isZero();
    assertThat(sentModel()).isEqualTo("from-env");
  }

  @Test
  void templatesModelIsUsedWithoutAnyConfiguredModel() {
    CliHarness.Result result = cli.run("haiku", "--base-url", baseUrl);

    assertThat(result.exitCode()).isZero();
    assertThat(sentModel()).isEqualTo("tmodel");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void templateWithoutAModelKeepsTheProfilesModel() {
    profile("");

    CliHarness.Result result = cli.runWithStdin("Hi.", "echo");

    assertThat(result.exitCode()).isZero();
    assertThat(sentModel()).isEqualTo("m1");
  }

  // --- the context window -----------------------------------------------------------------------

  @Test
  void inputBeyondTheProfilesContextWindowIsRefusedWithTheNumbersAndNothingSent() {
    profile("    context_window: 1000\n");

    // 10,000 words of four letters: 49,999 characters, about 12,500 tokens at four a token, and
    // 15 % more (1,875) and the chat template's 16 to be safe.
    CliHarness.Result result = cli.runWithStdin(words(10_000) + "\n", "echo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: the prompt is about 14,391 tokens but m1's context window is 1,000 (context_window"
                + " in the profile): shorten the input, or use a model with a longer context (set"
                + " context_window in the profile if draft has the window wrong); or read it in"
                + " parts with --long-input map-reduce (or refine, for a story; or truncate to keep"
                + " the start)\n");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void roomForTheAnswerCountsAgainstTheWindow() {
    profile("    context_window: 1000\n");
    // 600 words: 2,999 characters, 750 tokens at four a token, 879 with the margin; it fits in
    // 1,000 but not in 1,000 − 200. The prompt alone fits, so the advice is about the answer.
    String input = words(600);

    CliHarness.Result tooTight = cli.runWithStdin(input, "echo", "--max-tokens", "200");

    assertThat(tooTight.exitCode()).isEqualTo(2);
    assertThat(tooTight.err())
        .isEqualTo(
            "draft: the prompt is about 879 tokens and --max-tokens asks for 200 more, but m1's"
                + " context window is 1,000 (context_window in the profile): lower --max-tokens to"
                + " at most 121\n");
    server.verify(0, anyRequestedFor(anyUrl()));

    CliHarness.Result fits = cli.runWithStdin(input, "echo", "--max-tokens", "100");

    assertThat(fits.exitCode()).isZero();
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0).at("/messages/0/content").asText()).isEqualTo(input);
    assertThat(bodies.get(0).get("max_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void knownModelsWindowIsCheckedWithoutContextWindow() {
    // 40,000 words: about 50,000 tokens, more than gpt-4's 8,192.
    CliHarness.Result result =
        cli.runWithStdin(words(40_000), "echo", "--base-url", baseUrl, "-m", "gpt-4");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "draft: the prompt is about 57,516 tokens but gpt-4's context window is 8,192"
                + " (draft's built-in table): shorten the input");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void unknownModelIsCheckedAgainstTheWindowItsServerReports() {
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(okJson("{\"data\":[{\"id\":\"my-local-model\",\"max_model_len\":4096}]}")));

    CliHarness.Result result =
        cli.runWithStdin(words(10_000), "echo", "--base-url", baseUrl, "-m", "my-local-model");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "draft: the prompt is about 14,391 tokens but my-local-model's context window is"
                + " 4,096 (the server's model list):");
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void unknownModelWhoseServerReportsNoWindowIsNotChecked() {
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(okJson("{\"data\":[{\"id\":\"my-local-model\"}]}")));
    String input = words(10_000);

    CliHarness.Result result =
        cli.runWithStdin(input, "echo", "--base-url", baseUrl, "-m", "my-local-model");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Answered.\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0).at("/messages/0/content").asText()).isEqualTo(input);
  }
}
