package dev.draft.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.draft.history.HistoryStore;
import dev.draft.history.Query;
import dev.draft.history.RunSummary;
import dev.draft.session.Context;
import dev.draft.session.HistoryRecorder;
import dev.draft.session.JsonText;
import dev.draft.session.UsageException;
import dev.draft.text.DisplayWidth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code draft history [QUERY]}: past runs, newest first, or those matching a full-text search. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    subcommands = {HistoryCommand.PathCmd.class, HistoryCommand.Prune.class},
    description = {
      "List past runs, newest first; with QUERY, only runs whose prompt, input or drafts match.",
      "QUERY is full-text search: words (all must match), \"a phrase\", OR, prefix*.",
      "Each line: run, age, template, model, drafts, status (ok: every draft came back whole;"
          + " partial: some did; interrupted, failed: none did; running), preview."
    })
public final class HistoryCommand implements Callable<Integer> {
  @Parameters(paramLabel = "QUERY", arity = "0..*", description = "Words to search for.")
  List<String> words = new ArrayList<>();

  @Option(names = "--template", paramLabel = "NAME", description = "Only runs of this template.")
  String template;

  @Option(names = "--model", paramLabel = "MODEL", description = "Only runs with this model.")
  String model;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      converter = Since.Converter.class,
      description =
          "Only runs newer than this: a duration back (7d, 12h, 30m) or a date (2026-11-01).")
  Since since;

  @Option(names = "--picked", description = "Only runs where a draft was picked.")
  boolean picked;

  @Option(
      names = "--failed",
      description = "Only runs where a draft failed or was cut short (status not ok).")
  boolean failed;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      description = "At most N runs (default 20).")
  int limit = 20;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  private final Context context;

  public HistoryCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new UsageException("-n/--limit takes a positive number, got " + limit);
    }
    HistoryRecorder.envAllows(context.env());
    Query query =
        Query.all()
            .withText(words.isEmpty() ? null : String.join(" ", words))
            .withTemplate(template)
            .withModel(model)
            .withSince(since == null ? null : since.from(context.clock()))
            .withPickedOnly(picked)
            .withFailedOnly(failed)
            .withLimit(limit);
    List<RunSummary> runs;
    try (HistoryStore store = HistoryStore.open(context.dirs().historyDb())) {
      runs = store.list(query);
    }
    if (json) {
      ArrayNode array = JsonText.MAPPER.createArrayNode();
      for (RunSummary run : runs) {
        array
            .addObject()
            .put("run", run.id())
            .put("created_at", run.createdAt().toString())
            .put("template", run.template())
            .put("model", run.model())
            .put("n", run.n())
            .put("picked", run.picked())
            .put("status", run.status())
            .put("preview", run.preview());
      }
      context.out().println(JsonText.write(array));
      return ExitCode.OK;
    }
    Instant now = context.clock().instant();
    for (RunSummary run : runs) {
      // Template and model names may hold wide characters, which %-14s would count as one column.
      context
          .out()
          .printf(
              "%-11s %5s  %s %s %2d  %-11s %s%n",
              run.id(),
              age(Duration.between(run.createdAt(), now)),
              DisplayWidth.padRight(run.template() == null ? "(ask)" : run.template(), 14),
              DisplayWidth.padRight(run.model() == null ? "" : run.model(), 22),
              run.n(),
              run.status(),
              run.preview());
    }
    if (runs.isEmpty()) {
      boolean filtered =
          !words.isEmpty()
              || template != null
              || model != null
              || since != null
              || picked
              || failed;
      context.err().println("draft: no runs " + (filtered ? "match" : "yet"));
    }
    return ExitCode.OK;
  }

  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86_400) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }

  /** {@code draft history path}: where the history database is. */
  @Command(name = "path", mixinStandardHelpOptions = true, description = "Print the history file.")
  public static final class PathCmd implements Callable<Integer> {
    private final Context context;

    public PathCmd(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      context.out().println(context.dirs().historyDb());
      return ExitCode.OK;
    }
  }

  /** {@code draft history prune --older-than 90d}: deletes old runs, asking first on a terminal. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description = "Delete runs older than a given age, with their drafts.")
  public static final class Prune implements Callable<Integer> {
    @Option(
        names = "--older-than",
        required = true,
        paramLabel = "AGE",
        converter = DurationConverter.Age.class,
        description = "e.g. 90d, 12h")
    Duration olderThan;

    @Option(names = "--yes", description = "Do not ask (for scripts).")
    boolean yes;

    private final Context context;

    public Prune(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      Instant before = context.clock().instant().minus(olderThan);
      if (!yes) {
        if (!context.stdinTerminal() || !context.stderrTerminal()) {
          throw new UsageException(
              "pruning deletes runs for good: add --yes to do it without a terminal to ask on");
        }
        context.err().print("Delete every run from before " + before + "? [y/N] ");
        context.err().flush();
        String answer =
            new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
                .readLine();
        if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
          context.err().println("draft: nothing deleted");
          return ExitCode.OK;
        }
      }
      int deleted;
      try (HistoryStore store = HistoryStore.open(context.dirs().historyDb())) {
        deleted = store.prune(before);
      }
      context.err().println("draft: deleted " + deleted + (deleted == 1 ? " run" : " runs"));
      return ExitCode.OK;
    }
  }
}
