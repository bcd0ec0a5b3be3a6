package dev.draft.cli;

import dev.draft.session.Context;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code draft completion bash|zsh|fish}: a completion script generated from the command model,
 * which asks draft itself ({@code draft __complete}, {@link CompleteCommand}) for template names,
 * profile names and run ids when Tab is pressed, so new ones are offered without reloading it.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script, generated from draft's commands and options.",
      "bash: source <(draft completion bash)    zsh: source <(draft completion zsh)",
      "fish: draft completion fish > ~/.config/fish/completions/draft.fish",
      "Template names, profile names (-p) and run ids (show, pick, redo...) are looked up as you"
          + " press Tab."
    })
public final class CompletionCommand implements Runnable {
  /** The shells we generate for. */
  enum Shell {
    bash,
    zsh,
    fish
  }

  /** The commands whose first parameter is a run (or RUN/K). */
  static final List<String> RUN_COMMANDS =
      List.of("show", "pick", "redo", "export", "refine", "merge", "edit");

  /** The {@code draft templates} subcommands whose parameter is a template name. */
  static final List<String> TEMPLATE_SUBCOMMANDS = List.of("show", "edit", "lint");

  // Wraps picocli's function: names draft lists at Tab time first, else picocli's completion.
  // Calls the draft the user typed (COMP_WORDS[0]), so scripts/draft and a renamed copy work too.
  private static final String BASH_DYNAMIC =
      """

      # Template names, profile names and run ids, listed by draft itself when Tab is pressed.
      function _draft_complete_dynamic() {
        local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" what=""
        if [[ "$prev" == "-p" || "$prev" == "--profile" ]]; then
          what=profiles
        elif [[ "$cur" != -* ]]; then
          if (( COMP_CWORD == 1 )); then
            what=templates
          elif (( COMP_CWORD == 2 )); then
            case "${COMP_WORDS[1]}" in
              %RUNS%) what=runs ;;
              run) what=templates ;;
            esac
          elif (( COMP_CWORD == 3 )) && [[ "${COMP_WORDS[1]}" == templates ]]; then
            case "${COMP_WORDS[2]}" in
              %TEMPLATE_SUBCOMMANDS%) what=templates ;;
            esac
          fi
        fi
        if [[ -z "$what" ]]; then
          _complete_draft "$@"
          return
        fi
        local IFS=$'\n'
        local names=( $("${COMP_WORDS[0]}" %COMPLETE% "$what" 2>/dev/null) )
        if (( COMP_CWORD == 1 )); then
          _complete_draft "$@"
        else
          COMPREPLY=()
        fi
        local name
        for name in $(compgen -W "${names[*]}" -- "$cur"); do
          [[ " ${COMPREPLY[*]} " == *" $name "* ]] || COMPREPLY+=("$name")
        done
      }

      complete -F _draft_complete_dynamic -o default draft draft.sh draft.bash
      """;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
  Shell shell;

  private final Context context;

  public CompletionCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    CommandLine root = spec.root().commandLine();
    if (shell == Shell.fish) {
      context.out().print(fish(root));
      context.out().flush();
      return;
    }
    String script = AutoComplete.bash("draft", root);
    if (shell == Shell.zsh) {
      // picocli's script runs under zsh through bashcompinit.
      context.out().println("autoload -U +X compinit && compinit");
      context.out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    context.out().print(script);
    context.out().print(bashDynamic());
    context.out().flush();
  }

  static String bashDynamic() {
    return BASH_DYNAMIC
        .replace("%RUNS%", String.join("|", RUN_COMMANDS))
        .replace("%TEMPLATE_SUBCOMMANDS%", String.join("|", TEMPLATE_SUBCOMMANDS))
        .replace("%COMPLETE%", CompleteCommand.NAME);
  }

  /**
   * A fish script: every command with its description, every option of each, and the names draft
   * lists at Tab time.
   */
  static String fish(CommandLine root) {
    StringBuilder fish = new StringBuilder();
    fish.append("# fish completion for draft: draft completion fish > ")
        .append("~/.config/fish/completions/draft.fish\n");
    fish.append("complete -c draft -f\n");
    fish.append("function __draft_list\n")
        .append("    command draft ")
        .append(CompleteCommand.NAME)
        .append(" $argv 2>/dev/null\n")
        .append("end\n");
    fish.append("function __draft_nth_is\n")
        .append("    set -l words (commandline -opc)\n")
        .append("    test (count $words) -eq $argv[1]; and contains -- $words[-1] $argv[2..-1]\n")
        .append("end\n");
    for (OptionSpec option : root.getCommandSpec().options()) {
      fish.append(fishOption("__fish_use_subcommand", option));
    }
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.usageMessage().hidden() || !spec.name().equals(sub.getCommandName())) {
        continue;
      }
      String name = spec.name();
      fish.append("complete -c draft -n __fish_use_subcommand -a ")
          .append(quote(name))
          .append(" -d ")
          .append(quote(firstLine(spec)))
          .append('\n');
      for (CommandLine nested : sub.getSubcommands().values()) {
        fish.append("complete -c draft -n ")
            .append(quote("__fish_seen_subcommand_from " + name))
            .append(" -a ")
            .append(quote(nested.getCommandName()))
            .append(" -d ")
            .append(quote(firstLine(nested.getCommandSpec())))
            .append('\n');
      }
      for (OptionSpec option : spec.options()) {
        fish.append(fishOption("__fish_seen_subcommand_from " + name, option));
      }
    }
    fish.append("complete -c draft -n __fish_use_subcommand -a '(__draft_list templates)'")
        .append(" -d template\n");
    fish.append("complete -c draft -n '__draft_nth_is 2 run' -a '(__draft_list templates)'")
        .append(" -d template\n");
    fish.append("complete -c draft -n '__draft_nth_is 2 ")
        .append(String.join(" ", RUN_COMMANDS))
        .append("' -a '(__draft_list runs)' -d run\n");
    fish.append("complete -c draft -n '__draft_nth_is 3 ")
        .append(String.join(" ", TEMPLATE_SUBCOMMANDS))
        .append("; and __fish_seen_subcommand_from templates'")
        .append(" -a '(__draft_list templates)' -d template\n");
    fish.append("complete -c draft -s p -l profile -x -a '(__draft_list profiles)' -d profile\n");
    return fish.toString();
  }

  private static String fishOption(String condition, OptionSpec option) {
    if (option.hidden()) {
      return "";
    }
    StringBuilder line = new StringBuilder("complete -c draft -n ").append(quote(condition));
    for (String name : option.names()) {
      if (name.startsWith("--")) {
        line.append(" -l ").append(quote(name.substring(2)));
      } else if (name.startsWith("-") && name.length() == 2) {
        line.append(" -s ").append(quote(name.substring(1)));
      } else {
        line.append(" -o ").append(quote(name.substring(1)));
      }
    }
    if (option.arity().max() > 0) {
      line.append(" -r");
      Iterable<String> candidates = option.completionCandidates();
      if (candidates != null) {
        line.append(" -a ").append(quote(String.join(" ", candidates)));
      }
    }
    String[] description = option.description();
    if (description.length > 0) {
      line.append(" -d ").append(quote(description[0]));
    }
    return line.append('\n').toString();
  }

  private static String firstLine(CommandSpec spec) {
    String[] description = spec.usageMessage().description();
    return description.length == 0 ? "" : description[0];
  }

  private static String quote(String text) {
    String oneLine = text.replace('\n', ' ').replace("%n", " ").strip();
    if (oneLine.length() > 80) {
      oneLine = oneLine.substring(0, 79) + "…";
    }
    return "'" + oneLine.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
