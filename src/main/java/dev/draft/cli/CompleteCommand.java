package dev.draft.cli;

import dev.draft.config.ConfigLoader;
import dev.draft.history.HistoryStore;
import dev.draft.history.Query;
import dev.draft.history.RunSummary;
import dev.draft.session.Context;
import dev.draft.session.Prompts;
import dev.draft.template.TemplateRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code draft __complete templates|profiles|runs}: the names a completion script offers, one a
 * line, read when Tab is pressed so that a template, profile or run made since the script was
 * loaded is offered too. Hidden: for the scripts of {@code draft completion}, not for people. It
 * never fails loudly: whatever cannot be read lists nothing, and it exits 0.
 */
@Command(name = CompleteCommand.NAME, hidden = true)
public final class CompleteCommand implements Callable<Integer> {
  static final String NAME = "__complete";

  /** How many of the newest runs are offered. */
  static final int RUNS = 30;

  @Parameters(paramLabel = "WHAT", arity = "0..1")
  String what;

  private final Context context;

  public CompleteCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = context.out();
    try {
      switch (what == null ? "" : what) {
        case "templates" -> templates(out);
        case "profiles" ->
            ConfigLoader.load(context.dirs().configFile())
                .profiles()
                .keySet()
                .forEach(out::println);
        case "runs" -> runs(out);
        default -> {
          // Nothing to offer.
        }
      }
    } catch (RuntimeException e) {
      // A broken config or history offers nothing; the command itself will say what is wrong.
    }
    out.flush();
    return ExitCode.OK;
  }

  private void templates(PrintWriter out) {
    TreeSet<String> names = new TreeSet<>();
    for (TemplateRef ref : Prompts.library(context).all()) {
      if (!ref.name().startsWith("_")) {
        names.add(ref.name());
      }
    }
    names.forEach(out::println);
  }

  private void runs(PrintWriter out) {
    Path db = context.dirs().historyDb();
    if (!Files.isRegularFile(db)) {
      return;
    }
    // Read-only: pressing Tab must never migrate the schema or mark anything.
    try (HistoryStore store = HistoryStore.openReadOnly(db)) {
      out.println("last");
      for (RunSummary run : store.list(Query.all().withLimit(RUNS))) {
        out.println(run.id());
      }
    }
  }
}
