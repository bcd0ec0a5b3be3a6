package dev.draft.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.draft.config.DurationText;
import dev.draft.history.HistoryStore;
import dev.draft.history.Query;
import dev.draft.history.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    description = {
      "List past runs, newest first; with QUERY, only runs whose prompt, input or drafts match.",
      "QUERY is full-text search: words (all must match), \"a phrase\", OR, prefix*."
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
      description =
          "Only runs newer than this: a duration back (7d, 12h, 30m) or a date (2026-11-01).")
  String since;

  @Option(names = "--picked", description = "Only runs where a draft was picked.")
  boolean picked;

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
    Query query =
        Query.all()
            .withText(words.isEmpty() ? null : String.join(" ", words))
            .withTemplate(template)
            .withModel(model)
            .withSince(since == null ? null : since(since))
            .withPickedOnly(picked)
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
            .put("preview", run.preview());
      }
      context.out().println(JsonText.write(array));
      return ExitCode.OK;
    }
    Instant now = context.clock().instant();
    for (RunSummary run : runs) {
      context
          .out()
          .printf(
              "%-11s %5s  %-14s %-22s %2d  %s%n",
              run.id(),
              age(Duration.between(run.createdAt(), now)),
              run.template() == null ? "(ask)" : run.template(),
              run.model() == null ? "" : run.model(),
              run.n(),
              run.preview());
    }
    if (runs.isEmpty()) {
      context.err().println("draft: no runs" + (words.isEmpty() ? " yet" : " match"));
    }
    return ExitCode.OK;
  }

  private Instant since(String text) {
    try {
      String duration =
          text.endsWith("d")
              ? (Long.parseLong(text.substring(0, text.length() - 1)) * 24) + "h"
              : text;
      return context.clock().instant().minus(DurationText.parse(duration));
    } catch (IllegalArgumentException notADuration) {
      try {
        return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new UsageException(
            "--since takes a duration such as 7d, 12h or 30m, or a date such as 2026-11-01; got '"
                + text
                + "'");
      }
    }
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
}
