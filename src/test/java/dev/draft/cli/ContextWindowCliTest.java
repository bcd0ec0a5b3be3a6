package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.cli.LoopFixture.firstRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.openai.WireFixture;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The context window across commands: what llama.cpp really grants per slot, a window learned from
 * a refusal used before the next request, {@code ask}, {@code refine} and {@code merge} measured
 * like templates, and advice that fits the case.
 */
class ContextWindowCliTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String LLAMA_MODELS =
      "{\"object\":\"list\",\"data\":[{\"id\":\"%s\",\"object\":\"model\",\"owned_by\":"
          + "\"llamacpp\",\"meta\":{\"n_vocab\":32000,\"n_ctx\":2048,\"n_ctx_train\":8192}}]}";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final String baseUrl = server.endpoint();

  private static String words(int count) {
    return String.join(" ", Collections.nCopies(count, "word"));
  }

  private static String llamaRefusal(int window) {
    return WireFixture.json(
        "{'error':{'code':400,'message':'request (3028 tokens) exceeds the available context size"
            + " ("
            + window
            + " tokens), try increasing it','type':'exceed_context_size_error',"
            + "'n_prompt_tokens':3028,'n_ctx':"
            + window
            + "}}");
  }

  @Test
  void aPromptBeyondLlamaCppsPerSlotWindowIsRefusedBeforeSending() {
    server.stubFor(
        get(urlEqualTo("/v1/models")).willReturn(okJson(LLAMA_MODELS.formatted("tiny"))));

    // 3,000 words: more than the 2,048 tokens of a slot, less than the 8,192 it was trained for.
    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, words(3000));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("draft: the prompt is about ")
        .contains(
            "but tiny's context window is 2,048 (the server's model list): shorten the prompt");
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aKnownModelOnALocalServerIsMeasuredAgainstWhatTheServerGrants() {
    // The table says qwen2.5 has 32,768 tokens; this llama.cpp slot has 2,048, as doctor shows.
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(okJson(LLAMA_MODELS.formatted("qwen2.5-7b-instruct"))));

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "qwen2.5-7b-instruct", words(3000));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains("context window is 2,048 (the server's model list)");
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aWindowLearnedFromARefusalRefusesTheNextRunBeforeSending() {
    server.stubFor(
        get(urlEqualTo("/v1/models")).willReturn(okJson("{\"data\":[{\"id\":\"m1\"}]}")));
    server.stubFor(
        post(urlEqualTo(CHAT)).willReturn(WireFixture.jsonResponse(400, llamaRefusal(2048))));

    CliHarness.Result first = cli.run("ask", "--base-url", baseUrl, "-m", "m1", words(2000));

    assertThat(first.exitCode()).isEqualTo(4);
    assertThat(first.err())
        .startsWith(
            "draft: the prompt does not fit the model's 2,048-token context window (the server"
                + " said so; draft will check before sending next time): shorten the input");
    server.verify(1, postRequestedFor(anyUrl()));

    CliHarness.Result second = cli.run("ask", "--base-url", baseUrl, "-m", "m1", words(2000));

    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(second.err())
        .contains("m1's context window is 2,048 (learned from the server's refusal)")
        .contains("shorten the prompt");
    server.verify(1, postRequestedFor(anyUrl()));
  }

  @Test
  void aPromptThatFitsAloneIsToldToLowerMaxTokensNotToShortenTheInput() {
    cli.config(
        """
        profiles:
          local:
            base_url: %s
            model: m1
            context_window: 1000
        """
            .formatted(baseUrl));

    CliHarness.Result result = cli.run("ask", "Write a haiku", "--max-tokens", "1500");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .matches(
            "draft: the prompt is about \\d+ tokens and --max-tokens asks for 1,500 more, but m1's"
                + " context window is 1,000 \\(context_window in the profile\\): lower --max-tokens"
                + " to at most \\d{3}\n")
        .doesNotContain("shorten");
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void refineAndMergeAreMeasuredBeforeSending() {
    cli.withHistory();
    String run = firstRun(cli, server, baseUrl);
    server.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(containing("<instruction>"))
            .willReturn(WireFixture.jsonResponse(400, llamaRefusal(100))));

    CliHarness.Result refused =
        cli.run("refine", run + "/1", "make it longer", "--base-url", baseUrl);

    assertThat(refused.exitCode()).isEqualTo(4);
    server.verify(2, postRequestedFor(anyUrl()));

    CliHarness.Result refine =
        cli.run("refine", run + "/1", "make it longer", "--base-url", baseUrl);

    assertThat(refine.exitCode()).isEqualTo(2);
    assertThat(refine.err())
        .contains("m1's context window is 100 (learned from the server's refusal)")
        .contains("shorten the drafts or the instruction");

    CliHarness.Result merge = cli.run("merge", run + "/1,2", "--base-url", baseUrl);

    assertThat(merge.exitCode()).isEqualTo(2);
    assertThat(merge.err()).contains("m1's context window is 100");
    server.verify(2, postRequestedFor(anyUrl()));
  }

  @Test
  void aRedoIsMeasuredBeforeSending() {
    cli.withHistory();
    String run = firstRun(cli, server, baseUrl);
    server.stubFor(
        post(urlEqualTo(CHAT)).willReturn(WireFixture.jsonResponse(400, llamaRefusal(10))));

    CliHarness.Result refused = cli.run("redo", run, "--base-url", baseUrl);
    assertThat(refused.exitCode()).isEqualTo(4);
    server.verify(2, postRequestedFor(anyUrl()));

    CliHarness.Result redo = cli.run("redo", run, "--base-url", baseUrl);

    assertThat(redo.exitCode()).isEqualTo(2);
    assertThat(redo.err())
        .contains("m1's context window is 10 (learned from the server's refusal)");
    server.verify(2, postRequestedFor(anyUrl()));
  }
}
