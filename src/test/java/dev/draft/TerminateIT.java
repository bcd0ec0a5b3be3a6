package dev.draft;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a real {@code draft} process with SIGTERM (what {@link Process#destroy()} sends on Linux,
 * and what service managers, timeouts and {@code kill} send) in the middle of a stream: like Ctrl-C
 * it keeps and prints the partial drafts, records them as interrupted, and exits 143.
 */
class TerminateIT {
  private static final String CHAT = "/v1/chat/completions";
  private static final String KEY = "sk-test-SECRET123456789";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort())
          .failOnUnmatchedRequests(true)
          .build();

  @TempDir Path home;

  record Result(int exitCode, String out, String err) {}

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
    Path jar = Path.of(System.getProperty("draft.jar", "target/draft.jar"));
    assertThat(jar).as("the jar built by 'package'").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("DRAFT_HOME", home.toString());
    builder.environment().put("OPENAI_API_KEY", KEY);
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private Result draft(String... args) throws Exception {
    Process process = start(args);
    CompletableFuture<String> out = readAll(process.getInputStream());
    CompletableFuture<String> err = readAll(process.getErrorStream());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("draft did not finish within 60 s: " + List.of(args));
    }
    return new Result(process.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The drafts of the newest run, or null while there is none. */
  private JsonNode lastRunsDrafts() throws Exception {
    Result shown = draft("show", "last", "--json");
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

  @Test
  void sigtermWhileStreamingPrintsAndKeepsThePartialDraftsAndExits143() throws Exception {
    // Both drafts' first words at once, then keep-alive comments trickling out over 90 s.
    String body =
        chunk(0, "{\"role\":\"assistant\",\"content\":\"\"}")
            + chunk(1, "{\"role\":\"assistant\",\"content\":\"\"}")
            + text(0, "The river")
            + text(1, "A stream")
            + ": keep-alive\n\n".repeat(9000)
            + text(0, " bends south.")
            + text(1, " runs north.")
            + "data: [DONE]\n\n";
    server.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(body)
                    .withChunkedDribbleDelay(body.length() / 20, 90_000)));

    Process generating =
        start(
            "ask",
            "Describe a river",
            "-n",
            "2",
            "--base-url",
            "http://127.0.0.1:" + server.getPort() + "/v1",
            "-m",
            "m1");
    CompletableFuture<String> out = readAll(generating.getInputStream());
    CompletableFuture<String> err = readAll(generating.getErrorStream());
    try {
      // The history has both drafts' first words once they have arrived.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
      JsonNode drafts = lastRunsDrafts();
      while (!allHaveText(drafts) && System.nanoTime() < deadline && generating.isAlive()) {
        Thread.sleep(200);
        drafts = lastRunsDrafts();
      }
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
