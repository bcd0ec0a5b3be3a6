package dev.draft.cli;

import dev.draft.draft.DraftText;
import dev.draft.history.StoredDraft;
import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.JsonText;
import dev.draft.session.PastRuns;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code draft show RUN[/K]}: a past run with all its drafts, or one draft's text alone. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print a past run with all its drafts, or draft K alone (text only, for piping).",
      "RUN is a run id, a unique prefix of one, or 'last'."
    })
public final class ShowCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN[/K]", description = "e.g. last, last/2, r2qp0cr31x/1")
  String ref;

  @Option(names = "--json", description = "Print the run (or the draft) as JSON.")
  boolean json;

  private final Context context;

  public ShowCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DraftRef target = DraftRef.one(ref);
    StoredRun run = PastRuns.find(context, target.run());
    PrintWriter out = context.out();
    if (!target.drafts().isEmpty()) {
      StoredDraft draft = DraftRef.draft(run, target.draft());
      if (json) {
        out.println(JsonText.write(StoredRunOutput.draftNode(run, draft, true)));
      } else {
        out.print(DraftText.withNewline(run.currentText(draft)));
      }
      return ExitCode.OK;
    }
    if ("batch".equals(run.kind())) {
      PastRuns.Batch batch = PastRuns.batch(context, run, BatchReport.SHOWN_FAILURES);
      if (json) {
        out.println(JsonText.write(BatchReport.storedNode(run, batch)));
      } else {
        BatchReport.printStored(out, run, batch);
      }
      return ExitCode.OK;
    }
    if (json) {
      out.println(JsonText.write(StoredRunOutput.runNode(run)));
      return ExitCode.OK;
    }
    StoredRunOutput.printText(out, run);
    return ExitCode.OK;
  }
}
