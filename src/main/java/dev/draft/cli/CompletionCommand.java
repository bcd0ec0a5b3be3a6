package dev.draft.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code draft completion bash|zsh}: a completion script generated from the command model. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script, generated from draft's commands and options.",
      "bash: source <(draft completion bash)    zsh: source <(draft completion zsh)"
    })
public final class CompletionCommand implements Runnable {
  /** The shells we generate for. */
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  Shell shell;

  private final Context context;

  public CompletionCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    String script = AutoComplete.bash("draft", spec.root().commandLine());
    if (shell == Shell.zsh) {
      // picocli's script runs under zsh through bashcompinit.
      context.out().println("autoload -U +X compinit && compinit");
      context.out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    context.out().print(script);
    context.out().flush();
  }
}
