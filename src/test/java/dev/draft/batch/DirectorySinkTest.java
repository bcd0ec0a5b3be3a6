package dev.draft.batch;

import static dev.draft.batch.BatchResults.complete;
import static dev.draft.batch.BatchResults.failed;
import static dev.draft.batch.BatchResults.fileItem;
import static dev.draft.batch.BatchResults.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySinkTest {
  @TempDir Path dir;

  private Path dest() {
    return dir.resolve("out");
  }

  private Path manifest() {
    return dest().resolve(".draft-batch.jsonl");
  }

  private List<JsonNode> manifestLines() throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(manifest())) {
      nodes.add(ResultJson.MAPPER.readTree(line));
    }
    return nodes;
  }

  private JsonNode manifestLine(String id) throws IOException {
    return manifestLines().stream()
        .filter(n -> n.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static BatchItem withVariables(String id, Map<String, String> variables) {
    return new BatchItem(id, "line 3", variables, null, null, null);
  }

  private List<String> filesUnderDest() throws IOException {
    try (Stream<Path> files = Files.walk(dest())) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dest().relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Test
  void filesKeepTheirSubDirectoriesAndExtensionsByDefault() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete(fileItem("posts/2024/a.md"), "Alpha"));
      sink.write(complete(fileItem("notes/b.txt"), "Beta\n\n\n"));
      sink.write(complete(item("row-7"), "Gamma"));
    }
    assertThat(Files.readString(dest().resolve("posts/2024/a.md"))).isEqualTo("Alpha\n");
    assertThat(Files.readString(dest().resolve("notes/b.txt"))).isEqualTo("Beta\n");
    assertThat(Files.readString(dest().resolve("row-7.md"))).isEqualTo("Gamma\n");
    assertThat(manifestLine("notes/b.txt").get("file").asText()).isEqualTo("notes/b.txt");
    assertThat(manifestLine("row-7").get("status").asText()).isEqualTo("complete");
    assertThat(manifestLine("row-7").get("usage").get("completion_tokens").asLong()).isEqualTo(20);
  }

  @Test
  void aPatternNamesFilesFromTheIdNameExtensionAndVariables() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{lang}}/{{name}}-{{id}}{{ext}}")) {
      sink.write(
          complete(
              new BatchItem("7", "line 7", Map.of("lang", "fr"), null, "docs/guide.txt", null),
              "Bonjour"));
      sink.write(complete(withVariables("8", Map.of("lang", "de")), "Hallo"));
    }
    assertThat(filesUnderDest())
        .containsExactly(".draft-batch.jsonl", "de/8-8.md", "fr/guide-7.txt");
  }

  @Test
  void idsAndValuesCannotLeaveTheDestinationOrUseForbiddenCharacters() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete(item("../evil"), "x"));
      sink.write(complete(item(".."), "x"));
      sink.write(complete(item("a:b*c?\"d<e>f|g\\h\ti"), "x"));
      sink.write(complete(fileItem("../../up/escape.md"), "x"));
      sink.write(complete(fileItem("/abs/olute.md"), "x"));
    }
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{dir}}/{{id}}.md")) {
      sink.write(complete(withVariables("v", Map.of("dir", "../../etc")), "x"));
    }
    assertThat(filesUnderDest())
        .containsExactly(
            "...md",
            ".._.._etc/v.md",
            ".._evil.md",
            ".draft-batch.jsonl",
            "_/_/up/escape.md",
            "a_b_c__d_e_f_g_h_i.md",
            "abs/olute.md");
    try (Stream<Path> all = Files.list(dir)) {
      assertThat(all.map(p -> p.getFileName().toString())).containsExactly("out");
    }
  }

  @Test
  void aPatternThatLeadsOutsideTheDestinationIsRefusedAtOnce() {
    for (String pattern : List.of("../{{id}}.md", "/tmp/{{id}}", "a/../../{{id}}", "{{id", "")) {
      assertThatThrownBy(() -> BatchSinks.open(dest(), false, pattern))
          .as(pattern)
          .isInstanceOf(BatchException.class)
          .hasMessageContaining("pattern");
    }
  }

  @Test
  void theSecondItemOnAFileFailsNamingBothAndTheFirstFileStays() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{topic}}.md")) {
      sink.write(complete(withVariables("a", Map.of("topic", "tides")), "first"));
      sink.write(complete(withVariables("b", Map.of("topic", "tides")), "second"));
    }
    assertThat(Files.readString(dest().resolve("tides.md"))).isEqualTo("first\n");
    JsonNode b = manifestLine("b");
    assertThat(b.get("status").asText()).isEqualTo("failed");
    assertThat(b.get("file").isNull()).isTrue();
    assertThat(b.get("error").asText())
        .isEqualTo(
            "items a and b both resolve to the file tides.md, so b was not written:"
                + " put {{id}} in the file name pattern");
  }

  @Test
  void anItemOnTheFileOfOneDoneInAnEarlierRunFailsNamingIt() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{topic}}.md")) {
      sink.write(complete(withVariables("a", Map.of("topic", "tides")), "first"));
    }
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{topic}}.md")) {
      sink.write(complete(withVariables("b", Map.of("topic", "tides")), "second"));
    }
    assertThat(Files.readString(dest().resolve("tides.md"))).isEqualTo("first\n");
    assertThat(manifestLine("b").get("error").asText()).startsWith("items a and b both resolve");
  }

  @Test
  void eightThreadsOnPairsOfItemsWriteOneFileAndOneFailurePerPair() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{topic}}.md")) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        BatchItem item = withVariables("item-" + i, Map.of("topic", "t" + (i / 2)));
        String text = "text of " + i;
        futures.add(
            pool.submit(
                () -> {
                  sink.write(complete(item, text));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<JsonNode> lines = manifestLines();
    assertThat(lines).hasSize(200);
    assertThat(lines.stream().filter(n -> n.get("status").asText().equals("complete")))
        .hasSize(100);
    for (JsonNode line : lines) {
      int i = Integer.parseInt(line.get("id").asText().substring(5));
      int pair = i % 2 == 0 ? i + 1 : i - 1;
      if (line.get("status").asText().equals("complete")) {
        assertThat(Files.readString(dest().resolve(line.get("file").asText())))
            .isEqualTo("text of " + i + "\n");
      } else {
        assertThat(line.get("error").asText())
            .startsWith("items item-" + pair + " and item-" + i + " both resolve");
      }
    }
    assertThat(filesUnderDest()).hasSize(101);
  }

  @Test
  void resumingSkipsItemsCompleteWithTheirFileAndRunsTheRestAgain() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete("a", "A"));
      sink.write(failed("b", "boom"));
      sink.write(complete("c", "C"));
      sink.write(complete("d", "D"));
    }
    Files.delete(dest().resolve("c.md"));
    // A kill -9 in the middle of the manifest line of e, after its file was renamed into place.
    Files.writeString(dest().resolve("e.md"), "E\n");
    Files.writeString(manifest(), "{\"id\":\"e\",\"stat", StandardOpenOption.APPEND);

    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      assertThat(sink.done("a")).isTrue();
      assertThat(sink.done("b")).as("failed").isFalse();
      assertThat(sink.done("c")).as("its file is gone").isFalse();
      assertThat(sink.done("d")).isTrue();
      assertThat(sink.done("e")).as("its line was cut").isFalse();
      assertThat(sink.doneCount()).isEqualTo(2);
      assertThat(manifestLines().stream().map(n -> n.get("id").asText())).containsExactly("a", "d");
      sink.write(complete("b", "B"));
      sink.write(complete("c", "C again"));
      sink.write(complete("e", "E again"));
    }
    assertThat(manifestLines().stream().map(n -> n.get("id").asText()))
        .containsExactly("a", "d", "b", "c", "e");
    assertThat(Files.readString(dest().resolve("c.md"))).isEqualTo("C again\n");
    assertThat(Files.readString(dest().resolve("e.md"))).isEqualTo("E again\n");
    assertThat(Files.readString(manifest())).endsWith("}\n");
  }

  @Test
  void redoForgetsTheManifest() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete("a", "A"));
    }
    try (BatchSink sink = BatchSinks.open(dest(), true, null)) {
      assertThat(sink.done("a")).isFalse();
      assertThat(Files.size(manifest())).isZero();
      sink.write(complete("a", "A again"));
    }
    assertThat(manifestLines()).hasSize(1);
    assertThat(Files.readString(dest().resolve("a.md"))).isEqualTo("A again\n");
  }

  @Test
  void keepAllWritesEachCompleteCandidateBesideTheChosenOne() throws IOException {
    Draft one = new Draft(1, "one", null, Status.COMPLETE, "stop", null, Usage.NONE);
    Draft two = new Draft(2, "two", null, Status.COMPLETE, "stop", null, Usage.NONE);
    Draft cut = new Draft(3, "thr", null, Status.TRUNCATED, "length", null, Usage.NONE);
    BatchResult result =
        new BatchResult(
            fileItem("posts/a.md"),
            two,
            List.of(one, two, cut),
            BatchResult.COMPLETE,
            null,
            Usage.NONE);
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(result);
    }
    assertThat(filesUnderDest())
        .containsExactly(".draft-batch.jsonl", "posts/a.1.md", "posts/a.2.md", "posts/a.md");
    assertThat(Files.readString(dest().resolve("posts/a.md"))).isEqualTo("two\n");
    assertThat(Files.readString(dest().resolve("posts/a.1.md"))).isEqualTo("one\n");
    assertThat(manifestLine("posts/a.md").get("candidate_files").toString())
        .isEqualTo("[\"posts/a.1.md\",\"posts/a.2.md\"]");
  }

  @Test
  void aCandidateFileIsAFileLikeAnyOtherForCollisions() throws IOException {
    Draft one = new Draft(1, "one", null, Status.COMPLETE, "stop", null, Usage.NONE);
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{id}}.md")) {
      sink.write(
          new BatchResult(item("a"), one, List.of(one), BatchResult.COMPLETE, null, Usage.NONE));
      sink.write(complete("a.1", "clash"));
    }
    assertThat(Files.readString(dest().resolve("a.1.md"))).isEqualTo("one\n");
    assertThat(manifestLine("a.1").get("error").asText()).startsWith("items a and a.1 both");
  }

  @Test
  void anItemWithoutAVariableThePatternUsesFails() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, "{{slug}}.md")) {
      sink.write(complete("a", "A"));
    }
    JsonNode a = manifestLine("a");
    assertThat(a.get("status").asText()).isEqualTo("failed");
    assertThat(a.get("error").asText()).contains("{{slug}}").contains("does not set");
    assertThat(filesUnderDest()).containsExactly(".draft-batch.jsonl");
  }

  @Test
  void aFailedItemGetsAManifestLineAndNoFile() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(failed("a", "HTTP 500: overloaded"));
      assertThat(sink.failuresWhere())
          .isEqualTo(manifest().toString() + " (lines with \"status\": \"failed\")");
    }
    assertThat(filesUnderDest()).containsExactly(".draft-batch.jsonl");
    assertThat(manifestLine("a").get("error").asText()).isEqualTo("HTTP 500: overloaded");
    assertThat(manifestLine("a").get("where").asText()).isEqualTo("line 1");
  }

  @Test
  void noTemporaryFileIsLeftBehind() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete(fileItem("a/b.md"), "B"));
      sink.write(failed("c", "boom"));
    }
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete("c", "C"));
    }
    assertThat(filesUnderDest()).containsExactly(".draft-batch.jsonl", "a/b.md", "c.md");
  }

  @Test
  void aFileThatCannotBeWrittenFailsItsItemAndLeavesNoTemporaryFile() throws IOException {
    Files.createDirectories(dest().resolve("a.md/inside"));
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete("a", "A"));
      sink.write(complete("b", "B"));
    }
    assertThat(manifestLine("a").get("status").asText()).isEqualTo("failed");
    assertThat(manifestLine("a").get("error").asText()).startsWith("cannot write a.md: ");
    assertThat(manifestLine("b").get("status").asText()).isEqualTo("complete");
    try (Stream<Path> files = Files.list(dest())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(".draft-batch.jsonl", "a.md", "b.md");
    }
  }

  @Test
  void writingAnItemTwiceIsARunnerBug() throws IOException {
    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete("a", "A"));
      assertThatThrownBy(() -> sink.write(complete("a", "B")))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(Files.readString(dest().resolve("a.md"))).isEqualTo("A\n");
  }

  @Test
  void anExistingDirectoryIsADirectoryDestinationWhateverItsName() throws IOException {
    Path odd = Files.createDirectories(dir.resolve("odd.jsonl"));
    try (BatchSink sink = BatchSinks.open(odd, false, null)) {
      sink.write(complete("a", "A"));
    }
    assertThat(Files.readString(odd.resolve("a.md"))).isEqualTo("A\n");
  }

  @Test
  void temporaryFilesAKillLeftBehindAreRemovedAndTheUsersFilesAreNot() throws IOException {
    Files.createDirectories(dest().resolve("posts"));
    Files.writeString(dest().resolve("posts/.a.md.0badc0de.tmp"), "half", StandardCharsets.UTF_8);
    Files.writeString(dest().resolve(".b.md.12345678.tmp"), "half", StandardCharsets.UTF_8);
    Files.writeString(dest().resolve("notes.tmp"), "mine", StandardCharsets.UTF_8);
    Files.writeString(dest().resolve(".c.md.tmp"), "mine too", StandardCharsets.UTF_8);

    try (BatchSink sink = BatchSinks.open(dest(), false, null)) {
      sink.write(complete(fileItem("posts/a.md"), "Alpha"));
    }

    assertThat(filesUnderDest())
        .containsExactly(".c.md.tmp", ".draft-batch.jsonl", "notes.tmp", "posts/a.md");
  }
}
