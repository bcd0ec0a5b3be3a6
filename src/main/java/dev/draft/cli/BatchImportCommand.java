package dev.draft.cli;

import dev.draft.batch.BatchSink;
import dev.draft.batch.BatchSinks;
import dev.draft.batch.BatchSource;
import dev.draft.batch.BatchSources;
import dev.draft.session.BatchImport;
import dev.draft.session.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code draft batch import RESULTS --in SOURCE --out DEST}: a batch engine's output file back onto
 * the items it was made from ({@link BatchImport}), with the resume rules of {@code draft batch}.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Write a batch engine's results (the OpenAI Batch API's output file, vLLM run-batch's) to"
          + " DEST as draft batch would have, matched to SOURCE's items by custom_id.",
      "Items already complete in DEST are left alone; nothing is sent."
    })
public final class BatchImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RESULTS", description = "The engine's output file.")
  String results;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "SOURCE",
      description = "The items the requests were exported from (as for draft batch).")
  String in;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DEST",
      description = "A .jsonl file or a directory, as for draft batch.")
  String out;

  @Mixin BatchItemOptions items;

  private final Context context;

  public BatchImportCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    BatchImport importer = new BatchImport(items.select, items.keepAll);
    BatchSources.Options options = items.sourceOptions();
    BatchImport.Imported imported;
    String failures;
    try (BatchSource source = BatchSources.open(in, options, context.cwd(), context.in());
        BatchSink sink = BatchSinks.open(context.cwd().resolve(out), false, items.outName)) {
      imported = importer.run(context.cwd().resolve(results), source, sink);
      failures = sink.failuresWhere().replace(context.cwd().resolve(out).toString(), out);
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "draft: imported %,d complete, %,d failed",
                imported.complete(),
                imported.failed()));
    if (imported.skipped() > 0) {
      line.append(
          String.format(Locale.ROOT, ", %,d complete before (left alone)", imported.skipped()));
    }
    if (imported.missing() > 0) {
      line.append(
          String.format(
              Locale.ROOT,
              "; %,d item%s of %s have no result in %s (run them with draft batch)",
              imported.missing(),
              imported.missing() == 1 ? "" : "s",
              in,
              results));
    }
    if (imported.unknown() > 0) {
      line.append(
          String.format(
              Locale.ROOT,
              "; %,d result%s match no item of %s (another source, or another --id-field?)",
              imported.unknown(),
              imported.unknown() == 1 ? "" : "s",
              in));
    }
    if (imported.failed() > 0) {
      line.append("; the failures are in ").append(failures);
    }
    context.err().println(line);
    return imported.failed() > 0 || imported.missing() > 0 ? ExitCode.PARTIAL : ExitCode.OK;
  }
}
