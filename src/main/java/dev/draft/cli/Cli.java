package dev.draft.cli;

import dev.draft.batch.BatchException;
import dev.draft.client.EndpointException;
import dev.draft.client.RedactedUrl;
import dev.draft.config.BadFlagException;
import dev.draft.config.ConfigException;
import dev.draft.draft.NoModelException;
import dev.draft.history.AmbiguousRunException;
import dev.draft.history.HistoryException;
import dev.draft.session.Context;
import dev.draft.session.Prompts;
import dev.draft.session.UsageException;
import dev.draft.template.TemplateException;
import dev.draft.template.TemplateLibrary;
import dev.draft.template.TemplateUsageException;
import dev.draft.text.DidYouMean;
import dev.draft.text.IoProblems;
import dev.draft.ui.EditorException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the command line and is the one place that turns exceptions into exit codes and one-line
 * messages. A stack trace only with {@code --verbose}.
 */
public final class Cli {
  private final Context context;
  private TemplateLibrary library;

  public Cli(Context context) {
    this.context = context;
  }

  /** The command line with every template as a command. */
  public CommandLine commandLine() {
    return commandLine(new String[0], true);
  }

  /**
   * The command line for {@code args}. Loading and linting every template costs start-up time, so
   * only the templates the arguments can reach are added: none for a built-in command, the one
   * named, or all of them for help, completion or a name that matches nothing (so that picocli can
   * suggest the nearest).
   */
  CommandLine commandLine(String[] args) {
    return commandLine(args, false);
  }

  /**
   * The command line for {@code args}, with every built-in command in full when {@code everything}
   * (completion scripts describe them all) or else only the one {@code args} name: the others are
   * their names and descriptions, which is all the root help and picocli's suggestions read.
   */
  private CommandLine commandLine(String[] args, boolean everything) {
    IFactory factory = factory();
    CommandLine cl = new CommandLine(new RootCommand(context), factory);
    List<String> words = Templates.words(args);
    String reached = words.isEmpty() ? null : words.get(0);
    boolean all = everything || "completion".equals(reached);
    for (Class<?> type : RootCommand.COMMANDS) {
      Command command = type.getAnnotation(Command.class);
      if (all || command.name().equals(reached)) {
        cl.addSubcommand(type);
      } else {
        cl.addSubcommand(outline(command));
      }
    }
    // Templates are added before the settings below, which apply to the subcommands there are.
    Set<String> builtins = Set.copyOf(cl.getSubcommands().keySet());
    Predicate<String> wanted =
        Templates.reachable(args, builtins, name -> library().find(name).isPresent());
    if (wanted != Templates.NONE) {
      // The root help and suggestions read no more of a template than its name and description;
      // a completion script reads its options too.
      boolean outlines = wanted == Templates.ALL && !all;
      Templates.register(cl, context, library(), factory, builtins, wanted, outlines);
      if (all || "run".equals(reached)) {
        Templates.register(
            cl.getSubcommands().get("run"),
            context,
            library(),
            factory,
            Set.of(),
            wanted,
            outlines);
      }
    }
    Templates.listApart(cl, builtins);
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // Whether stdout is a terminal is asked only when help is printed: --version and most
    // commands never need to know.
    cl.setExecutionStrategy(
        parseResult -> {
          if (usageHelpRequested(parseResult)) {
            cl.setColorScheme(helpColours(context));
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    cl.setParameterExceptionHandler(this::usageError);
    cl.setExecutionExceptionHandler((e, command, parseResult) -> failure(e, verbose(parseResult)));
    return cl;
  }

  /** A command as the root help lists it: its name, aliases, description, whether hidden. */
  private static CommandSpec outline(Command command) {
    CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
    spec.usageMessage()
        .header(command.header())
        .description(command.description())
        .hidden(command.hidden());
    return spec;
  }

  /** Help goes to stdout, so its colour follows stdout, not stderr. */
  static CommandLine.Help.ColorScheme helpColours(Context context) {
    boolean colour = context.stdoutTerminal() && context.colourAllowed();
    return CommandLine.Help.defaultColorScheme(
        colour ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF);
  }

  private static boolean usageHelpRequested(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  /** The template library, discovered the first time it is needed. */
  private TemplateLibrary library() {
    if (library == null) {
      library = Prompts.library(context);
    }
    return library;
  }

  /**
   * Prints the version when {@code args} ask for nothing else ({@code --version} or {@code -V}
   * alone), as picocli would print it, without building the command line: a script that checks the
   * version should not wait for every command's options to be read.
   *
   * @return whether it printed the version
   */
  public static boolean versionAlone(String[] args, PrintWriter out) {
    if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
      return false;
    }
    for (String line : new RootCommand.VersionProvider().getVersion()) {
      out.println(line);
    }
    out.flush();
    return true;
  }

  public int run(String... args) {
    try {
      if (versionAlone(args, context.out())) {
        return ExitCode.OK;
      }
      return commandLine(args).execute(args);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  private IFactory factory() {
    IFactory defaults = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          return type.getDeclaredConstructor(Context.class).newInstance(context);
        } catch (NoSuchMethodException noContext) {
          return defaults.create(type);
        }
      }
    };
  }

  private int usageError(ParameterException e, String[] args) {
    PrintWriter err = context.err();
    if (e.getCause() instanceof FlagValueException refused
        && e.getArgSpec() instanceof OptionSpec option) {
      // Worded like the checks made once a command runs: "--timeout takes a duration …".
      err.println("draft: " + option.longestName() + " " + refused.getMessage());
      if (RootCommand.isVerbose(args)) {
        e.printStackTrace(err);
      }
      return ExitCode.USAGE;
    }
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException unmatched
        && (e.getCommandLine().getCommandSpec().parent() == null
            || e.getCommandLine().getCommandSpec().userObject() instanceof RunCommand)
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      message =
          (e.getCommandLine().getCommandSpec().parent() == null
                  ? "no command or template named '"
                  : "no template named '")
              + unmatched.getUnmatched().get(0)
              + "'";
    }
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String typed = unmatched.getUnmatched().get(0);
      // picocli's suggestions are loose ('nosuch' -> 'summarize'); only a near miss helps.
      String near = DidYouMean.closest(typed, unmatched.getSuggestions()).orElse(null);
      if (near != null) {
        message += "; did you mean " + near + "?";
      }
    }
    err.println("draft: " + message + " (see '" + command + " --help')");
    if (RootCommand.isVerbose(args)) {
      e.printStackTrace(err);
    }
    return ExitCode.USAGE;
  }

