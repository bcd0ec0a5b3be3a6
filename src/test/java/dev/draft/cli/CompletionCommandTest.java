package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  @Test
  void bashScriptCompletesEveryCommand() {
    CliHarness.Result result = cli.run("completion", "bash");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("\ncomplete -F _complete_draft -o default draft ")
        .contains(
            "\n  local commands=\"ask run history show export redo refine merge pick edit models doctor config completion templates article continue ")
        .contains(" story-outline summarize tldr translate zz-test-fixture\"\n")
        .contains("(config init)", "(config show)", "(config path)")
        .contains("'--temperature'", "FORMAT_option_args=(\"text\" \"md\" \"json\" \"jsonl\")");
  }

  @Test
  void zshScriptLoadsBashCompletionFirst() {
    CliHarness.Result result = cli.run("completion", "zsh");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith(
            "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n")
        .contains("\ncomplete -F _complete_draft -o default draft ")
        .endsWith(cli.run("completion", "bash").out());
  }

  @Test
  void unknownShellIsAUsageError() {
    CliHarness.Result result = cli.run("completion", "fish");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: Invalid value for positional parameter at index 0 (SHELL): expected one of"
                + " [bash, zsh] (case-insensitive) but was 'fish' (see 'draft completion"
                + " --help')\n");
  }
}
