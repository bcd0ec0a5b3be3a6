package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.DraftText;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.Events;
import dev.draft.session.Generation;
import dev.draft.session.Judging;
import dev.draft.session.PickSession;
import dev.draft.session.PlannedRun;
import dev.draft.session.RunOrigin;
import dev.draft.session.UsageException;
import dev.draft.session.ViewRun;
import dev.draft.ui.TerminalScreen;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one generation ({@link Generation}) and reports it: the product on stdout (streamed when it
 * is a single text), warnings and a one-line summary on stderr, and the exit code of the outcome.
 * With {@code --pick judge} it asks a judge to choose before printing.
 */
final class RunPrinter {
  private final Context context;
  private final EndpointSession session;
  private final OutputOptions output;

  RunPrinter(Context context, EndpointSession session, OutputOptions output) {
    this.context = context;
    this.session = session;
    this.output = output;
  }

  /**
   * Generates the planned run's drafts (native {@code n} or a fan-out, or one per request of {@code
   * --vary}), records the run, and prints it.
   */
  int generate(PlannedRun planned) {
    RunOrigin origin = planned.origin();
    String vary = planned.vary().name();
    ChatRequest request = planned.request();
    int n = planned.n();
    List<ChatRequest> each = planned.each();
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    output.check(n);
    int pick = output.pick();
    if (opensView(n)) {
      TerminalScreen screen = openScreen();
      if (screen != null) {
        return generateInView(screen, origin, vary, request, n, each);
      }
    }
    String model = session.model();
    OutputOptions.Format format = output.format;
    boolean stream = format == OutputOptions.Format.text && n == 1 && !output.toFiles();
    if (context.stderrTerminal() && !stream) {
      err.println("drafting " + n + (n == 1 ? " answer" : " candidates") + " with " + model + " …");
    }
    Generation.Generated generated =
        new Generation(context, session, recordHistory())
            .run(
                origin,
                vary,
                request,
                n,
                each,
                stream ? new StreamingText(out, err, showReasoning()) : DraftListener.NONE);
    String run = generated.run();
    DraftSet set = generated.set();
    // A draft that did not come back whole is never recorded as the pick.
    boolean pickedWhole = pick == 0 || set.drafts().get(pick - 1).delivered();
    if (pick != 0 && pickedWhole && generated.recorded()) {
      try (Events events = Events.reporting(context, err::println)) {
        events.pick(run, pick, Events.PickedBy.PICK_OPTION);
      }
    }
    out.flush();
    generated.throwIfNothingCame();
    Judging.Verdict verdict =
        output.judge() && !generated.interrupted()
            ? new Judging(context, session, err::println).judge(generated, request, n)
            : Judging.Verdict.NONE;
    int shownPick = verdict.chosen() != 0 ? verdict.chosen() : pick;
    DraftOutput.RunInfo info =
        new DraftOutput.RunInfo(run, origin.template(), session.profileName(), model);
    List<Draft> shown = shownPick == 0 ? set.drafts() : List.of(set.drafts().get(shownPick - 1));
    boolean written = true;
    if (stream) {
      // The text is on stdout already: add the newline the renderer would end it with, and mark
      // it when it is partial.
      Draft only = set.drafts().get(0);
      String text = only.text();
      out.print(DraftText.withNewline(text).substring(text.length()));
      String marker = DraftText.marker(only);
      if (marker != null) {
        out.println(marker);
      }
    } else if (output.toFiles()) {
      written = writeFiles(format, info, set, shown);
    } else {
      out.print(DraftOutput.render(format, info, set, shown));
    }
    out.flush();
    RunReport.warnings(set, n).forEach(err::println);
    if (!pickedWhole) {
      Draft picked = set.drafts().get(pick - 1);
      err.println(
          "draft: draft "
              + pick
              + " did not come back whole ("
              + picked.status().label()
              + ")"
              + (generated.recorded()
                  ? ", so it is not recorded as the pick; 'draft pick "
                      + run
                      + " --choose K' records another"
                  : ""));
    }
    if (verdict.judgement() != null) {
      RunReport.ranking(verdict.judgement()).forEach(err::println);
    }
    err.println(summary(set, n));
    if (generated.recorded()) {
      err.println("draft: saved as " + run + "; 'draft show " + run + "' prints it again");
    }
    err.flush();
    if (generated.interrupted() || verdict.interrupted()) {
      return context.interrupts().exitCode();
    }
    // No draft came back whole (the one picked, or any): "the rest were delivered" would be false.
    if (verdict.failed() || !pickedWhole || set.deliveredCount() == 0) {
      return ExitCode.ENDPOINT;
    }
    if (!written) {
      return ExitCode.USAGE;
    }
    return set.allDelivered() ? ExitCode.OK : ExitCode.PARTIAL;
  }

