package dev.draft.cli;

import static dev.draft.cli.LoopFixture.answer;
import static dev.draft.cli.LoopFixture.events;
import static dev.draft.cli.LoopFixture.firstRun;
import static dev.draft.cli.LoopFixture.json;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.draft.ui.FakeEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code draft edit RUN/K} with a stand-in editor: started without a shell, the edit recorded, and
 * from then on the draft's text for show, export, pick and refine.
 */
@DisabledOnOs(OS.WINDOWS)
class EditCommandTest {
  @RegisterExtension static final CliServer server = new CliServer();

  private static final String EDITED = "Green is calm.\nAn added line.";

  @TempDir Path tools;
  final CliHarness cli = server.cli().withHistory();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();
  String run;

  @BeforeEach
  void setUp() {
    run = firstRun(cli, server, baseUrl);
  }

  private FakeEditor editor(String line, int exitCode) throws Exception {
    FakeEditor editor = FakeEditor.write(tools, line, exitCode);
    cli.env("VISUAL", editor.command("--wait"));
    return editor;
  }

  @Test
  void theEditorRunsWithoutAShellAndTheEditIsRecorded() throws Exception {
    FakeEditor editor = editor("An added line.", 0);

    CliHarness.Result result = cli.run("edit", run + "/2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: saved your edit of "
                + run
                + "/2 (+3 −0 words); 'draft show "
                + run
                + "/2' prints it\n");
    // The quoted path with a space reached the program as one word: no shell split it.
    List<String> arguments = editor.arguments();
    assertThat(arguments).hasSize(2);
    assertThat(arguments.get(0)).isEqualTo("--wait");
    Path file = Path.of(arguments.get(1));
    assertThat(file.getFileName()).hasToString(run + "-2.md");
    assertThat(file).doesNotExist();
    assertThat(events(home, run))
        .extracting(LoopFixture.Event::kind, LoopFixture.Event::draft, LoopFixture.Event::payload)
        .containsExactly(
            tuple("edit", 2, json("{'text':'Green is calm.\\nAn added line.','chars':29}")));
  }

  @Test
  void showExportAndPickUseTheEditedText() throws Exception {
    editor("An added line.", 0);
    cli.run("edit", run + "/2");

    assertThat(cli.run("show", run + "/2").out()).isEqualTo(EDITED + "\n");
    assertThat(cli.run("show", run).out())
        .contains("\n=== draft 2/3 · complete · edited ===\n" + EDITED + "\n")
        .contains("\n=== draft 1/3 · complete ===\nRed is warm.\n");
    assertThat(cli.run("show", run + "/2", "--json").out())
        .contains("\"text\":\"Green is calm.\\nAn added line.\"", "\"edited\":true");
    assertThat(cli.run("export", run).out())
        .contains("\n## Draft 2 of 3 (complete, edited)\n\n" + EDITED + "\n");
    assertThat(cli.run("pick", run, "--choose", "2").out()).isEqualTo(EDITED + "\n");
  }

  @Test
  void refineRevisesTheEditedText() throws Exception {
    editor("An added line.", 0);
    cli.run("edit", run + "/2");
    answer(server, "<instruction>", "Calm green.");

    CliHarness.Result result =
        cli.run("refine", run + "/2", "shorter", "-n", "1", "--base-url", baseUrl);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(chatBodies(server).get(1).at("/messages/1/content").asText())
        .isEqualTo(RefineCommandTest.refinePrompt("shorter", EDITED));
  }

  @Test
  void aSecondEditStartsFromTheFirst() throws Exception {
    editor("An added line.", 0);
    cli.run("edit", run + "/2");
    CliHarness.Result again = cli.run("edit", run + "/2");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(cli.run("show", run + "/2").out()).isEqualTo(EDITED + "\nAn added line.\n");
  }

  @Test
  void anEditorThatFailsSavesNothingAndKeepsTheFile() throws Exception {
    FakeEditor editor = editor("Half an edit.", 3);

    CliHarness.Result result = cli.run("edit", run + "/1");

    assertThat(result.exitCode()).isEqualTo(2);
    Path file = Path.of(editor.arguments().get(1));
    assertThat(result.err())
        .isEqualTo(
            "draft: the editor exited with 3, so your edit of "
                + run
                + "/1 was not saved; the text is in "
                + file
                + "\n");
    assertThat(file).hasContent("Red is warm.\nHalf an edit.");
    assertThat(events(home, run)).isEmpty();
  }

  @Test
  void anUnchangedTextIsNoEdit() throws Exception {
    Path script = tools.resolve("keep");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    script.toFile().setExecutable(true);
    cli.env("VISUAL", script.toString());

    CliHarness.Result result = cli.run("edit", run + "/3");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEqualTo("draft: no changes to " + run + "/3\n");
    assertThat(events(home, run)).isEmpty();
  }

  @Test
  void noDraftNumberOrNoHistoryIsAUsageError() throws Exception {
    editor("x", 0);

    CliHarness.Result bare = cli.run("edit", run);
    cli.env("DRAFT_HISTORY", "off");
    CliHarness.Result off = cli.run("edit", run + "/1");

    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err())
        .isEqualTo("draft: name the draft to edit as RUN/K, e.g. draft edit " + run + "/1\n");
    assertThat(off.exitCode()).isEqualTo(2);
    assertThat(off.err())
        .isEqualTo(
            "draft: draft edit works on the history and records in it, but DRAFT_HISTORY=off"
                + " turns it off; unset it\n");
  }
}
