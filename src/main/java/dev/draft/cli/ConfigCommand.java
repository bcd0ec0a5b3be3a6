package dev.draft.cli;

import dev.draft.config.AppDirs;
import dev.draft.config.ConfigFiles;
import dev.draft.config.ResolvedEndpoint;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.text.DisplayWidth;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code draft config}: the configuration file and the settings it resolves to. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Create, show and locate the configuration.",
    subcommands = {ConfigCommand.Init.class, ConfigCommand.Show.class, ConfigCommand.PathCmd.class})
public final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Context context;

  public ConfigCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out(), Cli.helpColours(context));
  }

  /** {@code draft config init}: writes a commented starter file. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = "Write a commented starter config.yaml (profiles for common endpoints).")
  public static final class Init implements Callable<Integer> {
    @Option(names = "--force", description = "Overwrite an existing config.yaml.")
    boolean force;

    private final Context context;

    public Init(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Path written = ConfigFiles.init(context.dirs(), force);
      context.out().println(written);
      context
          .err()
          .println(
              "draft: wrote a starter config; edit it, then run 'draft doctor' to check the endpoint");
      return ExitCode.OK;
    }
  }

  /** {@code draft config show}: the resolved settings and where each came from. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Print the resolved endpoint settings and where each comes from (keys redacted).")
  public static final class Show implements Callable<Integer> {
    @Mixin EndpointOptions endpoint;

    private final Context context;

    public Show(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ResolvedEndpoint resolved = EndpointSession.resolve(context, endpoint.flags());
      // Columns by display width: a model or header value may hold CJK characters.
      int width =
          resolved.rows().stream().mapToInt(r -> DisplayWidth.of(r.setting())).max().orElse(10) + 2;
      int valueWidth =
          resolved.rows().stream().mapToInt(r -> DisplayWidth.of(r.value())).max().orElse(10) + 2;
      for (ResolvedEndpoint.Row row : resolved.rows()) {
        context
            .out()
            .printf(
                "%s%s(%s)%n",
                DisplayWidth.padRight(row.setting(), width),
                DisplayWidth.padRight(row.value(), valueWidth),
                row.origin());
      }
      return ExitCode.OK;
    }
  }

  /** {@code draft config path}: where draft keeps things. */
  @Command(
      name = "path",
      mixinStandardHelpOptions = true,
      description = "Print where the config, templates, history and cache live.")
  public static final class PathCmd implements Callable<Integer> {
    private final Context context;

    public PathCmd(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      AppDirs dirs = context.dirs();
      context.out().println("config    " + dirs.configFile());
      context.out().println("prompts   " + dirs.promptsDir());
      context.out().println("history   " + dirs.historyDb());
      context.out().println("cache     " + dirs.cacheDir());
      return ExitCode.OK;
    }
  }
}
