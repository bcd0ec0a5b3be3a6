package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {
  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  @Test
  void helpListsTheCommandsAndTheExitCodeTable() {
    CliHarness.Result result = cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("Usage: draft [-hV] [--verbose] [COMMAND]\n")
        .contains(
            "\n  ask         Send a prompt",
            "\n  models      List the models",
            "\n  doctor      Check the endpoint",
            "\n  config      Create, show and locate the configuration.\n",
            "\n  completion  Print a shell completion script")
        .contains(
            "\nExit codes:\n"
                + "  0     success\n"
                + "  1     unexpected internal error (run with --verbose and report it)\n"
                + "  2     usage error: bad flags, missing prompt or variables\n"
                + "  3     invalid config or template\n"
                + "  4     endpoint failure: unreachable, auth, HTTP error after retries\n"
                + "  5     partial failure: some drafts failed, the rest were delivered\n"
                + "  130   interrupted (Ctrl-C)\n");
  }

  @Test
  void versionPrintsTheNameAndVersion() {
    CliHarness.Result result = cli.run("--version");

    assertThat(result.exitCode()).isZero();
    // From classes there is no jar manifest: the version is "dev" (JarIT checks the real one).
    assertThat(result.out()).isEqualTo("draft dev\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void misspelledTemplateNameSuggestsTheNearestOnOneLine() {
    CliHarness.Result result = cli.run("artcle", "--topic", "rivers");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: no command or template named 'artcle'; did you mean article?"
                + " (see 'draft --help')\n");
  }

  @Test
  void aBuiltInCommandLoadsNoTemplateSoABrokenOneCannotStopIt() throws Exception {
    Path prompts = home.resolve("prompts");
    Files.createDirectories(prompts);
    Files.writeString(prompts.resolve("broken.md"), "---\ndescription: [oops\n---\nx\n");

    CliHarness.Result config = cli.run("config", "path");
    CliHarness.Result broken = cli.run("broken");

    assertThat(config.exitCode()).isZero();
    assertThat(broken.exitCode()).isEqualTo(3);
    assertThat(broken.err()).startsWith("draft: " + prompts.resolve("broken.md") + ":2: ");
  }

  @Test
  void unknownOptionIsAUsageErrorOnOneLine() {
    CliHarness.Result result = cli.run("--bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("draft: Unknown option: '--bogus' (see 'draft --help')\n");
  }

  @Test
  void unknownOptionOfASubcommandPointsToItsHelp() {
    CliHarness.Result result = cli.run("ask", "--tempreature", "1", "hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("draft: Unknown option: '--tempreature'")
        .endsWith(" (see 'draft ask --help')\n")
        .hasLineCount(1);
  }

  @Test
  void noArgumentsPrintsTheUsage() {
    CliHarness.Result result = cli.run();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(cli.run("--help").out());
    assertThat(result.err()).isEmpty();
  }

  @Test
  void usageErrorsCarryNoStackTraceUnlessVerbose() {
    CliHarness.Result quiet = cli.run("ask", "-n", "0", "hi");
    CliHarness.Result verbose = cli.run("--verbose", "ask", "-n", "0", "hi");

    assertThat(quiet.err()).isEqualTo("draft: -n takes a number from 1 to 32, got 0\n");
    assertThat(verbose.exitCode()).isEqualTo(2);
    assertThat(verbose.err())
        .startsWith("draft: -n takes a number from 1 to 32, got 0\n")
        .contains("dev.draft.session.UsageException: -n takes a number", "\tat dev.draft.cli.");
  }
}
