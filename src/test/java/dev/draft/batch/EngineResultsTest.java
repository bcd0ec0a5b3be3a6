package dev.draft.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineResultsTest {
  @TempDir Path dir;

  private static List<EngineResult> read(String text) throws IOException {
    List<EngineResult> results = new ArrayList<>();
    try (EngineResults reader = new EngineResults(new BufferedReader(new StringReader(text)))) {
      EngineResult r;
      while ((r = reader.next()) != null) {
        results.add(r);
      }
    }
    return results;
  }

  private static String ok(String customId, String choices, String usage) {
    return "{\"id\":\"batch_req_"
        + customId
        + "\",\"custom_id\":\""
        + customId
        + "\",\"response\":{\"status_code\":200,\"request_id\":\"req_1\",\"body\":"
        + "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":"
        + choices
        + ",\"usage\":"
        + usage
        + "}},\"error\":null}";
  }

  @Test
  void eachChoiceOfAnAnswerIsADraftNumberedFromOne() throws IOException {
    String line =
        ok(
            "a",
            "[{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"Two\"},"
                + "\"finish_reason\":\"length\"},"
                + "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"One\","
                + "\"reasoning_content\":\"hmm\"},\"finish_reason\":\"stop\"},"
                + "{\"index\":2,\"message\":{\"content\":null,\"reasoning\":\"r\"},"
                + "\"finish_reason\":\"content_filter\"}]",
            "{\"prompt_tokens\":30,\"completion_tokens\":200,\"total_tokens\":230}");
    EngineResult r = read(line + "\n").get(0);
    assertThat(r.customId()).isEqualTo("a");
    assertThat(r.error()).isNull();
    assertThat(r.answered()).isTrue();
    assertThat(r.line()).isEqualTo(1);
    assertThat(r.usage()).isEqualTo(new Usage(30, 200));
    assertThat(r.drafts())
        .containsExactly(
            new Draft(1, "One", "hmm", Status.COMPLETE, "stop", null, Usage.NONE),
            new Draft(2, "Two", null, Status.TRUNCATED, "length", null, Usage.NONE),
            new Draft(3, "", "r", Status.FILTERED, "content_filter", null, Usage.NONE));
  }

  @Test
  void aChoiceWithoutFinishReasonIsInterrupted() throws IOException {
    EngineResult r = read(ok("a", "[{\"message\":{\"content\":\"par\"}}]", "{}")).get(0);
    Draft d = r.drafts().get(0);
    assertThat(d.status()).isEqualTo(Status.INTERRUPTED);
    assertThat(d.error()).contains("no finish reason");
    assertThat(r.usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void failuresComeBackAsErrorsWithoutDrafts() throws IOException {
    String text =
        String.join(
            "\n",
            "{\"id\":\"batch_req_1\",\"custom_id\":\"a\",\"response\":{\"status_code\":400,"
                + "\"request_id\":\"req_1\",\"body\":{\"error\":{\"message\":\"Invalid model\","
                + "\"type\":\"invalid_request_error\"}}},\"error\":null}",
            "{\"id\":\"batch_req_2\",\"custom_id\":\"b\",\"response\":null,"
                + "\"error\":{\"code\":\"batch_expired\",\"message\":\"This request could not be"
                + " executed before the completion window expired.\"}}",
            "{\"id\":\"vllm-1\",\"custom_id\":\"c\",\"response\":{\"status_code\":400,"
                + "\"request_id\":\"vllm-1\",\"body\":{\"object\":\"error\",\"message\":"
                + "\"max_tokens too large\",\"type\":\"BadRequestError\",\"code\":400}},"
                + "\"error\":null}",
            "",
            "not json",
            "{\"custom_id\":\"d\",\"error\":{\"code\":\"server_error\"}}",
            "{\"custom_id\":\"e\",\"response\":{\"status_code\":500,\"body\":null}}",
            "{\"response\":{}}",
            ok("f", "[]", "{\"prompt_tokens\":3,\"completion_tokens\":0}"));
    List<EngineResult> results = read(text);
    assertThat(results)
        .extracting(EngineResult::customId, EngineResult::error, EngineResult::line)
        .containsExactly(
            tuple("a", "HTTP 400: Invalid model", 1L),
            tuple(
                "b",
                "This request could not be executed before the completion window expired.",
                2L),
            tuple("c", "HTTP 400: max_tokens too large", 3L),
            tuple(null, "line 5: not a batch result", 5L),
            tuple("d", "server_error", 6L),
            tuple("e", "HTTP 500", 7L),
            tuple(null, "line 8: not a batch result", 8L),
            tuple("f", "the batch engine's answer holds no choices", 9L));
    assertThat(results).allMatch(r -> r.drafts().isEmpty() && !r.answered());
    assertThat(results.get(7).usage()).isEqualTo(new Usage(3, 0));
  }

  @Test
  void requestsOutAndResultsBackMeetByCustomId() throws IOException {
    Path requests = dir.resolve("requests.jsonl");
    try (RequestsWriter writer = new RequestsWriter(requests)) {
      for (String id : List.of("posts/a.md", "posts/b.md", "12-3fa9c2d1")) {
        writer.add(
            id,
            "{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Rewrite "
                + id
                + "\"}]}");
      }
    }
    // What an engine answers: b's request failed; the lines come in another order.
    StringBuilder output = new StringBuilder();
    List<String> lines = Files.readAllLines(requests);
    for (int i = lines.size() - 1; i >= 0; i--) {
      JsonNode request = ResultJson.MAPPER.readTree(lines.get(i));
      String id = request.get("custom_id").asText();
      String prompt = request.get("body").get("messages").get(0).get("content").asText();
      if (id.equals("posts/b.md")) {
        output.append(
            "{\"id\":\"batch_req_b\",\"custom_id\":\"posts/b.md\",\"response\":null,"
                + "\"error\":{\"code\":\"server_error\",\"message\":\"overloaded\"}}\n");
      } else {
        output
            .append(
                ok(
                    id,
                    "[{\"index\":0,\"message\":{\"content\":\"1: "
                        + prompt
                        + "\"},\"finish_reason\":\"stop\"},{\"index\":1,\"message\":"
                        + "{\"content\":\"2: "
                        + prompt
                        + "\"},\"finish_reason\":\"stop\"}]",
                    "{\"prompt_tokens\":10,\"completion_tokens\":40}"))
            .append('\n');
      }
    }
    Path outputFile = dir.resolve("output.jsonl");
    Files.writeString(outputFile, output);

    List<EngineResult> results = new ArrayList<>();
    try (EngineResults reader = EngineResults.open(outputFile)) {
      EngineResult r;
      while ((r = reader.next()) != null) {
        results.add(r);
      }
      assertThat(reader.next()).isNull();
    }
    assertThat(results)
        .extracting(EngineResult::customId)
        .containsExactly("12-3fa9c2d1", "posts/b.md", "posts/a.md");
    EngineResult a = results.get(2);
    assertThat(a.drafts())
        .extracting(Draft::text)
        .containsExactly("1: Rewrite posts/a.md", "2: Rewrite posts/a.md");
    assertThat(a.drafts()).extracting(Draft::index).containsExactly(1, 2);
    assertThat(a.usage()).isEqualTo(new Usage(10, 40));
    assertThat(results.get(1).error()).isEqualTo("overloaded");
    assertThat(results.get(1).drafts()).isEmpty();
  }
}
