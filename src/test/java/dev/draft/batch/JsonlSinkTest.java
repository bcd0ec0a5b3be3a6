package dev.draft.batch;

import static dev.draft.batch.BatchResults.complete;
import static dev.draft.batch.BatchResults.failed;
import static dev.draft.batch.BatchResults.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSinkTest {
  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out.jsonl");
  }

  private List<JsonNode> lines() throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(out())) {
      nodes.add(ResultJson.MAPPER.readTree(line));
    }
    return nodes;
  }

  private List<String> ids() throws IOException {
    return lines().stream().map(n -> n.get("id").asText()).toList();
  }

  @Test
  void aCompleteLineHoldsTheItemAndItsDraftAsFormatJsonPrintsIt() throws IOException {
    Draft chosen = new Draft(2, "Tides\nrise.", "think", Status.COMPLETE, "stop", null, Usage.NONE);
    Draft other = new Draft(1, "Tid", null, Status.TRUNCATED, "length", null, new Usage(155, 240));
    BatchResult result =
        new BatchResult(
            item("a"),
            chosen,
            List.of(other, chosen),
            BatchResult.COMPLETE,
            null,
            new Usage(310, 512));
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      sink.write(result);
    }

    String text = Files.readString(out());
    assertThat(text).endsWith("}\n").hasLineCount(1);
    JsonNode line = lines().get(0);
    assertThat(fieldNames(line))
        .containsExactly(
            "id",
            "status",
            "index",
            "text",
            "draft_status",
            "finish_reason",
            "reasoning",
            "error",
            "usage",
            "variables",
            "where",
            "candidates");
    assertThat(line.get("status").asText()).isEqualTo("complete");
    assertThat(line.get("index").asInt()).isEqualTo(2);
    assertThat(line.get("text").asText()).isEqualTo("Tides\nrise.");
    assertThat(line.get("draft_status").asText()).isEqualTo("complete");
    assertThat(line.get("reasoning").asText()).isEqualTo("think");
    assertThat(line.get("error").isNull()).isTrue();
    assertThat(line.get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":310,\"completion_tokens\":512}");
    assertThat(line.get("variables").toString()).isEqualTo("{\"topic\":\"tides of a\"}");
    assertThat(line.get("where").asText()).isEqualTo("line 1");
    JsonNode first = line.get("candidates").get(0);
    // The fields, in the order, of DESIGN §6's draft object.
    assertThat(fieldNames(first))
        .containsExactly("index", "text", "status", "finish_reason", "reasoning", "error", "usage");
    assertThat(first.get("status").asText()).isEqualTo("truncated");
    assertThat(first.get("usage").get("completion_tokens").asLong()).isEqualTo(240);
  }

  @Test
  void aFailedLineHasTheSameFieldsWithNoDraftAndNoCandidates() throws IOException {
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      sink.write(failed("b", "HTTP 500: overloaded"));
    }
    JsonNode line = lines().get(0);
    assertThat(fieldNames(line))
        .containsExactly(
            "id",
            "status",
            "index",
            "text",
            "draft_status",
            "finish_reason",
            "reasoning",
            "error",
            "usage",
            "variables",
            "where");
    assertThat(line.get("status").asText()).isEqualTo("failed");
    assertThat(line.get("text").isNull()).isTrue();
    assertThat(line.get("error").asText()).isEqualTo("HTTP 500: overloaded");
  }

  @Test
  void resumingSkipsCompleteItemsAndDropsFailedOnesFromTheFile() throws IOException {
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      sink.write(complete("a", "A"));
      sink.write(failed("b", "boom"));
      sink.write(complete("c", "C"));
    }

    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThat(sink.done("a")).isTrue();
      assertThat(sink.done("b")).isFalse();
      assertThat(sink.done("c")).isTrue();
      assertThat(sink.done("d")).isFalse();
      assertThat(sink.doneCount()).isEqualTo(2);
      // Rewritten before any new write: b is gone from the file already.
      assertThat(ids()).containsExactly("a", "c");
      sink.write(complete("b", "B"));
    }
    assertThat(ids()).containsExactly("a", "c", "b");
    assertThat(lines()).allMatch(n -> n.get("status").asText().equals("complete"));
  }

  @Test
  void aCutLastLineIsDroppedAndTheNextWriteStartsOnAFreshLine() throws IOException {
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      sink.write(complete("a", "A"));
    }
    // What a kill -9 in the middle of a write would leave.
    Files.writeString(
        out(), "{\"id\":\"b\",\"status\":\"complete\",\"te", StandardOpenOption.APPEND);

    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThat(sink.done("a")).isTrue();
      assertThat(sink.done("b")).isFalse();
      sink.write(complete("b", "B"));
    }
    assertThat(ids()).containsExactly("a", "b");
    assertThat(Files.readString(out())).endsWith("}\n");
  }

  @Test
  void aWholeLastLineWithoutItsNewlineIsDroppedToo() throws IOException {
    String line = JsonlSink.line(complete("a", "A"));
    Files.writeString(out(), line);

    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThat(sink.done("a")).isFalse();
      sink.write(complete("a", "A"));
    }
    assertThat(Files.readString(out())).isEqualTo(line + "\n");
  }

  @Test
  void linesThatAreNotResultsAndRepeatedIdsAreDroppedKeepingTheFirst() throws IOException {
    String a = JsonlSink.line(complete("a", "first"));
    String again = JsonlSink.line(complete("a", "second"));
    String c = JsonlSink.line(complete("c", "C"));
    Files.writeString(
        out(),
        String.join(
                "\n", a, "not json", "[1,2]", "", "{\"id\":\"x\"}", again, "{\"a\":1} {\"b\":2}", c)
            + "\n");

    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThat(sink.doneCount()).isEqualTo(2);
      assertThat(sink.done("x")).isFalse();
    }
    assertThat(Files.readString(out())).isEqualTo(a + "\n" + c + "\n");
    assertThat(lines().get(0).get("text").asText()).isEqualTo("first");
  }

  @Test
  void noIdIsEverInTheFileTwiceAcrossResumes() throws IOException {
    for (int run = 0; run < 3; run++) {
      try (BatchSink sink = BatchSinks.open(out(), false, null)) {
        for (String id : List.of("a", "b", "c", "d")) {
          if (!sink.done(id)) {
            // b fails every time; the rest succeed at their first try.
            sink.write(id.equals("b") ? failed(id, "boom") : complete(id, id));
          }
        }
      }
      assertThat(ids()).doesNotHaveDuplicates().contains("a", "b", "c", "d");
    }
  }

  @Test
  void writingAnItemTwiceOrOneAlreadyDoneIsARunnerBug() throws IOException {
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      sink.write(complete("a", "A"));
      assertThatThrownBy(() -> sink.write(complete("a", "A")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("a");
    }
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThatThrownBy(() -> sink.write(complete("a", "A")))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(ids()).containsExactly("a");
  }

  @Test
  void redoStartsFromAnEmptyFile() throws IOException {
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      sink.write(complete("a", "A"));
    }
    try (BatchSink sink = BatchSinks.open(out(), true, null)) {
      assertThat(sink.done("a")).isFalse();
      assertThat(sink.doneCount()).isZero();
      assertThat(Files.size(out())).isZero();
      sink.write(complete("a", "again"));
    }
    assertThat(lines()).hasSize(1);
    assertThat(lines().get(0).get("text").asText()).isEqualTo("again");
  }

  @Test
  void eightThreadsWritingTwoHundredItemsLeaveTwoHundredWholeLines() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String id = "item-" + i;
        boolean fails = i % 10 == 0;
        // Long texts, so that a line written in pieces would interleave with another.
        String text = ("line " + i + " ").repeat(2000);
        futures.add(
            pool.submit(
                () -> {
                  sink.write(fails ? failed(id, "boom") : complete(id, text));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(200);
    assertThat(ids()).doesNotHaveDuplicates();
    for (JsonNode line : lines) {
      int i = Integer.parseInt(line.get("id").asText().substring(5));
      if (i % 10 != 0) {
        assertThat(line.get("text").asText()).isEqualTo(("line " + i + " ").repeat(2000));
      }
    }
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThat(sink.doneCount()).isEqualTo(180);
    }
  }

  @Test
  void rewritingLeavesNoTemporaryFileBehind() throws IOException {
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      sink.write(failed("a", "boom"));
      sink.write(complete("b", "B"));
    }
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThat(ids()).containsExactly("b");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.jsonl");
    }
  }

  @Test
  void failuresAreFoundByTheirStatus() throws IOException {
    try (BatchSink sink = BatchSinks.open(out(), false, null)) {
      assertThat(sink.failuresWhere()).isEqualTo(out() + " (lines with \"status\": \"failed\")");
    }
  }

  @Test
  void anExistingFileWithAnotherNameIsAJsonlDestinationAndTakesNoNamePattern() throws IOException {
    Path results = dir.resolve("results.txt");
    Files.writeString(results, JsonlSink.line(complete("a", "A")) + "\n");
    try (BatchSink sink = BatchSinks.open(results, false, null)) {
      assertThat(sink.done("a")).isTrue();
    }
    assertThatThrownBy(() -> BatchSinks.open(out(), false, "{{id}}.md"))
        .isInstanceOf(BatchException.class)
        .hasMessageContaining("directory");
  }

  @Test
  void aMissingParentDirectoryIsCreated() throws IOException {
    Path nested = dir.resolve("runs/today/out.ndjson");
    try (BatchSink sink = BatchSinks.open(nested, false, null)) {
      sink.write(complete("a", "A"));
    }
    assertThat(Files.readString(nested)).startsWith("{\"id\":\"a\"");
  }

  @Test
  void theDraftOfAChosenLineKeepsItsOwnErrorWhenTheItemHasNone() {
    Draft cut = new Draft(1, "x", null, Status.TRUNCATED, "length", "cut at the limit", Usage.NONE);
    BatchResult result =
        new BatchResult(item("a"), cut, List.of(), BatchResult.FAILED, null, Usage.NONE);
    assertThat(JsonlSink.line(result)).contains("\"error\":\"cut at the limit\"");
    assertThat(JsonlSink.line(complete("a", "A"))).contains("\"error\":null");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
