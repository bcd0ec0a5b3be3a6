package dev.draft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar against the real llama.cpp server (4 slots of 2,048 tokens each), through a pipe
 * that records what draft sent. Each test keeps answers short, so the class runs in seconds.
 */
class LlamaServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LlamaServer llama;
  private static RecordingProxy proxy;

  @TempDir Path home;

  @BeforeAll
  static void startServer() throws Exception {
    llama = LlamaServer.start(4, 8192);
    proxy = new RecordingProxy(llama.port);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (llama != null) {
      llama.close();
    }
  }

  private JarProcess.Result draft(String stdin, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", proxy.baseUrl()));
    return new JarProcess(home).run(Map.of(), stdin, all.toArray(String[]::new));
  }

  @Test
  void eightDraftsFromFourSlotsLoseNoneAndAskAtMostFourAtOnce() throws Exception {
    proxy.drainChatRequestNs();
    List<String> lost = new ArrayList<>();
    for (int run = 1; run <= 20; run++) {
      JarProcess.Result result =
          draft("", "ask", "hi", "-n", "8", "--max-tokens", "10", "--format", "json");

      JsonNode drafts = JSON.readTree(result.out()).get("drafts");
      assertThat(drafts).as("run %d: %s", run, result.err()).hasSize(8);
      for (JsonNode d : drafts) {
        if (d.get("status").asText().equals("failed")) {
          lost.add("run " + run + " draft " + d.get("index") + ": " + d.get("error").asText());
        }
      }
      assertThat(result.exitCode()).as("run %d: %s", run, result.err()).isZero();
      List<Integer> ns = proxy.drainChatRequestNs();
      if (run == 1) {
        // The first run learns the server's limit from its refusal of n = 8.
        assertThat(ns).as("run 1's requests").startsWith(8);
        ns = ns.subList(1, ns.size());
      }
      assertThat(ns).as("run %d's requests", run).containsExactly(4, 4);
    }
    assertThat(lost).as("drafts lost in 20 runs").isEmpty();

    JarProcess.Result two = draft("", "ask", "hi", "-n", "2", "--max-tokens", "5");
    assertThat(two.exitCode()).as(two.err()).isZero();
    assertThat(proxy.drainChatRequestNs()).as("a run within the limit").containsExactly(2);
  }

  @Test
  void threeChoicesReportTheUsageOfAllThree() throws Exception {
    JarProcess.Result result =
        draft("", "ask", "hi", "-n", "3", "--max-tokens", "60", "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode run = JSON.readTree(result.out());
    long truncated = 0;
    long perDraft = 0;
    for (JsonNode d : run.get("drafts")) {
      truncated += d.get("status").asText().equals("truncated") ? 1 : 0;
      perDraft += d.get("usage").get("completion_tokens").asLong();
    }
    long completion = run.get("usage").get("completion_tokens").asLong();
    // llama.cpp sends each choice's usage on its own: the run counts all three, and each draft
    // its own. A draft cut at the limit counts 60; the tiny model rarely ends one sooner.
    assertThat(perDraft).isEqualTo(completion);
    assertThat(completion).isGreaterThanOrEqualTo(60L * truncated).isLessThanOrEqualTo(180);
    if (truncated == 3) {
      assertThat(completion).isEqualTo(180);
    }
    assertThat(completion).as("more than the last choice's count").isGreaterThan(60);
  }

  @Test
  void aPromptLongerThanTheSlotsWindowIsRefusedBeforeSending() throws Exception {
    proxy.drainChatRequestNs();
    String longPrompt = "Summarise these notes. " + "The river rises after rain. ".repeat(700);

    JarProcess.Result result = draft(longPrompt, "ask", "--max-tokens", "10");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains("2,048");
    assertThat(proxy.drainChatRequestNs()).as("chat requests sent").isEmpty();
  }

  @Test
  void aPlainHttpServerAddressedAsHttpsGetsTheHint() throws Exception {
    JarProcess.Result result =
        new JarProcess(home)
            .run(
                Map.of(),
                "",
                "ask",
                "hi",
                "--max-tokens",
                "5",
                "--base-url",
                "https://127.0.0.1:" + llama.port + "/v1");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
    assertThat(result.err()).contains("http://127.0.0.1:" + llama.port);
    assertThat(result.err()).doesNotContain("Exception");
  }

  @Test
  void noStreamAsksForOneJsonAnswer() throws Exception {
    JarProcess.Result result =
        draft("", "ask", "hi", "-n", "2", "--max-tokens", "5", "--no-stream", "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode drafts = JSON.readTree(result.out()).get("drafts");
    assertThat(drafts).hasSize(2);
    assertThat(drafts.get(0).get("text").asText()).isNotBlank();
  }

  @Test
  void refineMakesRevisionsOfADraftOnTheRealServer() throws Exception {
    JarProcess.Result first = draft("", "ask", "hi", "-n", "5", "--max-tokens", "8");
    assertThat(first.exitCode()).as(first.err()).isZero();

    JarProcess.Result refined =
        draft(
            "", "refine", "last/5", "shorter", "-n", "2", "--max-tokens", "8", "--format", "json");

    assertThat(refined.exitCode()).as(refined.err()).isZero();
    JsonNode drafts = JSON.readTree(refined.out()).get("drafts");
    assertThat(drafts).hasSize(2);
    for (JsonNode d : drafts) {
      assertThat(d.get("status").asText()).isIn("complete", "truncated");
    }
  }

  @Test
  void aPostLongerThanTheWindowIsSummarisedInPartsWithTwoCandidates() throws Exception {
    proxy.drainChatRequestNs();
    String post = java.nio.file.Path.of("examples/long-post.md").toAbsolutePath().toString();

    JarProcess.Result result =
        draft("", "summarize", post, "-n", "2", "--max-tokens", "60", "--no-pick");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .containsPattern("more than tiny-llama's window: reading the input in \\d+ parts")
        .containsPattern("read the input in \\d+ parts");
    assertThat(result.out()).contains("=== draft 1/2", "=== draft 2/2");
    List<Integer> ns = proxy.drainChatRequestNs();
    // Notes on every part (one choice each), then one request of n=2 for the candidates.
    assertThat(ns.size()).isGreaterThan(3);
    assertThat(ns.stream().filter(n -> n == 2).count()).as("requests of n=2 in " + ns).isOne();
    assertThat(ns.stream().filter(n -> n != 1 && n != 2)).isEmpty();
  }

  @Test
  void aBatchSendsEveryItemOfTheExampleCsvOnceAndRetriesOnlyWhatFailed() throws Exception {
    proxy.drainChatRequestNs();
    String csv = java.nio.file.Path.of("examples/rewrite.csv").toAbsolutePath().toString();
    java.nio.file.Path out = home.resolve("out.jsonl");

    // The random-weight model never ends an answer by itself, so every rewrite is cut at the
    // token limit: each item fails with that reason and keeps the text it got.
    JarProcess.Result result =
        draft(
            "",
            "batch",
            "rewrite",
            "--tone",
            "friendly",
            "--in",
            csv,
            "--out",
            out.toString(),
            "--max-tokens",
            "16");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(5);
    assertThat(result.err())
        .contains("draft: batch rewrite: 0 complete, 6 failed")
        .contains("the first: line ")
        .contains("cut at the token limit (raise --max-tokens)");
    List<String> lines = java.nio.file.Files.readAllLines(out);
    assertThat(lines).hasSize(6);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.get("status").asText()).isEqualTo("failed");
      assertThat(node.get("draft_status").asText()).isEqualTo("truncated");
      assertThat(node.get("text").asText()).isNotBlank();
      assertThat(node.get("usage").get("completion_tokens").asInt()).isEqualTo(16);
      ids.add(node.get("id").asText());
    }
    assertThat(ids).contains("notice-1").hasSize(6);
    // At least one request per item; the proxy also sees a request written to a kept-alive
    // connection the server had just closed, which the client sends again on a fresh one.
    assertThat(proxy.drainChatRequestNs()).hasSizeGreaterThanOrEqualTo(6).allMatch(n -> n == 1);

    // Again: the failed items run again, each once, and DEST still holds each item once.
    JarProcess.Result again =
        draft(
            "",
            "batch",
            "rewrite",
            "--tone",
            "friendly",
            "--in",
            csv,
            "--out",
            out.toString(),
            "--max-tokens",
            "16");

    assertThat(again.exitCode()).as(again.err()).isEqualTo(5);
    assertThat(again.err()).contains("0 complete, 6 failed");
    assertThat(proxy.drainChatRequestNs()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(java.nio.file.Files.readAllLines(out)).hasSize(6);
  }
}
