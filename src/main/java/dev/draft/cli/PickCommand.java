package dev.draft.cli;

import dev.draft.history.StoredRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code draft pick RUN --choose K}: records draft K as the run's pick (an event and {@code
 * runs.picked}) and prints its current text. Without {@code --choose}, on a terminal, the
 * interactive compare/pick view is the place to choose ({@link #interactive}).
 */
@Command(
    name = "pick",
    mixinStandardHelpOptions = true,
    description = {
      "Choose the draft of a past run you keep: records it as the run's pick and prints it.",
      "The draft's current text is printed (your latest 'draft edit' of it, if any)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  draft pick last --choose 2 > piece.md",
      "  draft pick r2qp0 --choose 1 -o piece.md",
      "  draft history --picked            # the runs you have picked from"
    })
public final class PickCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix of one, or 'last'.")
  String ref;

  @Option(names = "--choose", paramLabel = "K", description = "The draft to pick (from 1).")
  Integer choose;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the draft to FILE instead of stdout.")
  Path output;

  private final Context context;

  public PickCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DraftRef target = DraftRef.one(ref);
    if (!target.drafts().isEmpty()) {
      throw new UsageException(
          "draft pick takes a run and --choose K, e.g. draft pick "
              + target.run()
              + " --choose "
              + target.draft());
    }
    HistoryRecorder.requireEnabled(context, false, "draft pick");
    StoredRun run = ShowCommand.find(context, target.run());
    if (choose == null) {
      if (context.stdinTerminal() && context.stderrTerminal()) {
        return interactive(run);
      }
      throw new UsageException("draft pick needs --choose K when not on a terminal");
    }
    String text = DraftRef.text(run, choose);
    Events.of(context).pick(run.id(), choose, Events.PickedBy.CHOOSE_OPTION);
    if (output != null) {
      Path file = context.cwd().resolve(output);
      DraftFiles.write(file, text);
      context.err().println("draft: wrote " + file);
    } else {
      context.out().print(DraftOutput.withNewline(text));
      context.out().flush();
    }
    context.err().println("draft: picked draft " + choose + " of " + run.id());
    return ExitCode.OK;
  }

  /**
   * The pick on a terminal without {@code --choose}: the place for the interactive compare/pick
   * view of {@code run} (it records the pick with {@link Events#pick} and {@link
   * Events.PickedBy#VIEW}). Until the view exists, a usage error saying what works.
   */
  int interactive(StoredRun run) {
    throw new UsageException(
        "draft pick needs --choose K, e.g. draft pick "
            + run.id()
            + " --choose 1 (the interactive pick view is not there yet)");
  }
}
