package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.session.JsonText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft ask}: where the prompt comes from, what is sent, and the usage errors. */
class AskCommandTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String MODELS = "/v1/models";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final String baseUrl = server.endpoint();

  private void answer(String text) {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer(text, 9, 3))));
  }

  private static String userOnly(String model, String prompt) {
    return """
        {"model": "%s",
         "messages": [{"role": "user", "content": %s}],
         "stream": true,
         "stream_options": {"include_usage": true}}
        """
        .formatted(model, JsonText.MAPPER.valueToTree(prompt).toString());
  }

  private void assertNoRequests() {
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void promptFromArgumentsIsJoinedSentAndStreamedToStdout() {
    answer("Hello there.");

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Say", "hello");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hello there.\n");
    assertThat(result.err()).isEqualTo("1/1 answer from m1 · 9 prompt + 3 completion tokens\n");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
            .withHeader("Accept", equalTo("text/event-stream, application/json"))
            .withRequestBody(equalToJson(userOnly("m1", "Say hello"))));
  }

  @Test
  void promptFromPipedStdin() {
    answer("A summary.");

    CliHarness.Result result =
        cli.runWithStdin("Summarise this:\nline two\n", "ask", "--base-url", baseUrl, "-m", "m1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("A summary.\n");
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(equalToJson(userOnly("m1", "Summarise this:\nline two"))));
  }

  @Test
  void promptFromStdinDropsAByteOrderMark() {
    answer("Fine.");

    CliHarness.Result result =
        cli.runWithStdin("\uFEFFHow are you?", "ask", "--base-url", baseUrl, "-m", "m1");

    assertThat(result.exitCode()).isZero();
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(equalToJson(userOnly("m1", "How are you?"))));
  }

  @Test
  void noPromptWithStdinATerminalIsAUsageError() {
    cli.terminals(true, true, true);

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: no prompt: pass it as arguments (draft ask \"...\") or pipe it on standard"
                + " input\n");
    assertNoRequests();
  }

  @Test
  void emptyStdinIsAUsageError() {
    CliHarness.Result result = cli.runWithStdin(" \n\n", "ask", "--base-url", baseUrl, "-m", "m1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: no prompt: the arguments and standard input are empty; pass it as arguments"
                + " or pipe it\n");
    assertNoRequests();
  }

  @Test
  void binaryStdinIsAUsageError() {
    byte[] binary = {'P', 'K', 3, 4, 0, 0, 'x'};

    CliHarness.Result result = cli.runWithStdin(binary, "ask", "--base-url", baseUrl, "-m", "m1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: standard input looks binary (it contains NUL bytes): pass a text file\n");
    assertNoRequests();
  }

  @Test
  void invalidUtf8StdinIsAUsageError() {
    byte[] latin1 = "café au lait".getBytes(StandardCharsets.ISO_8859_1);

    CliHarness.Result result = cli.runWithStdin(latin1, "ask", "--base-url", baseUrl, "-m", "m1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: standard input is not valid UTF-8 text: convert it first (e.g. iconv -f"
                + " latin1 -t utf-8)\n");
    assertNoRequests();
  }

  @Test
  void systemMessageIsSentFirst() {
    answer("Ahoy.");

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-s", "Talk like a pirate.", "Greet me");

    assertThat(result.exitCode()).isZero();
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1",
                     "messages": [{"role": "system", "content": "Talk like a pirate."},
                                  {"role": "user", "content": "Greet me"}],
                     "stream": true,
                     "stream_options": {"include_usage": true}}
                    """)));
  }

  @Test
  void samplingOptionsAndModelAreSentInTheBody() {
    answer("Done.");

    CliHarness.Result result =
        cli.run(
            "ask",
            "--base-url",
            baseUrl,
            "--model",
            "big-model",
            "--temperature",
            "0.7",
            "--max-tokens",
            "50",
            "--seed",
            "42",
            "Go");

    assertThat(result.exitCode()).isZero();
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "big-model",
                     "messages": [{"role": "user", "content": "Go"}],
                     "temperature": 0.7,
                     "max_tokens": 50,
                     "seed": 42,
                     "stream": true,
                     "stream_options": {"include_usage": true}}
                    """)));
  }

  @Test
  void modelIsChosenWhenTheEndpointServesExactlyOne() {
    server.stubFor(get(MODELS).willReturn(Sse.models("only-model")));
    answer("Hi.");

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "Hi");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hi.\n");
    assertThat(result.err())
        .isEqualTo("1/1 answer from only-model · 9 prompt + 3 completion tokens\n");
    server.verify(1, getRequestedFor(urlEqualTo(MODELS)));
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(equalToJson(userOnly("only-model", "Hi"))));
  }

  @Test
  void severalModelsAndNoneConfiguredIsAUsageErrorListingThem() {
    server.stubFor(get(MODELS).willReturn(Sse.models("qwen2.5-7b", "llama3.1-8b")));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: no model chosen and the endpoint serves several: pass -m/--model (or set"
                + " DRAFT_MODEL or model in the profile) with one of: qwen2.5-7b, llama3.1-8b\n");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void draftModelVariableChoosesTheModel() {
    cli.env("DRAFT_MODEL", "env-model");
    answer("Hi.");

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "Hi");

    assertThat(result.exitCode()).isZero();
    server.verify(0, getRequestedFor(urlEqualTo(MODELS)));
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(equalToJson(userOnly("env-model", "Hi"))));
  }

  @Test
  void profileFromConfigGivesUrlModelKeyAndHeaders() {
    cli.config(
            """
            default_profile: local
            profiles:
              local:
                base_url: %s
                model: profile-model
                api_key_env: LOCAL_KEY
                headers: {X-Team: writers}
            """
                .formatted(baseUrl))
        .env("LOCAL_KEY", "sk-local-0123456789abcd");
    answer("Hi.");

    CliHarness.Result result = cli.run("ask", "Hi");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hi.\n");
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer sk-local-0123456789abcd"))
            .withHeader("X-Team", equalTo("writers"))
            .withRequestBody(equalToJson(userOnly("profile-model", "Hi"))));
  }

  @Test
  void noEndpointConfiguredIsAConfigErrorPointingToConfigInit() {
    CliHarness.Result result = cli.run("ask", "Hi");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: no endpoint configured: run 'draft config init', set OPENAI_BASE_URL, or"
                + " pass --base-url ('draft doctor' looks for local servers)\n");
  }

  @Test
  void candidateCountOutOfRangeIsAUsageError() {
    CliHarness.Result zero = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "0", "Hi");
    CliHarness.Result many = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "33", "Hi");

    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).isEqualTo("draft: -n takes a number from 1 to 32, got 0\n");
    assertThat(many.exitCode()).isEqualTo(2);
    assertThat(many.err()).isEqualTo("draft: -n takes a number from 1 to 32, got 33\n");
    assertThat(zero.out() + many.out()).isEmpty();
    assertNoRequests();
  }

  @Test
  void candidateCountThatIsNotANumberIsAUsageError() {
    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-n", "three", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: Invalid value for option '--candidates': 'three' is not an int (see 'draft"
                + " ask --help')\n");
    assertNoRequests();
  }

  @Test
  void pickBeyondTheCandidatesIsAUsageError() {
    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "--pick", "4", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("draft: --pick takes a candidate number from 1 to 3, got 4\n");
    assertNoRequests();
  }

  @Test
  void temperatureOutOfRangeIsAUsageErrorBeforeAnyRequest() {
    // No model configured: the check must come before asking the endpoint for its models.
    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "--temperature", "3", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("draft: --temperature takes a number from 0 to 2, got 3.0\n");
    assertNoRequests();
  }

  @Test
  void maxTokensBelowOneIsAUsageErrorEvenWithNoEndpoint() {
    CliHarness.Result result = cli.run("ask", "--max-tokens", "0", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("draft: --max-tokens takes a positive number, got 0\n");
  }

  @Test
  void timeoutThatIsNotADurationIsAUsageError() {
    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "--timeout", "abc", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("draft: --timeout takes a duration such as 90s, 5m or 500ms, got 'abc'\n");
    assertNoRequests();
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "--format", "xml", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: Invalid value for option '--format': expected one of [text, md, json, jsonl]"
                + " (case-insensitive) but was 'xml' (see 'draft ask --help')\n");
    assertNoRequests();
  }

  @Test
  void noStreamAsksForOneJsonAnswerWithSeveralCandidates() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                okJson(
                    """
                    {"id": "chatcmpl-1", "object": "chat.completion", "model": "m1",
                     "choices": [
                       {"index": 0, "message": {"role": "assistant", "content": "The Nile."},
                        "finish_reason": "stop"},
                       {"index": 1, "message": {"role": "assistant", "content": "The Amazon."},
                        "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 9, "completion_tokens": 6, "total_tokens": 15}}
                    """)));

    CliHarness.Result result =
        cli.run(
            "ask",
            "--base-url",
            baseUrl,
            "-m",
            "m1",
            "--no-stream",
            "-n",
            "2",
            "--format",
            "json",
            "Name",
            "a",
            "river");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("\"text\":\"The Nile.\"")
        .contains("\"text\":\"The Amazon.\"");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1",
                     "messages": [{"role": "user", "content": "Name a river"}],
                     "n": 2,
                     "stream": false}
                    """)));
  }

  @Test
  void noStreamWithOneCandidatePrintsTheAnswer() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                okJson(
                    """
                    {"choices": [{"index": 0, "finish_reason": "stop",
                      "message": {"role": "assistant", "content": "Hello there."}}],
                     "usage": {"prompt_tokens": 9, "completion_tokens": 3}}
                    """)));

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "--no-stream", "Say", "hello");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hello there.\n");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "m1",
                     "messages": [{"role": "user", "content": "Say hello"}],
                     "stream": false}
                    """)));
  }
}
