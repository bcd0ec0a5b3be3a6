package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error lines about files name no Java class and say what to do (issue 9, point 7). */
class ErrorWordsTest {
  @TempDir Path home;

  @Test
  void aDirectoryGivenAsConfigYamlSaysSoAndHowToFixIt() throws Exception {
    Files.createDirectories(home.resolve("config.yaml"));

    CliHarness.Result result =
        new CliHarness(home).run("ask", "--base-url", "http://127.0.0.1:9/v1", "-m", "m1", "hi");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "draft: cannot read "
                + home.resolve("config.yaml")
                + ": it is a directory; config.yaml must be a file: move the directory aside,"
                + " then 'draft config init' writes a starter\n");
  }

  @Test
  void aHistoryThatCannotBeCreatedSaysWhyInWords() throws Exception {
    // The history's directory is a plain file.
    Path blocked = Files.writeString(home.resolve("blocked"), "x");
    CliHarness cli = new CliHarness(home).withHistory().env("DRAFT_HOME", blocked.toString());

    CliHarness.Result result = cli.run("history");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith("draft: cannot create the history file " + blocked.resolve("history.db") + ": ")
        .doesNotContain("Exception")
        .doesNotContain("java.");
  }
}
