package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.session.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes, markers and records that tell the truth about drafts that did not come back whole
 * (issue 9, point 7).
 */
class TruthfulOutcomeTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String ENDED = "the stream ended before the model finished";

  @RegisterExtension static final CliServer server = new CliServer();

  @TempDir Path work;
  final CliHarness cli = server.cli();
  final String baseUrl = server.endpoint();

  /** Two drafts: the first whole, the second cut off with some text. */
  private void oneWholeOneCut() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(
                    Sse.events(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.text(0, "Nile"),
                        Sse.text(1, "Amaz"),
                        Sse.finish(0, "stop")))));
  }

  /** Two drafts, both cut off with some text: none came back whole. */
  private void bothCut() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(
                    Sse.events(Sse.role(0), Sse.role(1), Sse.text(0, "Ni"), Sse.text(1, "Amaz")))));
  }

  private void singleCut() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(Sse.events(Sse.role(0), Sse.text(0, "Once upon"), Sse.text(0, " a")))));
  }

  private CliHarness.Result ask(String... more) {
    String[] base = {"ask", "--base-url", baseUrl, "-m", "m1"};
    String[] args = new String[base.length + more.length + 1];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    args[args.length - 1] = "Rivers";
    return cli.run(args);
  }

  // --- a. no draft whole: exit 4 ---------------------------------------------------------------

  @Test
  void aRunInWhichNoDraftCameBackWholeIsAnEndpointFailureNotAPartialOne() {
    bothCut();

    CliHarness.Result result = ask("-n", "2");

    assertThat(result.exitCode()).isEqualTo(4);
    // The partial texts are still printed, marked.
    assertThat(result.out()).contains("Ni\n").contains("Amaz\n");
    assertThat(result.err()).endsWith("0/2 drafts from m1 (native)\n");
  }

  @Test
  void aSingleAnswerCutShortIsAnEndpointFailureWithItsTextKept() {
    singleCut();

    CliHarness.Result result = ask();

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).startsWith("Once upon a\n");
  }

  @Test
  void oneWholeDraftOfTwoIsStillAPartialFailure() {
    oneWholeOneCut();

    assertThat(ask("-n", "2").exitCode()).isEqualTo(5);
  }

  // --- c. partial drafts carry a visible marker -------------------------------------------------

  @Test
  void theHeaderOfACutDraftSaysInterrupted() {
    oneWholeOneCut();

    CliHarness.Result result = ask("-n", "2");

    assertThat(result.out())
        .isEqualTo("=== draft 1/2 ===\nNile\n\n=== draft 2/2 (interrupted) ===\nAmaz\n");
  }

  @Test
  void aStreamedSingleAnswerCutShortEndsWithAMarkerLine() {
    singleCut();

    CliHarness.Result result = ask();

    assertThat(result.out()).isEqualTo("Once upon a\n<!-- draft: interrupted: " + ENDED + " -->\n");
  }

  @Test
  void aCutDraftWrittenToAFileEndsWithAMarkerLineAndAWholeOneDoesNot() throws Exception {
    oneWholeOneCut();
    Path file = work.resolve("river.md");

    CliHarness.Result result = ask("-n", "2", "-o", file.toString());

    assertThat(Files.readString(work.resolve("river-1.md"))).isEqualTo("Nile\n");
    assertThat(Files.readString(work.resolve("river-2.md")))
        .isEqualTo("Amaz\n<!-- draft: interrupted: " + ENDED + " -->\n");
    assertThat(result.exitCode()).isEqualTo(5);
  }

  @Test
  void aSingleCutAnswerWrittenToAFileEndsWithAMarkerLine() throws Exception {
    singleCut();
    Path file = work.resolve("story.md");

    ask("-o", file.toString());

    assertThat(Files.readString(file))
        .isEqualTo("Once upon a\n<!-- draft: interrupted: " + ENDED + " -->\n");
  }

  @Test
  void theJsonOutputIsUnchangedByTheMarkers() throws Exception {
    singleCut();

    CliHarness.Result result = ask("--format", "json");

    JsonNode draft = JsonText.MAPPER.readTree(result.out()).get("drafts").get(0);
    assertThat(draft.get("text").asText()).isEqualTo("Once upon a");
    assertThat(draft.get("status").asText()).isEqualTo("interrupted");
  }

  // --- b. -o FILE that cannot be written --------------------------------------------------------

  @Test
  void anOutputFileThatCannotBeWrittenPrintsTheDraftAndExitsNonZero() throws Exception {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Nile", 5, 2))));
    // A directory given as the file.
    Path dir = Files.createDirectories(work.resolve("out"));

    CliHarness.Result result = ask("-o", dir.toString());

    assertThat(result.out()).isEqualTo("Nile\n");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("draft: cannot write " + dir + ": it is a directory;")
        .contains("the drafts follow on stdout instead")
        .doesNotContain("Exception");
  }

  @Test
  void anOutputFileUnderAPlainFileCannotBeWrittenAndSaysWhy() throws Exception {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Nile", 5, 2))));
    Path plain = Files.writeString(work.resolve("plain"), "x");

    CliHarness.Result result = ask("-o", plain.resolve("a.md").toString());

    assertThat(result.out()).isEqualTo("Nile\n");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("is a file, not a directory")
        .doesNotContain("Exception")
        .doesNotContain("java.");
  }

  @Test
  void aPickThatCannotBeWrittenIsPrintedAndExitsNonZero() throws Exception {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Nile", 5, 2))));
    cli.withHistory();
    assertThat(ask().exitCode()).isZero();
    Path dir = Files.createDirectories(work.resolve("out"));

    CliHarness.Result result = cli.run("pick", "last", "--choose", "1", "-o", dir.toString());

    assertThat(result.out()).isEqualTo("Nile\n");
    assertThat(result.exitCode()).isEqualTo(2);
  }

  // --- d. --pick K on a draft that failed ------------------------------------------------------

  @Test
  void pickingADraftThatDidNotComeBackWholeRecordsNoPick() throws Exception {
    oneWholeOneCut();
    cli.withHistory();

    CliHarness.Result result = ask("-n", "2", "--pick", "2");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEqualTo("Amaz\n<!-- draft: interrupted: " + ENDED + " -->\n");
    assertThat(result.err())
        .contains("draft: draft 2 did not come back whole (interrupted), so it is not recorded as")
        .contains("draft pick ");
    JsonNode stored = JsonText.MAPPER.readTree(cli.run("show", "last", "--json").out());
    assertThat(stored.get("picked").isNull()).isTrue();
  }

  @Test
  void pickingAWholeDraftStillRecordsThePick() throws Exception {
    oneWholeOneCut();
    cli.withHistory();

    CliHarness.Result result = ask("-n", "2", "--pick", "1");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.out()).isEqualTo("Nile\n");
    JsonNode stored = JsonText.MAPPER.readTree(cli.run("show", "last", "--json").out());
    assertThat(stored.get("picked").asInt()).isEqualTo(1);
  }

  // --- d. history: a status column and --failed ---------------------------------------------

  @Test
  void historyShowsEachRunsStatusAndFailedListsOnlyThoseThatWereNotWhole() throws Exception {
    cli.withHistory();
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Nile", 5, 2))));
    assertThat(ask().exitCode()).isZero();
    server.resetMappings();
    bothCut();
    assertThat(ask("-n", "2").exitCode()).isEqualTo(4);

    CliHarness.Result all = cli.run("history");
    CliHarness.Result failed = cli.run("history", "--failed", "--json");

    assertThat(all.exitCode()).isZero();
    List<String> lines = all.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains(" 2  interrupted Ni");
    assertThat(lines.get(1)).contains(" 1  ok          Nile");
    JsonNode runs = JsonText.MAPPER.readTree(failed.out());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("status").asText()).isEqualTo("interrupted");
  }

  @Test
  void aPartialDraftPickedLaterIntoAFileStillCarriesItsMarker() throws Exception {
    oneWholeOneCut();
    cli.withHistory();
    ask("-n", "2");
    Path file = work.resolve("picked.md");

    CliHarness.Result result = cli.run("pick", "last", "--choose", "2", "-o", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(file))
        .isEqualTo("Amaz\n<!-- draft: interrupted: " + ENDED + " -->\n");
  }
}
