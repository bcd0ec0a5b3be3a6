package dev.draft;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code draft batch} (SIGKILL) in the middle of a batch and runs it again: every item
 * ends in the destination exactly once, and the endpoint never saw an item again that the first
 * process had finished.
 */
class BatchKillIT {
  private static final String CHAT = "/v1/chat/completions";
  private static final int ITEMS = 40;
  private static final Pattern ITEM = Pattern.compile("item-(\\d+)-text");

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path home;

  private final ObjectMapper json = new ObjectMapper();

  private Process start(Path in, Path out) throws IOException {
    Process process =
        new JarProcess(home)
            .start(
                Map.of("OPENAI_API_KEY", "sk-test"),
                "batch",
                "shout",
                "--in",
                in.toString(),
                "--out",
                out.toString());
    process.getOutputStream().close();
    JarProcess.readAll(process.getInputStream());
    JarProcess.readAll(process.getErrorStream());
    return process;
  }

  /** The ids of the complete lines of {@code out}; a last line cut by the kill is not one. */
  private Map<String, Integer> completeIds(Path out) throws IOException {
    Map<String, Integer> ids = new HashMap<>();
    if (!Files.exists(out)) {
      return ids;
    }
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      try {
        JsonNode node = json.readTree(line);
        if (node != null && "complete".equals(node.path("status").asText())) {
          ids.merge(node.get("id").asText(), 1, Integer::sum);
        }
      } catch (IOException cut) {
        // The line the kill interrupted.
      }
    }
    return ids;
  }

  /** How many requests the endpoint saw for each item. */
  private static Map<Integer, Integer> requestsPerItem() {
    Map<Integer, Integer> counts = new HashMap<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      Matcher m = ITEM.matcher(event.getRequest().getBodyAsString());
      if (m.find()) {
        counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
      }
    }
    return counts;
  }

  @Test
  void aKilledBatchResumesWithoutDoingAnyFinishedItemAgain() throws Exception {
    server.stubFor(
        post(CHAT)
            .willReturn(
                WireMock.aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withFixedDelay(150)
                    .withBody(
                        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Rewritten.\"},"
                            + "\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\n"
                            + "data: [DONE]\n\n")));
    Files.writeString(
        home.resolve("config.yaml"),
        "profiles:\n  local:\n    base_url: "
            + server.baseUrl()
            + "/v1\n    model: m1\n    concurrency: 4\n",
        StandardCharsets.UTF_8);
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(
        prompts.resolve("shout.md"),
        "---\ndescription: Says it again\ninput: required\n---\nAgain: {{input}}\n",
        StandardCharsets.UTF_8);
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < ITEMS; i++) {
      items.append("{\"id\": \"").append(i).append("\", \"input\": \"item-").append(i);
      items.append("-text\"}\n");
    }
    Path in = home.resolve("in.jsonl");
    Files.writeString(in, items, StandardCharsets.UTF_8);
    Path out = home.resolve("out.jsonl");

    Process first = start(in, out);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (completeIds(out).size() < 8 && System.nanoTime() < deadline && first.isAlive()) {
      Thread.sleep(20);
    }
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<String, Integer> beforeKill = completeIds(out);
    assertThat(beforeKill.size()).as("items done before the kill").isBetween(8, ITEMS - 1);
    Set<Integer> finished = new HashSet<>();
    beforeKill.keySet().forEach(id -> finished.add(Integer.parseInt(id)));
    Map<Integer, Integer> firstRequests = requestsPerItem();
    server.resetRequests();

    Process second = start(in, out);
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isZero();

    // Every item exactly once in DEST, every line whole.
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(ITEMS);
    Map<String, Integer> after = completeIds(out);
    assertThat(after).hasSize(ITEMS);
    assertThat(after.values()).containsOnly(1);
    // The endpoint saw each item the first process finished once, and never again.
    Map<Integer, Integer> secondRequests = requestsPerItem();
    for (int item : finished) {
      assertThat(firstRequests.get(item)).as("item %d before the kill", item).isEqualTo(1);
      assertThat(secondRequests).as("item %d after the kill", item).doesNotContainKey(item);
    }
    for (int i = 0; i < ITEMS; i++) {
      if (!finished.contains(i)) {
        assertThat(secondRequests.get(i)).as("item %d after the kill", i).isEqualTo(1);
      }
    }
  }
}
