package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.session.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The output formats and files of DESIGN §6, through a template ({@code article}, n: 3). */
class TemplateOutputTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String THREE_TEXTS =
      "=== draft 1/3 ===\nFirst draft.\n\n=== draft 2/3 ===\nSecond draft.\n\n"
          + "=== draft 3/3 ===\nThird draft.\n";
  private static final String SUMMARY =
      "3/3 drafts from m1 (native) · 40 prompt + 12 completion tokens\n";

  @RegisterExtension static final CliServer server = new CliServer();

  @TempDir Path temp;
  final CliHarness cli = server.cli();
  Path work;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectories(temp.resolve("work"));
    cli.cwd(work);
    cli.config(
        """
        profiles:
          local:
            base_url: http://127.0.0.1:%d/v1
            model: m1
        """
            .formatted(server.getPort()));
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.n"))
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.role(2),
                        Sse.text(1, "Second "),
                        Sse.text(0, "First "),
                        Sse.text(2, "Third "),
                        Sse.text(0, "draft."),
                        Sse.text(2, "draft."),
                        Sse.text(1, "draft."),
                        Sse.finish(0, "stop"),
                        Sse.finish(2, "stop"),
                        Sse.finish(1, "stop"),
                        Sse.usage(40, 12)))));
  }

  private CliHarness.Result article(String... more) {
    List<String> args = new ArrayList<>(List.of("article", "--topic", "rivers"));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  private static String draftJson(int index, String text, String run) {
    return "{"
        + (run == null ? "" : "\"run\":\"" + run + "\",")
        + "\"index\":"
        + index
        + ",\"text\":\""
        + text
        + "\",\"status\":\"complete\",\"finish_reason\":\"stop\",\"reasoning\":null,"
        + "\"error\":null,\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0}}";
  }

  private static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void textPrintsEachDraftUnderItsNumber() {
    CliHarness.Result result = article();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(THREE_TEXTS);
    assertThat(result.err()).isEqualTo(SUMMARY);
  }

  @Test
  void markdownHasAHeadingAndASectionPerDraft() {
    CliHarness.Result result = article("--format", "md");

    assertThat(result.exitCode()).isZero();
    Matcher heading = Pattern.compile("^# article — run (r[0-9a-z]{9})\n").matcher(result.out());
    assertThat(heading.find()).as("a heading in %s", result.out()).isTrue();
    assertThat(heading.group(1)).startsWith(CliHarness.RUN_PREFIX);
    assertThat(result.out())
        .isEqualTo(
            "# article — run "
                + heading.group(1)
                + "\n\n## Draft 1 of 3\n\nFirst draft.\n"
                + "\n## Draft 2 of 3\n\nSecond draft.\n"
                + "\n## Draft 3 of 3\n\nThird draft.\n");
    assertThat(result.err()).isEqualTo(SUMMARY);
  }

  @Test
  void markdownOfOneDraftIsTheTextAlone() {
    server.stubFor(
        post(CHAT).atPriority(9).willReturn(Sse.stream(Sse.answer("# Rivers\n\nThe text.", 9, 3))));

    CliHarness.Result result = article("--format", "md", "-n", "1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("# Rivers\n\nThe text.\n");
  }

  @Test
  void markdownOfThePickedDraftIsItsTextAlone() {
    CliHarness.Result result = article("--format", "md", "--pick", "3");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Third draft.\n");
  }

  @Test
  void jsonNamesTheTemplate() throws IOException {
    CliHarness.Result result = article("--format", "json");

    assertThat(result.exitCode()).isZero();
    String run = result.runId();
    assertThat(result.out())
        .isEqualTo(
            "{\"run\":\""
                + run
                + "\",\"template\":\"article\",\"profile\":\"local\",\"model\":\"m1\",\"drafts\":["
                + draftJson(1, "First draft.", null)
                + ","
                + draftJson(2, "Second draft.", null)
                + ","
                + draftJson(3, "Third draft.", null)
                + "],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":12,"
                + "\"total_tokens\":52}}\n");
    assertThat(JsonText.MAPPER.readTree(result.out()).get("drafts")).hasSize(3);
    assertThat(result.err()).isEqualTo(SUMMARY);
  }

  @Test
  void jsonlIsOneDraftPerLineEachWithTheRun() {
    CliHarness.Result result = article("--format", "jsonl");

    assertThat(result.exitCode()).isZero();
    String run = result.runId();
    assertThat(result.out())
        .isEqualTo(
            draftJson(1, "First draft.", run)
                + "\n"
                + draftJson(2, "Second draft.", run)
                + "\n"
                + draftJson(3, "Third draft.", run)
                + "\n");
  }

  @Test
  void pickPrintsOnlyThatDraftAndTheSummaryStillCountsAll() {
    CliHarness.Result result = article("--pick", "2");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Second draft.\n");
    assertThat(result.err()).isEqualTo(SUMMARY);
  }

  @Test
  void pickBeyondTheCandidatesIsAUsageErrorBeforeAnyRequest() {
    CliHarness.Result result = article("--pick", "4");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("draft: --pick takes a candidate number from 1 to 3, got 4\n");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void outputFileWithSeveralDraftsWritesNumberedSiblings() throws IOException {
    Path piece = work.resolve("out.md");

    CliHarness.Result result = article("-o", piece.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(names(work)).containsExactly("out-1.md", "out-2.md", "out-3.md");
    assertThat(text(work.resolve("out-1.md"))).isEqualTo("First draft.\n");
    assertThat(text(work.resolve("out-2.md"))).isEqualTo("Second draft.\n");
    assertThat(text(work.resolve("out-3.md"))).isEqualTo("Third draft.\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: wrote "
                + work.resolve("out-1.md")
                + "\ndraft: wrote "
                + work.resolve("out-2.md")
                + "\ndraft: wrote "
                + work.resolve("out-3.md")
                + "\n"
                + SUMMARY);
  }

  @Test
  void outputFileWithPickWritesThatDraftToTheFileNamed() throws IOException {
    Path piece = work.resolve("out.md");

    CliHarness.Result result = article("-o", piece.toString(), "--pick", "2");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(names(work)).containsExactly("out.md");
    assertThat(text(piece)).isEqualTo("Second draft.\n");
    assertThat(result.err()).isEqualTo("draft: wrote " + piece + "\n" + SUMMARY);
  }

  @Test
  void outputFileWithJsonHoldsTheWholeRun() throws IOException {
    Path file = work.resolve("run.json");

    CliHarness.Result result = article("--format", "json", "-o", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(names(work)).containsExactly("run.json");
    JsonNode run = JsonText.MAPPER.readTree(text(file));
    assertThat(run.get("template").asText()).isEqualTo("article");
    assertThat(run.get("drafts"))
        .extracting(d -> d.get("text").asText())
        .containsExactly("First draft.", "Second draft.", "Third draft.");
    assertThat(result.err()).isEqualTo("draft: wrote " + file + "\n" + SUMMARY);
  }

  @Test
  void outDirWritesEachDraftUnderTheRunId() throws IOException {
    Path dir = work.resolve("drafts/today");

    CliHarness.Result result = article("--out-dir", dir.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    List<String> files = names(dir);
    assertThat(files).hasSize(3);
    String run = files.get(0).substring(0, files.get(0).length() - "-1.md".length());
    assertThat(run).startsWith(CliHarness.RUN_PREFIX).hasSize(10);
    assertThat(files).containsExactly(run + "-1.md", run + "-2.md", run + "-3.md");
    assertThat(text(dir.resolve(run + "-1.md"))).isEqualTo("First draft.\n");
    assertThat(text(dir.resolve(run + "-2.md"))).isEqualTo("Second draft.\n");
    assertThat(text(dir.resolve(run + "-3.md"))).isEqualTo("Third draft.\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: wrote "
                + dir.resolve(run + "-1.md")
                + "\ndraft: wrote "
                + dir.resolve(run + "-2.md")
                + "\ndraft: wrote "
                + dir.resolve(run + "-3.md")
                + "\n"
                + SUMMARY);
  }

  @Test
  void unwritableOutputPrintsTheDraftsOnStdoutWithAWarning() throws IOException {
    Path notADir = Files.writeString(work.resolve("file.txt"), "a file");
    Path piece = notADir.resolve("out.md");

    CliHarness.Result result = article("-o", piece.toString());

    // Issue 9: the drafts are on stdout, but the file asked for was not written: exit 2.
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEqualTo(THREE_TEXTS);
    assertThat(result.err())
        .startsWith("draft: cannot write " + notADir.resolve("out-1.md") + ": ")
        .endsWith("; choose another -o/--out-dir; the drafts follow on stdout instead\n" + SUMMARY);
    assertThat(result.err().lines()).hasSize(2);
    assertThat(text(notADir)).isEqualTo("a file");
  }

  @Test
  void outputAndOutDirTogetherIsAUsageErrorBeforeAnyRequest() {
    CliHarness.Result result =
        article("-o", work.resolve("out.md").toString(), "--out-dir", work.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("draft: use either -o FILE or --out-dir DIR, not both\n");
    server.verify(0, anyRequestedFor(anyUrl()));
  }
}
