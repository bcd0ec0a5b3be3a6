package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.session.JsonText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft ask}: the output formats of DESIGN §6 and the summary on stderr. */
class AskOutputTest {
  private static final String CHAT = "/v1/chat/completions";

  /** Three rivers as one stream with n = 3, the choices interleaved; the third hits the limit. */
  private static final String THREE_RIVERS =
      Sse.body(
          Sse.role(0),
          Sse.role(1),
          Sse.role(2),
          Sse.text(0, "Ni"),
          Sse.text(2, "Yang"),
          Sse.text(1, "Ama"),
          Sse.text(0, "le"),
          Sse.text(1, "zon"),
          Sse.text(2, "tze"),
          Sse.finish(1, "stop"),
          Sse.finish(0, "stop"),
          Sse.finish(2, "length"),
          Sse.usage(12, 9));

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final String baseUrl = server.endpoint();

  @BeforeEach
  void setUp() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(THREE_RIVERS)));
  }

  private CliHarness.Result askForThree(String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(
        new String[] {"ask", "--base-url", baseUrl, "-m", "m1", "-n=3"}, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return cli.run(args);
  }

  private static String draftJson(
      int index, String text, String status, String finish, String error) {
    return "{\"index\":"
        + index
        + ",\"text\":\""
        + text
        + "\",\"status\":\""
        + status
        + "\",\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + ",\"reasoning\":null,\"error\":"
        + (error == null ? "null" : "\"" + error + "\"")
        + ",\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0}}";
  }

  @Test
  void jsonIsOneObjectOfTheDesignShape() throws Exception {
    cli.config(
        """
        profiles:
          local:
            base_url: %s
            model: m1
        """
            .formatted(baseUrl));

    CliHarness.Result result = cli.run("ask", "-n", "3", "--format", "json", "Name", "a", "river");

    assertThat(result.exitCode()).isZero();
    String run = result.runId();
    assertThat(result.out())
        .isEqualTo(
            "{\"run\":\""
                + run
                + "\",\"template\":null,\"profile\":\"local\",\"model\":\"m1\",\"drafts\":["
                + draftJson(1, "Nile", "complete", "stop", null)
                + ","
                + draftJson(2, "Amazon", "complete", "stop", null)
                + ","
                + draftJson(3, "Yangtze", "truncated", "length", null)
                + "],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}\n");
    JsonNode parsed = JsonText.MAPPER.readTree(result.out());
    assertThat(parsed.get("drafts")).hasSize(3);
    assertThat(result.err())
        .isEqualTo(
            "draft: draft 3/3 was cut at the token limit (raise --max-tokens)\n"
                + "3/3 drafts from m1 (native) · 12 prompt + 9 completion tokens\n");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1",
                     "messages": [{"role": "user", "content": "Name a river"}],
                     "n": 3,
                     "stream": true,
                     "stream_options": {"include_usage": true}}
                    """)));
  }

  @Test
  void jsonWithoutAProfileSaysNull() {
    CliHarness.Result result = askForThree("--format", "json", "Rivers");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"template\":null,\"profile\":null,\"model\":\"m1\",");
  }

  @Test
  void jsonlIsOneDraftPerLineEachWithTheRun() {
    CliHarness.Result result = askForThree("--format", "jsonl", "Rivers");

    assertThat(result.exitCode()).isZero();
    String run = result.runId();
    String withRun = "{\"run\":\"" + run + "\",";
    assertThat(result.out())
        .isEqualTo(
            withRun
                + draftJson(1, "Nile", "complete", "stop", null).substring(1)
                + "\n"
                + withRun
                + draftJson(2, "Amazon", "complete", "stop", null).substring(1)
                + "\n"
                + withRun
                + draftJson(3, "Yangtze", "truncated", "length", null).substring(1)
                + "\n");
  }

  @Test
  void textWithSeveralDraftsPrintsNumberedBlocks() {
    CliHarness.Result result = askForThree("Rivers");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "=== draft 1/3 ===\nNile\n\n=== draft 2/3 ===\nAmazon\n\n=== draft 3/3 ===\nYangtze\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: draft 3/3 was cut at the token limit (raise --max-tokens)\n"
                + "3/3 drafts from m1 (native) · 12 prompt + 9 completion tokens\n");
  }

  @Test
  void pickPrintsOnlyThatDraft() {
    CliHarness.Result result = askForThree("--pick", "2", "Rivers");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Amazon\n");
  }

  @Test
  void pickWithJsonPrintsOnlyThatDraft() throws Exception {
    CliHarness.Result result = askForThree("--pick", "3", "--format", "json", "Rivers");

    assertThat(result.exitCode()).isZero();
    JsonNode drafts = JsonText.MAPPER.readTree(result.out()).get("drafts");
    assertThat(drafts).hasSize(1);
    assertThat(drafts.get(0).get("index").asInt()).isEqualTo(3);
    assertThat(drafts.get(0).get("text").asText()).isEqualTo("Yangtze");
  }

  @Test
  void reasoningGoesToStderrOnATerminalAndNeverToStdout() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.reasoning(0, "Six times seven"),
                        Sse.reasoning(0, " is forty-two."),
                        Sse.text(0, "42"),
                        Sse.finish(0, "stop"),
                        Sse.usage(10, 20)))));

    CliHarness.Result coloured =
        cli.terminals(true, true, true).run("ask", "--base-url", baseUrl, "-m", "r1", "6*7?");
    CliHarness.Result plain =
        cli.env("NO_COLOR", "1").run("ask", "--base-url", baseUrl, "-m", "r1", "6*7?");

    assertThat(coloured.exitCode()).isZero();
    assertThat(coloured.out()).isEqualTo("42\n");
    assertThat(coloured.err())
        .isEqualTo(
            "\u001b[2mSix times seven is forty-two.\u001b[0m\n"
                + "1/1 answer from r1 · 10 prompt + 20 completion tokens\n");
    assertThat(plain.out()).isEqualTo("42\n");
    assertThat(plain.err())
        .isEqualTo(
            "Six times seven is forty-two.\n"
                + "1/1 answer from r1 · 10 prompt + 20 completion tokens\n");
  }

  @Test
  void reasoningIsKeptOutOfTheTextAndInTheJson() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.reasoning(0, "Six times seven"),
                        Sse.reasoning(0, " is forty-two."),
                        Sse.text(0, "42"),
                        Sse.finish(0, "stop"),
                        Sse.usage(10, 20)))));

    CliHarness.Result text = cli.run("ask", "--base-url", baseUrl, "-m", "r1", "6*7?");
    CliHarness.Result json =
        cli.run("ask", "--base-url", baseUrl, "-m", "r1", "--format", "json", "6*7?");

    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).isEqualTo("42\n");
    assertThat(text.err()).isEqualTo("1/1 answer from r1 · 10 prompt + 20 completion tokens\n");
    assertThat(json.exitCode()).isZero();
    String run = json.runId();
    assertThat(json.out())
        .isEqualTo(
            "{\"run\":\""
                + run
                + "\",\"template\":null,\"profile\":null,\"model\":\"r1\",\"drafts\":[{\"index\":1,"
                + "\"text\":\"42\",\"status\":\"complete\",\"finish_reason\":\"stop\","
                + "\"reasoning\":\"Six times seven is forty-two.\",\"error\":null,"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20}}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}\n");
  }

  @Test
  void summaryIncludesTheCostWhenTheProfileHasPrices() {
    cli.config(
        """
        profiles:
          paid:
            base_url: %s
            model: m1
            prices: {input: 2.50, output: 10}
        """
            .formatted(baseUrl));

    CliHarness.Result result = cli.run("ask", "-n", "3", "Rivers");

    assertThat(result.exitCode()).isZero();
    // 12 × $2.50 + 9 × $10 per million tokens = $0.00012
    assertThat(result.err())
        .endsWith("3/3 drafts from m1 (native) · 12 prompt + 9 completion tokens · $0.0001\n");
  }

  @Test
  void summaryLeavesOutTokensTheEndpointDidNotCount() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(Sse.body(Sse.role(0), Sse.text(0, "Hi."), Sse.finish(0, "stop")))));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Hi");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hi.\n");
    assertThat(result.err()).isEqualTo("1/1 answer from m1\n");
  }
}
