package dev.draft.cli;

import dev.draft.client.Version;
import dev.draft.session.Context;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code draft}: the root command; without a subcommand it prints the usage. */
@Command(
    name = "draft",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    description = {
      "Several drafts at once from any OpenAI-compatible endpoint:",
      "generate N, compare, pick, edit, refine, and find them again later."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:unexpected internal error (run with --verbose and report it)",
      "2:usage error: bad flags, missing prompt or variables",
      "3:invalid config or template",
      "4:endpoint failure: unreachable, auth, HTTP error after retries",
      "5:partial failure: some drafts failed, the rest were delivered",
      "130:interrupted (Ctrl-C)"
    },
    footerHeading = "%n",
    footer = {
      "Settings live in config.yaml ('draft config path' shows where).",
      "Start with 'draft doctor' (finds local servers) or 'draft config init'."
    })
public final class RootCommand implements Runnable {
  /**
   * The built-in commands, in the order the root help lists them. {@link Cli} adds them: in full
   * only the one the arguments reach, the others as their name and description, since reading every
   * command's options costs more start-up time than the rest of a short command.
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          AskCommand.class,
          RunCommand.class,
          HistoryCommand.class,
          ShowCommand.class,
          ExportCommand.class,
          RedoCommand.class,
          RefineCommand.class,
          MergeCommand.class,
          PickCommand.class,
          EditCommand.class,
          ModelsCommand.class,
          DoctorCommand.class,
          ConfigCommand.class,
          CompletionCommand.class,
          CompleteCommand.class,
          TemplatesCommand.class,
          BatchCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show details of errors, with stack traces.")
  boolean verbose;

  private final Context context;

  public RootCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out(), Cli.helpColours(context));
  }

  static boolean isVerbose(String[] args) {
    return Arrays.asList(args).contains("--verbose");
  }

  /** The version from the jar's manifest. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Version.line()};
    }
  }
}
