package dev.draft.cli;

import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.HistoryRecorder;
import dev.draft.session.PastRuns;
import dev.draft.session.UsageException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code draft refine RUN/K "instruction"}: N revisions of a past draft's current text through the
 * {@code _refine} template, as a new run linked to the draft (kind {@code refine}). Model,
 * temperature and token limit default to the parent run's; N too.
 */
@Command(
    name = "refine",
    mixinStandardHelpOptions = true,
    description = {
      "Revise draft K of a past run as you say: N revisions as a new run linked to it.",
      "The draft's current text is revised (your latest 'draft edit' of it, if any), through the"
          + " _refine template ('draft templates edit _refine' changes it). The model, the"
          + " temperature and N default to the run's own."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  draft refine last/2 \"cut the opening to two sentences\"",
      "  draft refine r2qp0/1 \"warmer, and end on the river\" -n 3 --pick judge",
      "  draft refine last/1 \"British spelling\" -n 1 -o piece.md"
    })
public final class RefineCommand extends RevisionCommand {
  @Parameters(index = "0", paramLabel = "RUN/K", description = "The draft to revise, e.g. last/2.")
  String ref;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "INSTRUCTION",
      description = "What to change (the words are joined).")
  List<String> words = new ArrayList<>();

  public RefineCommand(Context context) {
    super(context);
  }

  @Override
  public Integer call() {
    DraftRef target = DraftRef.one(ref);
    if (target.drafts().isEmpty()) {
      throw new UsageException(
          "name the draft to refine as RUN/K, e.g. draft refine " + ref + "/1 \"make it shorter\"");
    }
    String instruction = String.join(" ", words).strip();
    if (instruction.isEmpty()) {
      throw new UsageException(
          "say how to refine the draft, e.g. draft refine " + ref + " \"make it shorter\"");
    }
    HistoryRecorder.requireEnabled(context, output.noHistory, "draft refine");
    StoredRun parent = PastRuns.findWithDrafts(context, target.run(), "draft refine");
    int k = target.draft();
    String text = DraftRef.text(parent, k);
    return generateFrom(
        parent,
        "refining " + parent.id() + "/" + k,
        parent.paramsOrDefault().n(),
        revisions -> revisions.refine(text, instruction),
        revisions -> revisions.refineOrigin(parent.id(), k, instruction));
  }
}