  /**
   * Whether the drafts stream into the live view and the pick view opens on them: on a terminal,
   * for several drafts, unless {@code --pick}, {@code --no-pick}, a machine format (json, jsonl) or
   * {@code --out-dir} (every draft to a file) says the output is for a script.
   */
  private boolean opensView(int n) {
    return n > 1
        && PickSession.available(context)
        && output.pick == null
        && !output.noPick
        && output.outDir == null
        && (output.format == OutputOptions.Format.text || output.format == OutputOptions.Format.md);
  }

  /**
   * Generates with the drafts streaming side by side, then lets the user compare, edit, refine,
   * merge and pick; the pick goes to stdout (or {@code -o FILE}) once the screen is closed.
   */
  private int generateInView(
      TerminalScreen opened,
      RunOrigin origin,
      String vary,
      ChatRequest request,
      int n,
      List<ChatRequest> each) {
    ViewRun.Result view =
        ViewRun.run(context, session, recordHistory(), opened, origin, vary, request, n, each);
    Generation.Generated generated = view.generated();
    PrintWriter err = context.err();
    RunReport.warnings(generated.set(), n).forEach(err::println);
    err.println(summary(generated.set(), n));
    if (generated.recorded()) {
      err.println(
          "draft: saved as "
              + generated.run()
              + "; 'draft pick "
              + generated.run()
              + "' reopens the view, 'draft show "
              + generated.run()
              + "' prints it");
    }
    int code = PickOutput.finish(context, view.session(), view.picked(), output.output);
    return view.picked() == null && generated.interrupted()
        ? context.interrupts().exitCode()
        : code;
  }

  /** The terminal for the view, or null (with a warning) when it cannot be opened. */
  private TerminalScreen openScreen() {
    try {
      return PickSession.screen(context);
    } catch (java.io.UncheckedIOException e) {
      context
          .err()
          .println("draft: " + e.getCause().getMessage() + "; the drafts are printed instead");
      return null;
    }
  }

  private boolean recordHistory() {
    return !output.noHistory && session.historyEnabled();
  }

  /**
   * Writes the drafts to {@code -o}/{@code --out-dir}. A file that cannot be written never costs
   * the drafts: they go to stdout instead, with the reason on stderr.
   *
   * @return whether every file was written
   */
  private boolean writeFiles(
      OutputOptions.Format format, DraftOutput.RunInfo info, DraftSet set, List<Draft> shown) {
    PrintWriter err = context.err();
    boolean perDraft = format == OutputOptions.Format.text || format == OutputOptions.Format.md;
    try {
      if (perDraft) {
        List<Path> paths = DraftFiles.targets(output, context.cwd(), info.run(), shown);
        for (int i = 0; i < shown.size(); i++) {
          DraftFiles.write(paths.get(i), DraftText.marked(shown.get(i)));
          err.println("draft: wrote " + paths.get(i));
        }
      } else {
        Path path =
            output.output != null
                ? output.output
                : output.outDir.resolve(info.run() + "." + format);
        DraftFiles.write(path, DraftOutput.render(format, info, set, shown));
        err.println("draft: wrote " + path);
      }
      return true;
    } catch (UsageException unwritable) {
      err.println("draft: " + unwritable.getMessage() + "; the drafts follow on stdout instead");
      context.out().print(DraftOutput.render(format, info, set, shown));
      return false;
    }
  }

  private String summary(DraftSet set, int n) {
    return RunReport.summary(set, session.model(), n, session.cost(set.usage()));
  }

  /** Reasoning is shown, dimmed on stderr, only to a person watching a terminal. */
  private boolean showReasoning() {
    return context.stderrTerminal();
  }

  /**
   * Prints a single answer as it streams: the text to stdout, the model's reasoning (when shown)
   * dimmed to stderr, so that the product on stdout stays clean.
   */
  private final class StreamingText implements DraftListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean reasoning;
    private boolean reasoned;

    StreamingText(PrintWriter out, PrintWriter err, boolean reasoning) {
      this.out = out;
      this.err = err;
      this.reasoning = reasoning;
    }

    @Override
    public synchronized void onText(int draft, String delta) {
      if (reasoned) {
        err.println(context.colour() ? "\u001b[0m" : "");
        err.flush();
        reasoned = false;
      }
      out.print(delta);
      out.flush();
    }

    @Override
    public synchronized void onReasoning(int draft, String delta) {
      if (!reasoning) {
        return;
      }
      if (!reasoned) {
        err.print(context.colour() ? "\u001b[2m" : "");
        reasoned = true;
      }
      err.print(delta);
      err.flush();
    }
  }
}
