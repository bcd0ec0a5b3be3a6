package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.ModelInfo;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.OpenAiChatClient;
import dev.draft.session.JsonText;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code draft ask} when the endpoint fails, wholly or for some drafts: messages and exit codes.
 */
class AskFailureTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  private static MappingBuilder chatWith(String jsonPath, String value) {
    return post(CHAT).withRequestBody(matchingJsonPath(jsonPath, equalTo(value)));
  }

  /** Groq's answer to n > 1; the single requests with seeds 7, 8, 9 each get their own river. */
  private void rejectNButServeSingles() {
    server.stubFor(
        chatWith("$.n", "3")
            .atPriority(1)
            .willReturn(
                Sse.error(400, "'n' : number must be at most 1", "invalid_request_error", null)));
    server.stubFor(chatWith("$.seed", "7").willReturn(Sse.stream(Sse.answer("Nile", 5, 2))));
    server.stubFor(chatWith("$.seed", "8").willReturn(Sse.stream(Sse.answer("Amazon", 5, 2))));
    server.stubFor(chatWith("$.seed", "9").willReturn(Sse.stream(Sse.answer("Yangtze", 5, 2))));
  }

  private static String single(int seed) {
    return """
        {"model": "m1",
         "messages": [{"role": "user", "content": "Rivers"}],
         "seed": %d,
         "stream": true,
         "stream_options": {"include_usage": true}}
        """
        .formatted(seed);
  }

  @Test
  void endpointRejectingNGetsTheDraftsAsSingleRequestsAndRemembers() throws Exception {
    rejectNButServeSingles();
    String[] args = {
      "ask",
      "--base-url",
      baseUrl,
      "-m",
      "m1",
      "-n",
      "3",
      "--seed",
      "7",
      "--format",
      "json",
      "Rivers"
    };

    CliHarness.Result result = cli.run(args);

    assertThat(result.exitCode()).isZero();
    JsonNode json = JsonText.MAPPER.readTree(result.out());
    assertThat(json.get("drafts").findValuesAsText("text"))
        .containsExactly("Nile", "Amazon", "Yangtze");
    assertThat(json.get("drafts").findValuesAsText("status"))
        .containsExactly("complete", "complete", "complete");
    assertThat(json.get("drafts").get(1).get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":5,\"completion_tokens\":2}");
    assertThat(json.get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":15,\"completion_tokens\":6,\"total_tokens\":21}");
    assertThat(result.err())
        .isEqualTo("3/3 drafts from m1 (fan-out) · 15 prompt + 6 completion tokens\n");
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)).withRequestBody(matchingJsonPath("$.n")));
    for (int seed = 7; seed <= 9; seed++) {
      server.verify(
          1, postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(single(seed))));
    }
    assertThat(Files.readString(home.resolve("cache/capabilities.json")))
        .contains("\"nativeN\" : false");

    // The next run goes straight to single requests.
    CliHarness.Result again = cli.run(args);

    assertThat(again.exitCode()).isZero();
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)).withRequestBody(matchingJsonPath("$.n")));
    server.verify(7, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void oneFailedDraftOfThreeIsAPartialFailure() {
    rejectNButServeSingles();
    server.stubFor(
        chatWith("$.seed", "8")
            .willReturn(Sse.error(500, "upstream overloaded", "server_error", null)));

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "--seed", "7", "Rivers");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.out())
        .isEqualTo(
            "=== draft 1/3 ===\nNile\n\n=== draft 2/3 (failed: the server failed (HTTP 500, 3"
                + " attempts): try again later; 'draft doctor' checks the endpoint (upstream"
                + " overloaded)) ===\n\n=== draft 3/3 ===\nYangtze\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: draft 2/3 failed: the server failed (HTTP 500, 3 attempts): try again later;"
                + " 'draft doctor' checks the endpoint (upstream overloaded)\n"
                + "2/3 drafts from m1 (fan-out) · 10 prompt + 4 completion tokens\n");
    // The failing draft was retried twice; the others were asked once each.
    server.verify(3, postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(single(8))));
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(single(7))));
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(single(9))));
  }

  @Test
  void oneFailedDraftOfThreeIsMarkedFailedInTheJson() throws Exception {
    rejectNButServeSingles();
    server.stubFor(
        chatWith("$.seed", "8")
            .willReturn(Sse.error(500, "upstream overloaded", "server_error", null)));

    CliHarness.Result result =
        cli.run(
            "ask",
            "--base-url",
            baseUrl,
            "-m",
            "m1",
            "-n",
            "3",
            "--seed",
            "7",
            "--format",
            "json",
            "Rivers");

    assertThat(result.exitCode()).isEqualTo(5);
    JsonNode failed = JsonText.MAPPER.readTree(result.out()).get("drafts").get(1);
    assertThat(failed.toString())
        .isEqualTo(
            "{\"index\":2,\"text\":\"\",\"status\":\"failed\",\"finish_reason\":null,"
                + "\"reasoning\":null,\"error\":\"the server failed (HTTP 500, 3 attempts): try"
                + " again later; 'draft doctor' checks the endpoint (upstream overloaded)\","
                + "\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0}}");
  }

  @Test
  void refusedKeyIsAnEndpointFailureNamingProfileAndVariableButNeverTheKey() {
    cli.config(
            """
            profiles:
              work:
                base_url: %s
                model: m1
            """
                .formatted(baseUrl))
        .env("OPENAI_API_KEY", CliHarness.SECRET_KEY);
    // OpenAI echoes the key it refused.
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.error(
                    401,
                    "Incorrect API key provided: " + CliHarness.SECRET_KEY + ".",
                    "invalid_request_error",
                    null)));

    CliHarness.Result result = cli.run("ask", "-n", "3", "Rivers");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: the endpoint refused the credentials of profile 'work' (HTTP 401): check the"
                + " key in $OPENAI_API_KEY (Incorrect API key provided: sk-...6789.)\n");
    assertThat(result.all()).doesNotContain(CliHarness.SECRET_KEY).doesNotContain("SECRET");
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + CliHarness.SECRET_KEY)));
  }

  @Test
  void refusedKeyForEveryFanOutDraftIsOneEndpointFailure() {
    cli.env("OPENAI_API_KEY", CliHarness.SECRET_KEY);
    server.stubFor(
        chatWith("$.n", "3")
            .atPriority(1)
            .willReturn(
                Sse.error(400, "'n' : number must be at most 1", "invalid_request_error", null)));
    server.stubFor(
        post(CHAT)
            .atPriority(2)
            .willReturn(
                Sse.error(401, "Invalid API Key " + CliHarness.SECRET_KEY, "auth_error", null)));

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Rivers");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: the endpoint refused the credentials (HTTP 401): check"
                + " the key in $OPENAI_API_KEY (Invalid API Key sk-...6789)\n");
    assertThat(result.all()).doesNotContain("SECRET");
    server.verify(4, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void streamEndingBeforeOneDraftFinishedKeepsItsPartialTextMarkedInterrupted() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(
                    // No finish for choice 2 and no [DONE]: the server went away.
                    Sse.events(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.role(2),
                        Sse.text(0, "Nile"),
                        Sse.text(1, "Amazon"),
                        Sse.text(2, "Yang"),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop")))));

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "--format", "json", "Rivers");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.out())
        .contains(
            ",{\"index\":3,\"text\":\"Yang\",\"status\":\"interrupted\",\"finish_reason\":null,"
                + "\"reasoning\":null,\"error\":\"the stream ended before the model finished\",")
        .contains("{\"index\":1,\"text\":\"Nile\",\"status\":\"complete\"")
        .contains("{\"index\":2,\"text\":\"Amazon\",\"status\":\"complete\"");
    assertThat(result.err())
        .isEqualTo(
            "draft: draft 3/3 was interrupted: the stream ended before the model finished (the"
                + " partial text is kept)\n"
                + "2/3 drafts from m1 (native)\n");
  }

  @Test
  void singleAnswerCutShortIsStreamedAndAPartialFailure() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(Sse.events(Sse.role(0), Sse.text(0, "Once upon"), Sse.text(0, " a")))));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "A story");

    // Issue 9: no draft came back whole, so an endpoint failure (4), not a partial one (5); the
    // partial text ends with a line that says it is partial.
    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out())
        .isEqualTo(
            "Once upon a\n<!-- draft: interrupted: the stream ended before the model finished"
                + " -->\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: the answer was interrupted: the stream ended before the model finished (the"
                + " partial text is kept)\n"
                + "0/1 answer from m1\n");
    // Content had arrived: nothing is retried.
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void connectionDroppedMidStreamKeepsThePartialTextMarkedInterrupted() {
    // A Content-Length beyond the body makes the server close the connection mid-stream.
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(Sse.events(Sse.role(0), Sse.text(0, "Once upon"), Sse.text(0, " a")))
                    .withHeader("Content-Length", "100000")));

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "--format", "json", "A story");

    // Issue 9: no draft came back whole: 4, not 5.
    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out())
        .isEqualTo(
            "{\"run\":\""
                + result.runId()
                + "\",\"template\":null,\"profile\":null,\"model\":\"m1\",\"drafts\":[{\"index\":1,"
                + "\"text\":\"Once upon a\",\"status\":\"interrupted\",\"finish_reason\":null,"
                + "\"reasoning\":null,\"error\":\"the connection dropped mid-stream"
                + " (unexpected end of stream): try again; 'draft doctor' checks"
                + " the endpoint\","
                + "\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0}}],"
                + "\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0}}\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: the answer was interrupted: the connection dropped mid-stream"
                + " (unexpected end of stream): try again; 'draft doctor' checks the endpoint (the"
                + " partial text is kept)\n"
                + "0/1 answer from m1\n");
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void streamEndingBeforeAnyTextIsAnEndpointFailureWithNothingOnStdout() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.events(Sse.role(0)))));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "A story");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: the answer was interrupted: the stream ended before the model finished\n"
                + "0/1 answer from m1\n");
  }

  @Test
  void serverErrorsAfterRetriesAreAnEndpointFailure() {
    server.stubFor(post(CHAT).willReturn(Sse.error(503, "overloaded", "server_error", null)));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Hi");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: the server failed (HTTP 503, 3 attempts): try again later; 'draft doctor'"
                + " checks the endpoint (overloaded)\n");
    server.verify(3, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void unknownModelListsWhatTheEndpointServes() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.error(
                    404,
                    "The model `gpt-5o` does not exist or you do not have access to it.",
                    "invalid_request_error",
                    null)));
    server.stubFor(get("/v1/models").willReturn(Sse.models("gpt-4o", "gpt-4o-mini")));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "gpt-5o", "Hi");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err())
        .isEqualTo(
            "draft: model 'gpt-5o' is not served at "
                + baseUrl
                + " (HTTP 404); it serves: gpt-4o, gpt-4o-mini (pass -m/--model or set model in"
                + " the profile)\n");
  }

  @Test
  void nothingListeningIsAnEndpointFailureAskingWhetherTheServerRuns() throws Exception {
    String closed = "http://127.0.0.1:" + closedPort() + "/v1";

    CliHarness.Result result = cli.run("ask", "--base-url", closed, "-m", "m1", "Hi");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: nothing is listening at "
                + closed
                + " (connection refused after 3 attempts): is the server running? 'draft doctor'"
                + " checks\n");
  }

  @Test
  void verboseAddsTheStackTraceToTheOneLineMessage() throws Exception {
    String closed = "http://127.0.0.1:" + closedPort() + "/v1";

    CliHarness.Result result = cli.run("ask", "--verbose", "--base-url", closed, "-m", "m1", "Hi");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("draft: nothing is listening at " + closed + " (connection refused")
        .contains("\ndev.draft.client.EndpointException: nothing is listening at ")
        .contains("\tat dev.draft.client.openai.")
        .contains("Caused by: java.net.ConnectException");
  }

  @Test
  void ctrlCWhileStreamingKeepsThePartialTextAndExits130() throws Exception {
    // The first words, then keep-alive comments trickling out over 10 s before the rest; Ctrl-C
    // comes once the first words are on stdout.
    String body =
        Sse.events(Sse.role(0), Sse.text(0, "Once upon"))
            + ": keep-alive\n\n".repeat(1500)
            + Sse.body(Sse.text(0, " a time"), Sse.finish(0, "stop"));
    server.stubFor(
        post(CHAT)
            .willReturn(Sse.stream(body).withChunkedDribbleDelay(body.length() / 20, 10_000)));

    CliHarness.Running running = cli.start("ask", "--base-url", baseUrl, "-m", "m1", "A story");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!running.out().toString().contains("Once upon") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(running.out().toString()).startsWith("Once upon");
    assertThat(cli.interrupts().fire()).isTrue();
    CliHarness.Result result = running.result().get(15, TimeUnit.SECONDS);

    assertThat(result.exitCode()).isEqualTo(130);
    // Issue 9: a half answer says so in its last line.
    assertThat(result.out())
        .isEqualTo("Once upon\n<!-- draft: interrupted: stopped by the user -->\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: the answer was interrupted: stopped by the user (the partial text is kept)\n"
                + "0/1 answer from m1\n");
  }

  @Test
  void ctrlCAfterTheAnswerCompletedDoesNotExit130() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Hello there.", 9, 3))));
    // Ctrl-C lands after the answer is complete but before the run has finished with it.
    boolean[] reached = {false};
    cli.clients(
        (settings, capabilities) -> {
          OpenAiChatClient real =
              new OpenAiChatClient(
                  settings, capabilities, delay -> {}, () -> 0.5, Clock.systemUTC());
          return new ChatClient() {
            @Override
            public ChatResult complete(ChatRequest request, StreamListener listener) {
              ChatResult result = real.complete(request, listener);
              reached[0] = cli.interrupts().fire();
              return result;
            }

            @Override
            public List<ModelInfo> listModels() {
              return real.listModels();
            }

            @Override
            public void cancel() {
              real.cancel();
            }
          };
        });

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Say", "hello");

    assertThat(reached[0]).as("the Ctrl-C reached the running generation").isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hello there.\n");
    assertThat(result.err()).isEqualTo("1/1 answer from m1 · 9 prompt + 3 completion tokens\n");
  }

  @Test
  void unexpectedErrorIsAnInternalErrorAskingForAReport() {
    cli.clients(
        (settings, capabilities) ->
            new ChatClient() {
              @Override
              public ChatResult complete(ChatRequest request, StreamListener listener) {
                throw new AssertionError("no request expected");
              }

              @Override
              public List<ModelInfo> listModels() {
                throw new IllegalStateException("a bug");
              }
            });

    CliHarness.Result quiet = cli.run("ask", "--base-url", baseUrl, "Hi");
    CliHarness.Result verbose = cli.run("ask", "--verbose", "--base-url", baseUrl, "Hi");

    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.out()).isEmpty();
    assertThat(quiet.err())
        // Issue 9: the line names no Java class; the stack trace (--verbose) does.
        .isEqualTo(
            "draft: internal error: a bug (run again with"
                + " --verbose for details, and please report it)\n");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err())
        .startsWith("draft: internal error: a bug\n" + "java.lang.IllegalStateException: a bug\n")
        .contains("\tat dev.draft.cli.AskFailureTest");
  }

  @Test
  void runningOutOfMemorySaysHowToGiveJavaMore() {
    cli.clients(
        (settings, capabilities) ->
            new ChatClient() {
              @Override
              public ChatResult complete(ChatRequest request, StreamListener listener) {
                throw new OutOfMemoryError("Java heap space");
              }

              @Override
              public List<ModelInfo> listModels() {
                return List.of();
              }
            });

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Hi");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("draft: draft ran out of memory (Java may use at most ")
        .endsWith(
            " MiB here): give it more, e.g. JAVA_TOOL_OPTIONS=-Xmx4g, or pass a smaller input\n");
  }

  /** A port nobody listens on: bound, then released. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
