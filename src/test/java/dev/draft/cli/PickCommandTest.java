package dev.draft.cli;

import static dev.draft.cli.LoopFixture.events;
import static dev.draft.cli.LoopFixture.firstRun;
import static dev.draft.cli.LoopFixture.json;
import static dev.draft.cli.LoopFixture.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft pick RUN --choose K}: the pick recorded, the draft printed. */
class PickCommandTest {
  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli().withHistory();
  final Path home = cli.home();
  String run;

  @BeforeEach
  void setUp() {
    run = firstRun(cli, server, server.endpoint());
  }

  @Test
  void chooseRecordsThePickAndPrintsTheDraft() {
    CliHarness.Result result = cli.run("pick", "last", "--choose", "2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Green is calm.\n");
    assertThat(result.err()).isEqualTo("draft: picked draft 2 of " + run + "\n");
    assertThat(stored(home, run).picked()).isEqualTo(2);
    assertThat(events(home, run))
        .extracting(LoopFixture.Event::kind, LoopFixture.Event::draft, LoopFixture.Event::payload)
        .containsExactly(tuple("pick", 2, json("{'by':'--choose'}")));
    assertThat(cli.run("history", "--picked").out()).startsWith(run + " ");
    assertThat(cli.run("show", run).out()).contains("=== draft 2/3 · complete · picked ===\n");
  }

  @Test
  void aLaterPickReplacesTheEarlierAndBothAreEvents() {
    cli.run("pick", run, "--choose", "2");
    cli.run("pick", run, "--choose", "3");

    assertThat(stored(home, run).picked()).isEqualTo(3);
    assertThat(events(home, run)).extracting(LoopFixture.Event::draft).containsExactly(2, 3);
  }

  @Test
  void outputGoesToTheFileNamed() throws Exception {
    cli.cwd(home);

    CliHarness.Result result = cli.run("pick", run, "--choose", "1", "-o", "piece.md");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(Files.readString(home.resolve("piece.md"), StandardCharsets.UTF_8))
        .isEqualTo("Red is warm.\n");
    assertThat(result.err()).startsWith("draft: wrote " + home.resolve("piece.md") + "\n");
  }

  @Test
  void withoutChooseOffATerminalIsAUsageError() {
    CliHarness.Result result = cli.run("pick", run);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("draft: draft pick needs --choose K when not on a terminal\n");
    assertThat(stored(home, run).picked()).isNull();
  }

  @Test
  void withoutChooseAndWithoutAScreenToDrawOnItAsksForChoose() {
    // Terminals, but no screen for the view (PickViewLoopTest opens it on a virtual one).
    cli.terminals(true, true, true);

    CliHarness.Result result = cli.run("pick", run);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("draft: draft pick needs --choose K when not on a terminal\n");
  }

  @Test
  void badChoicesAreUsageErrors() {
    CliHarness.Result beyond = cli.run("pick", run, "--choose", "4");
    CliHarness.Result slash = cli.run("pick", run + "/2");
    cli.env("DRAFT_HISTORY", "off");
    CliHarness.Result off = cli.run("pick", run, "--choose", "1");

    assertThat(beyond.exitCode()).isEqualTo(2);
    assertThat(beyond.err()).isEqualTo("draft: run " + run + " has drafts 1 to 3, not 4\n");
    assertThat(slash.exitCode()).isEqualTo(2);
    assertThat(slash.err())
        .isEqualTo(
            "draft: draft pick takes a run and --choose K, e.g. draft pick "
                + run
                + " --choose 2\n");
    assertThat(off.exitCode()).isEqualTo(2);
    assertThat(off.err()).contains("DRAFT_HISTORY=off turns it off");
    assertThat(stored(home, run).picked()).isNull();
  }
}