  /** Whether {@code e} came of the heap running out, which picocli and thread pools wrap. */
  private static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  int failure(Exception e, boolean verbose) {
    PrintWriter err = context.err();
    int code;
    String message = e.getMessage();
    if (e instanceof UsageException
        || e instanceof EditorException
        || e instanceof NoModelException
        || e instanceof TemplateUsageException) {
      code = ExitCode.USAGE;
    } else if (e instanceof AmbiguousRunException
        || e instanceof BadFlagException
        || e instanceof BatchException) {
      code = ExitCode.USAGE;
    } else if (e instanceof ConfigException
        || e instanceof TemplateException
        || e instanceof HistoryException) {
      code = ExitCode.CONFIG;
    } else if (e instanceof EndpointException) {
      code = ExitCode.ENDPOINT;
    } else if (e instanceof java.io.UncheckedIOException io) {
      // A file draft could not read or write: plain words and a fix, never a class name.
      code = ExitCode.INTERNAL;
      message = IoProblems.reason(io) + "; fix that and run the command again";
    } else if (e instanceof java.io.IOException io) {
      code = ExitCode.INTERNAL;
      message = IoProblems.reason(io) + "; fix that and run the command again";
    } else if (outOfMemory(e)) {
      code = ExitCode.INTERNAL;
      message =
          "draft ran out of memory (Java may use at most "
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MiB here): give it more, e.g. JAVA_TOOL_OPTIONS=-Xmx4g, or pass a smaller input";
    } else {
      code = ExitCode.INTERNAL;
      message =
          "internal error: "
              + (e.getMessage() == null
                  ? "an unexpected error"
                  : IoProblems.withoutClassNames(e.getMessage()))
              + (verbose ? "" : " (run again with --verbose for details, and please report it)");
    }
    // The last line of defence for a key in a URL that some message quotes.
    err.println("draft: " + RedactedUrl.inText(message));
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(RedactedUrl.inText(trace.toString()));
    }
    return code;
  }

  private static boolean verbose(ParseResult parseResult) {
    return RootCommand.isVerbose(parseResult.originalArgs().toArray(new String[0]));
  }
}
