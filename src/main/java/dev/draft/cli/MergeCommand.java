package dev.draft.cli;

import dev.draft.draft.NumberedText;
import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.HistoryRecorder;
import dev.draft.session.PastRuns;
import dev.draft.session.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code draft merge RUN/1,3 ["instruction"]}: one text combining some drafts of a past run,
 * through the {@code _merge} template, as a new run linked to the old (kind {@code merge}; the
 * drafts merged are in its variables). One candidate unless {@code -n} says.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Combine drafts of a past run into one, following an optional instruction, as a new run"
          + " linked to it.",
      "Each draft's current text is used (your latest 'draft edit' of it, if any), through the"
          + " _merge template ('draft templates edit _merge' changes it). The model and the"
          + " temperature default to the run's own."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  draft merge last/1,3",
      "  draft merge r2qp0/1-3 \"the structure of 1, the examples of 2 and 3\"",
      "  draft merge last/2,3 \"keep it under 300 words\" -n 2 --pick judge"
    })
public final class MergeCommand extends RevisionCommand {
  @Parameters(
      index = "0",
      paramLabel = "RUN/K,K",
      description = "The drafts to merge, e.g. last/1,3 or last/1-3.")
  String ref;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "INSTRUCTION",
      description = "How to combine them (optional; the words are joined).")
  List<String> words = new ArrayList<>();

  public MergeCommand(Context context) {
    super(context);
  }

  @Override
  public Integer call() {
    DraftRef target = DraftRef.several(ref);
    if (target.drafts().size() < 2) {
      throw new UsageException(
          "draft merge needs two drafts at least, named after the run: e.g. draft merge "
              + target.run()
              + "/1,3 or "
              + target.run()
              + "/1-3");
    }
    String instruction = String.join(" ", words).strip();
    HistoryRecorder.requireEnabled(context, output.noHistory, "draft merge");
    StoredRun parent = PastRuns.findWithDrafts(context, target.run(), "draft merge");
    List<NumberedText> drafts = new ArrayList<>();
    for (int k : target.drafts()) {
      drafts.add(new NumberedText(k, DraftRef.text(parent, k)));
    }
    return generateFrom(
        parent,
        "merging "
            + parent.id()
            + "/"
            + target.drafts().stream().map(String::valueOf).collect(Collectors.joining(",")),
        1,
        revisions -> revisions.merge(drafts, instruction),
        revisions -> revisions.mergeOrigin(parent.id(), target.drafts(), instruction));
  }
}
