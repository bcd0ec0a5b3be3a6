package dev.draft.cli;

import dev.draft.draft.DraftText;
import dev.draft.history.RunParams;
import dev.draft.history.StoredDraft;
import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.Events;
import dev.draft.session.HistoryRecorder;
import dev.draft.session.PastRuns;
import dev.draft.session.PickSession;
import dev.draft.session.Revisions;
import dev.draft.session.UsageException;
import dev.draft.ui.PickEntry;
import dev.draft.ui.Picker;
import dev.draft.ui.TerminalScreen;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "On a terminal without --choose, the compare/pick view opens on the run's drafts.",
      "The draft's current text is printed (your latest 'draft edit' of it, if any)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  draft pick last                   # compare, diff, edit, refine, pick",
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

  @Mixin EndpointOptions endpoint;

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
    StoredRun run = PastRuns.findWithDrafts(context, target.run(), "draft pick");
    if (choose == null) {
      if (PickSession.available(context)) {
        return interactive(run);
      }
      throw new UsageException("draft pick needs --choose K when not on a terminal");
    }
    String text = DraftRef.text(run, choose);
    if (!run.edited(choose)) {
      // A partial draft says so in its last line; one the user edited is theirs as it stands.
      text = DraftText.marked(DraftRef.draft(run, choose).toDraft().withText(text));
    }
    try (Events events = Events.of(context)) {
      events.pick(run.id(), choose, Events.PickedBy.CHOOSE_OPTION);
    }
    boolean delivered = PickOutput.deliver(context, text, output);
    context.err().println("draft: picked draft " + choose + " of " + run.id());
    return delivered ? ExitCode.OK : ExitCode.USAGE;
  }

  /**
   * The pick on a terminal without {@code --choose}: the compare/pick view of {@code run}, with its
   * drafts' current (possibly edited) texts. Refining, merging and judging from it use the run's
   * model unless {@code -m} says otherwise; the endpoint is only opened when one of them is used.
   */
  int interactive(StoredRun run) {
    List<PickEntry> entries = new ArrayList<>();
    for (StoredDraft stored : run.drafts()) {
      // A draft edited before shows its edit, and says so.
      entries.add(
          new PickEntry(
              run.id(),
              stored.toDraft().withText(run.currentText(stored)),
              run.edited(stored.index()) ? "edited before" : null));
    }
    if (entries.isEmpty()) {
      throw new UsageException("run " + run.id() + " has no drafts to pick from");
    }
    endpoint.modelOr(run.model());
    RunParams params = run.paramsOrDefault();
    PickSession session =
        new PickSession(
            context,
            () -> EndpointSession.open(context, endpoint.flags()),
            true,
            params,
            Revisions.brief(run.messages()));
    Picker.Item picked;
    TerminalScreen opened;
    try {
      opened = PickSession.screen(context);
    } catch (java.io.UncheckedIOException e) {
      throw new UsageException(
          e.getCause().getMessage()
              + "; pick without the view: draft pick "
              + run.id()
              + " --choose K");
    }
    try (TerminalScreen screen = opened) {
      picked =
          session.pick(screen, entries, PickSession.heading(run.id(), run.template(), run.model()));
    }
    return PickOutput.finish(context, session, picked, output);
  }
}
