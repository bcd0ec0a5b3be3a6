package dev.draft.cli;

import dev.draft.history.StoredDraft;
import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.DraftEditing;
import dev.draft.session.Events;
import dev.draft.session.HistoryRecorder;
import dev.draft.session.PastRuns;
import dev.draft.session.UsageException;
import dev.draft.ui.WordDiff;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code draft edit RUN/K}: the draft's current text in the user's editor (started without a
 * shell); a changed text is recorded as an {@code edit} event and is the draft's current text from
 * then on. The editor gets draft's own standard streams, so it works off a terminal too (a
 * non-interactive {@code $VISUAL} such as a script).
 */
@Command(
    name = "edit",
    mixinStandardHelpOptions = true,
    description = {
      "Edit draft K of a past run in your editor and keep the edit in the history.",
      "From then on show, export, pick, refine and merge use your text. The editor is $VISUAL,"
          + " else $EDITOR, else vi or nano, started without a shell."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  draft edit last/2",
      "  VISUAL='code --wait' draft edit r2qp0/1",
      "  draft edit last/2 && draft refine last/2 \"tighten it\"   # refines your edit"
    })
public final class EditCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN/K", description = "The draft to edit, e.g. last/2.")
  String ref;

  private final Context context;

  public EditCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    DraftRef target = DraftRef.one(ref);
    if (target.drafts().isEmpty()) {
      throw new UsageException("name the draft to edit as RUN/K, e.g. draft edit " + ref + "/1");
    }
    HistoryRecorder.requireEnabled(context, false, "draft edit");
    StoredRun run = PastRuns.findWithDrafts(context, target.run(), "draft edit");
    int k = target.draft();
    StoredDraft draft = DraftRef.draft(run, k);
    String name = run.id() + "/" + k;
    String before = run.currentText(draft);
    DraftEditing.Result result = DraftEditing.edit(context, name, before, null);
    if (result.problem() != null) {
      context.err().println("draft: " + result.problem());
      return result.editorFailed() ? ExitCode.USAGE : ExitCode.OK;
    }
    String edited = result.text();
    if (!result.changed()) {
      context.err().println("draft: no changes to " + name);
      return ExitCode.OK;
    }
    try (Events events = Events.of(context)) {
      events.edit(run.id(), k, edited);
    }
    context
        .err()
        .println(
            "draft: saved your edit of "
                + name
                + " ("
                + wordChanges(before, edited)
                + "); 'draft show "
                + name
                + "' prints it");
    return ExitCode.OK;
  }

  /**
   * How many words the edit added and removed, as the pick view counts them: {@code +3 −1 words}.
   */
  static String wordChanges(String before, String after) {
    WordDiff.Stats stats = WordDiff.stats(WordDiff.diff(before, after));
    int changed = stats.wordsAdded() + stats.wordsRemoved();
    return "+"
        + stats.wordsAdded()
        + " −"
        + stats.wordsRemoved()
        + (changed == 1 ? " word" : " words");
  }
}
