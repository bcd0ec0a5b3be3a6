package dev.draft;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a real {@code draft} process in the middle of a stream. Killed (SIGKILL), it leaves its
 * partial drafts in the history, marked interrupted. Terminated (SIGTERM: what service managers,
 * timeouts and {@code kill} send), it does what Ctrl-C does: prints and keeps the partial drafts
 * and exits 143.
 */
class HistoryKillIT {
  private static final String CHAT = "/v1/chat/completions";
  private static final String KEY = "sk-test-SECRET123456789";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort())
          .failOnUnmatchedRequests(true)
          .build();

  @TempDir Path home;

  private static String chunk(int index, String delta) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m1\","
        + "\"choices\":[{\"index\":"
        + index
        + ",\"delta\":"
        + delta
        + ",\"finish_reason\":null}]}\n\n";
  }

  private static String text(int index, String content) {
    return chunk(index, "{\"content\":\"" + content + "\"}");
  }

  /** A process running the jar with only {@code DRAFT_HOME} and the key in its environment. */
  private Process start(String... args) throws IOException {
    Process process = new JarProcess(home).start(Map.of("OPENAI_API_KEY", KEY), args);
    process.getOutputStream().close();
    return process;
  }

  private JarProcess.Result draft(String... args) throws Exception {
    return new JarProcess(home).run(Map.of("OPENAI_API_KEY", KEY), "", args);
  }

  /** The drafts of the newest run, or null while there is none. */
  private JsonNode lastRunsDrafts() throws Exception {
    JarProcess.Result shown = draft("show", "last", "--json");
    if (shown.exitCode() != 0) {
      return null;
    }
    return new ObjectMapper().readTree(shown.out()).get("drafts");
  }

  private static boolean allHaveText(JsonNode drafts) {
    if (drafts == null || drafts.size() == 0) {
      return false;
    }
    for (JsonNode draft : drafts) {
      if (draft.get("text").asText().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Starts {@code ask -n 2} against a stream that sends both drafts' first words at once, then only
   * keep-alive comments for {@code seconds} before the rest, which the process is not meant to live
   * to see.
   */
  private Process startStalledRun(int seconds) throws IOException {
    String body =
        chunk(0, "{\"role\":\"assistant\",\"content\":\"\"}")
            + chunk(1, "{\"role\":\"assistant\",\"content\":\"\"}")
            + text(0, "The river")
            + text(1, "A stream")
            + ": keep-alive\n\n".repeat(100 * seconds)
            + text(0, " bends south.")
            + text(1, " runs north.")
            + "data: [DONE]\n\n";
    server.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(body)
                    .withChunkedDribbleDelay(body.length() / 20, seconds * 1000)));
    return start(
        "ask",
        "Describe a river",
        "-n",
        "2",
        "--base-url",
        "http://127.0.0.1:" + server.getPort() + "/v1",
        "-m",
        "m1");
  }

  /** Waits until the history has both drafts' first words, polling with {@code draft show}. */
  private JsonNode awaitPartialDrafts(Process generating) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
    JsonNode drafts = lastRunsDrafts();
    while (!allHaveText(drafts) && System.nanoTime() < deadline && generating.isAlive()) {
      Thread.sleep(200);
      drafts = lastRunsDrafts();
    }
    return drafts;
  }

  @Test
  void aKilledRunLeavesItsPartialDraftsStoredAsInterrupted() throws Exception {
    Process generating = startStalledRun(30);
    CompletableFuture<String> out = JarProcess.readAll(generating.getInputStream());
    CompletableFuture<String> err = JarProcess.readAll(generating.getErrorStream());
    try {
      JsonNode drafts = awaitPartialDrafts(generating);
      assertThat(generating.isAlive())
          .as("draft is still generating; stdout: %s", out.getNow(""))
          .isTrue();
      assertThat(allHaveText(drafts))
          .as("partial drafts saved while streaming: %s", drafts)
          .isTrue();
      assertThat(drafts.findValuesAsText("status")).containsOnly("streaming");
    } finally {
      generating.destroyForcibly();
      assertThat(generating.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(generating.exitValue()).as("killed, stderr: %s", err.get()).isNotZero();

    JarProcess.Result shown = draft("show", "last", "--json");

    assertThat(shown.exitCode()).as("stderr: %s", shown.err()).isZero();
    JsonNode run = new ObjectMapper().readTree(shown.out());
    JsonNode drafts = run.get("drafts");
    assertThat(drafts.findValuesAsText("index")).containsExactly("1", "2");
    assertThat(drafts.findValuesAsText("text")).containsExactly("The river", "A stream");
    assertThat(drafts.findValuesAsText("status")).containsExactly("interrupted", "interrupted");
    assertThat(drafts.findValuesAsText("error"))
        .containsExactly(
            "the process ended before the draft finished",
            "the process ended before the draft finished");
    JarProcess.Result text = draft("show", "last/1");
    assertThat(text.out()).isEqualTo("The river\n");
  }

  @Test
  void sigtermWhileStreamingPrintsAndKeepsThePartialDraftsAndExits143() throws Exception {
    Process generating = startStalledRun(90);
    CompletableFuture<String> out = JarProcess.readAll(generating.getInputStream());
    CompletableFuture<String> err = JarProcess.readAll(generating.getErrorStream());
    try {
      JsonNode drafts = awaitPartialDrafts(generating);
      assertThat(allHaveText(drafts)).as("partial drafts while streaming: %s", drafts).isTrue();
      // SIGTERM, through the handle: Process.destroy() would also close the pipes being read.
      assertThat(generating.toHandle().destroy()).isTrue();
      assertThat(generating.waitFor(30, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
    } finally {
      if (generating.isAlive()) {
        generating.destroyForcibly();
      }
    }

    assertThat(generating.exitValue()).as("stderr: %s", err.get()).isEqualTo(143);
    assertThat(out.get())
        .isEqualTo(
            "=== draft 1/2 (interrupted) ===\nThe river\n\n"
                + "=== draft 2/2 (interrupted) ===\nA stream\n");
    assertThat(err.get()).contains("draft 1/2 was interrupted: stopped");
    JsonNode run = new ObjectMapper().readTree(draft("show", "last", "--json").out());
    assertThat(run.get("drafts").findValuesAsText("text")).containsExactly("The river", "A stream");
    assertThat(run.get("drafts").findValuesAsText("status"))
        .containsExactly("interrupted", "interrupted");
  }
}
