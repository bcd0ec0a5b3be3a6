package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatMessage;
import dev.draft.history.HistoryStore;
import dev.draft.history.NewRun;
import dev.draft.history.RunParams;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
            "\n  local commands=\"ask run history show export redo refine merge pick edit models doctor config completion templates batch article continue ")
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
  void bashScriptAsksDraftForTemplatesProfilesAndRunsAtTabTime() {
    String script = cli.run("completion", "bash").out();

    assertThat(script)
        .contains("function _draft_complete_dynamic()")
        .contains("\"${COMP_WORDS[0]}\" __complete \"$what\"")
        .contains("show|pick|redo|export|refine|merge|edit) what=runs ;;")
        .contains("\"-p\" || \"$prev\" == \"--profile\" ]]; then\n    what=profiles")
        .endsWith("\ncomplete -F _draft_complete_dynamic -o default draft draft.sh draft.bash\n");
    assertThat(script).doesNotContain(" __complete ask");
  }

  @Test
  void fishScriptCompletesCommandsOptionsAndTheNamesDraftLists() {
    CliHarness.Result result = cli.run("completion", "fish");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("# fish completion for draft")
        .contains("\ncomplete -c draft -f\n")
        .contains("    command draft __complete $argv 2>/dev/null\n")
        .contains("complete -c draft -n __fish_use_subcommand -a 'ask' -d 'Send a prompt as it is")
        .contains(
            "complete -c draft -n '__fish_seen_subcommand_from ask' -l 'format' -r"
                + " -a 'text md json jsonl'")
        .contains("complete -c draft -n '__fish_seen_subcommand_from config' -a 'init'")
        .contains("-a '(__draft_list templates)'")
        .contains(
            "complete -c draft -n '__draft_nth_is 2 show pick redo export refine merge edit'"
                + " -a '(__draft_list runs)' -d run\n")
        .contains("complete -c draft -s p -l profile -x -a '(__draft_list profiles)'")
        .doesNotContain("'__complete'");
  }

  @Test
  void completeListsProfilesTemplatesAndTheNewestRuns() {
    cli.config(
        "profiles:\n  local:\n    base_url: http://127.0.0.1:1/v1\n  work:\n    preset: openai\n");
    try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
      for (String id : List.of("r1aaaaaaaa", "r1bbbbbbbb")) {
        store.startRun(
            NewRun.builder(id)
                .createdAt(
                    Instant.parse(
                        id.equals("r1aaaaaaaa") ? "2025-01-01T00:00:00Z" : "2025-01-02T00:00:00Z"))
                .messages(List.of(ChatMessage.user("hi")))
                .params(RunParams.of(1))
                .build());
      }
    }

    assertThat(cli.run("__complete", "profiles").out()).isEqualTo("local\nwork\n");
    assertThat(cli.run("__complete", "runs").out()).isEqualTo("last\nr1bbbbbbbb\nr1aaaaaaaa\n");
    assertThat(cli.run("__complete", "templates").out())
        .startsWith("article\ncontinue\n")
        .contains("\nsummarize\n")
        .doesNotContain("_refine");
  }

  @Test
  void completeListsNothingWhenThereIsNothingAndIsNotInTheHelp() {
    CliHarness.Result runs = cli.run("__complete", "runs");
    CliHarness.Result nonsense = cli.run("__complete", "nonsense");

    assertThat(runs.exitCode()).isZero();
    assertThat(runs.out()).isEmpty();
    assertThat(home.resolve("history.db")).doesNotExist();
    assertThat(nonsense.exitCode()).isZero();
    assertThat(nonsense.all()).isEmpty();
    assertThat(cli.run("--help").out()).doesNotContain("__complete");
  }

  @Test
  void unknownShellIsAUsageError() {
    CliHarness.Result result = cli.run("completion", "powershell");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: Invalid value for positional parameter at index 0 (SHELL): expected one of"
                + " [bash, zsh, fish] (case-insensitive) but was 'powershell' (see 'draft completion"
                + " --help')\n");
  }
}
