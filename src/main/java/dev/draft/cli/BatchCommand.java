package dev.draft.cli;

import dev.draft.batch.BatchSink;
import dev.draft.batch.BatchSinks;
import dev.draft.batch.BatchSource;
import dev.draft.batch.BatchSources;
import dev.draft.draft.Vary;
import dev.draft.longdoc.Strategy;
import dev.draft.session.BatchRun;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.Prompts;
import dev.draft.session.UsageException;
import dev.draft.template.Template;
import dev.draft.template.TemplateRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code draft batch TEMPLATE --in SOURCE --out DEST}: the template over every item of a source,
 * many at once, each finished item written to the destination; run again, it resumes. The work is
 * {@link BatchRun}'s; this parses, checks, shows progress and sums up.
 */
@Command(
    name = "batch",
    subcommands = {BatchImportCommand.class},
    description = {
      "Run a template over many items (JSONL, CSV, a directory or glob of files) and write each"
          + " result as it finishes; run the same command again to resume.",
      "Template variables: --<name> VALUE or -V name=VALUE for every item; an item's own field of"
          + " the same name wins."
    })
public final class BatchCommand implements Callable<Integer> {
  // Checked in call(), not by picocli, which would ask them of 'draft batch import' too.
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TEMPLATE",
      description = "The template to run.")
  String templateName;

  @Option(
      names = "--in",
      paramLabel = "SOURCE",
      description =
          "The items: a .jsonl or .csv file, a directory or glob of text files ('posts/*.md'), or"
              + " - for JSONL on standard input.")
  String in;

  @Option(
      names = "--out",
      paramLabel = "DEST",
      description =
          "Where results go: a .jsonl file (one line per item) or a directory (one file per"
              + " item). Items already complete there are skipped.")
  String out;

  @Mixin BatchOptions batch;
  @Mixin BatchItemOptions items;
  @Mixin EndpointOptions endpoint;
  @Mixin GenerationOptions generation;

  @Option(names = "--no-history", description = "Do not record this batch in the history.")
  boolean noHistory;

  @Option(
      names = {"-V", "--var"},
      paramLabel = "NAME=VALUE",
      description = "Set a template variable for every item.")
  Map<String, String> assignments = new LinkedHashMap<>();

  // Not mixinStandardHelpOptions: its -V (--version) would clash with -V NAME=VALUE.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Unmatched List<String> unmatched = new ArrayList<>();

  private final Context context;

  public BatchCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (templateName == null) {
      throw new UsageException(
          "draft batch needs a TEMPLATE and --in SOURCE --out DEST, e.g. draft batch rewrite --in"
              + " texts.csv --out rewritten.jsonl ('draft batch --help' says more)");
    }
    if (in == null) {
      throw new UsageException("give --in SOURCE: a .jsonl or .csv file, a directory or a glob");
    }
    if ("-".equals(in) && context.stdinTerminal()) {
      throw new UsageException(
          "--in - reads the items as JSONL from standard input, but it is a terminal: pipe them"
              + " in (jq -c . items.json | draft batch ...), or give a file");
    }
    if (out != null) {
      requireApart(in, out);
    }
    Template template = template(context, templateName);
    Map<String, String> values = variables(template);
    int n = generation.n(1);
    if (generation.vary != Vary.samples) {
      throw new UsageException(
          "draft batch makes each item's candidates with the model's own sampling: leave out"
              + " --vary");
    }
    if (items.select != BatchRun.Select.FIRST && n == 1) {
      throw new UsageException(
          "--select "
              + items.select.label()
              + " chooses among an item's candidates: give -n 2 or more");
    }
    if (items.keepAll && n == 1) {
      throw new UsageException("--keep-all keeps every candidate: give -n 2 or more");
    }
    if (out == null && !batch.dryRun && batch.exportRequests == null) {
      throw new UsageException("give --out DEST: a .jsonl file or a directory for the results");
    }
    BatchSources.Options sourceOptions = items.sourceOptions();
    EndpointSession session = EndpointSession.open(context, endpoint.flags(), template.model());
    BatchRun run =
        new BatchRun(
            context,
            session,
            new BatchRun.Options(
                template,
                values,
                generation.sampling(),
                n,
                items.select,
                items.keepAll,
                batch.concurrency == null ? session.settings().concurrency() : batch.concurrency(),
                batch.rpm(),
                batch.tpm(),
                batch.strategy(template.longInput()),
                !noHistory && session.historyEnabled() && !batch.dryRun,
                in,
                out));
    PrintWriter err = context.err();
    if (batch.dryRun) {
      try (BatchSource source = open(sourceOptions)) {
        BatchRun.DryRun plan = run.dryRun(source, context.out()::println);
        new BatchReport(session).printPlan(context.out(), plan, n);
      }
      return ExitCode.OK;
    }
    if (batch.exportRequests != null) {
      try (BatchSource source = open(sourceOptions);
          BatchSink sink =
              out == null
                  ? null
                  : BatchSinks.open(context.cwd().resolve(out), false, items.outName)) {
        BatchRun.Exported exported =
            run.export(source, sink, context.cwd().resolve(batch.exportRequests));
        err.println(BatchReport.exported(exported, batch.exportRequests));
        return exported.failed() > 0 ? ExitCode.PARTIAL : ExitCode.OK;
      }
    }
    OptionalLong total = BatchSources.count(in, sourceOptions, context.cwd());
    try (BatchSource source = open(sourceOptions);
        BatchSink sink = BatchSinks.open(context.cwd().resolve(out), batch.redo, items.outName)) {
      BatchReport report = new BatchReport(session);
      BatchRun.Summary summary;
      try {
        summary =
            run.run(
                source,
                sink,
                total.isPresent() ? total.getAsLong() : null,
                report.progress(err, context.stderrTerminal()));
      } finally {
        BatchReport.endProgress(err, context.stderrTerminal());
      }
      err.println(report.summary(templateName, summary, shown(sink.failuresWhere())));
      if (summary.interrupted()) {
        return context.interrupts().exitCode();
      }
      return summary.failed() > 0 ? ExitCode.PARTIAL : ExitCode.OK;
    }
  }

  /**
   * Refuses a destination that is the source or inside it: the results would replace the items, or
   * be read as new items by the next run.
   */
  private void requireApart(String source, String dest) {
    if ("-".equals(source)) {
      return;
    }
    java.nio.file.Path destPath = context.cwd().resolve(dest).toAbsolutePath().normalize();
    // A glob's fixed part: the directory it reads from.
    String fixed = source.split("[*?\\[{]", 2)[0];
    java.nio.file.Path sourcePath =
        context.cwd().resolve(fixed.isEmpty() ? "." : fixed).toAbsolutePath().normalize();
    boolean same = destPath.equals(sourcePath);
    boolean inside = java.nio.file.Files.isDirectory(sourcePath) && destPath.startsWith(sourcePath);
    if (same || inside) {
      throw new UsageException(
          "--out "
              + dest
              + (same ? " is the source itself" : " is inside the source " + source)
              + ": the results would "
              + (same ? "replace the items" : "be read as new items next time")
              + "; give --out a place outside it");
    }
  }

  /** {@code text} with the destination's full path as the user gave it. */
  private String shown(String text) {
    return text.replace(context.cwd().resolve(out).toString(), out);
  }

  private BatchSource open(BatchSources.Options options) {
    return BatchSources.open(in, options, context.cwd(), context.in());
  }

  /** The template named, loaded and linted. */
  static Template template(Context context, String name) {
    TemplateRef ref =
        Prompts.library(context)
            .find(name)
            .orElseThrow(
                () ->
                    new UsageException(
                        "no template '" + name + "' ('draft templates list' shows them)"));
    return ref.load();
  }

  /**
   * The variables given for every item: {@code --name VALUE} (or {@code --name=VALUE}) for a
   * variable of the template, then {@code -V}; anything else on the command line is refused.
   */
  private Map<String, String> variables(Template template) {
    Map<String, String> values = new LinkedHashMap<>(assignments);
    for (int i = 0; i < unmatched.size(); i++) {
      String arg = unmatched.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException(
            "draft batch takes one TEMPLATE, got '"
                + arg
                + "' too; the items come from --in (a glob in quotes: --in 'posts/*.md')");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < unmatched.size()) {
        value = unmatched.get(++i);
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      String variable = name.replace('-', '_');
      if (!template.variables().containsKey(variable)) {
        throw new UsageException(
            "unknown option --"
                + name
                + " for draft batch "
                + template.name()
                + (template.variables().isEmpty()
                    ? " (the template has no variables)"
                    : " (its variables: "
                        + String.join(", ", template.variables().keySet())
                        + "; 'draft batch --help' lists the options)"));
      }
      values.put(variable, value);
    }
    return values;
  }

  /** The options of a batch run as such: its pace, a fresh start, an export instead. */
  static final class BatchOptions {
    @Option(
        names = "--dry-run",
        description =
            "Send nothing: print the first items' prompts, count every item's tokens and estimate"
                + " the cost.")
    boolean dryRun;

    @Option(
        names = "--long-input",
        paramLabel = "HOW",
        converter = LongInputOptions.StrategyConverter.class,
        description =
            "For an item longer than the model's window: map-reduce, refine, truncate or error"
                + " (default: the template's long_input, else error).")
    Strategy longInput;

    /** The strategy for long items: the flag's, else the template's, else {@code error}. */
    Strategy strategy(String templates) {
      if (longInput != null) {
        return longInput;
      }
      return templates == null ? Strategy.ERROR : Strategy.named(templates);
    }

    @Option(
        names = "--concurrency",
        paramLabel = "K",
        description = "The most requests at once (default: the profile's concurrency).")
    Integer concurrency;

    @Option(names = "--rpm", paramLabel = "N", description = "The most requests a minute.")
    Integer rpm;

    @Option(
        names = "--tpm",
        paramLabel = "N",
        description = "The most tokens a minute (prompt and answer room).")
    Integer tpm;

    @Option(
        names = "--redo",
        description = "Start over: run every item again, replacing what DEST holds.")
    boolean redo;

    @Option(
        names = "--export-requests",
        paramLabel = "FILE",
        description =
            "Send nothing: write each item's request to FILE in the JSONL format of the OpenAI"
                + " Batch API and vLLM's run-batch (then: draft batch import).")
    String exportRequests;

    int concurrency() {
      if (concurrency < 1 || concurrency > 1_000) {
        throw new UsageException("--concurrency takes a number from 1 to 1000, got " + concurrency);
      }
      return concurrency;
    }

    Integer rpm() {
      if (rpm != null && rpm < 1) {
        throw new UsageException("--rpm takes a positive number, got " + rpm);
      }
      return rpm;
    }

    Integer tpm() {
      if (tpm != null && tpm < 1) {
        throw new UsageException("--tpm takes a positive number, got " + tpm);
      }
      return tpm;
    }
  }

  /** Reads {@code --select}. */
  static final class SelectConverter implements ITypeConverter<BatchRun.Select> {
    @Override
    public BatchRun.Select convert(String value) {
      try {
        return BatchRun.Select.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new FlagValueException(
            "takes first, longest, shortest or judge, got '" + value + "'");
      }
    }
  }
}
