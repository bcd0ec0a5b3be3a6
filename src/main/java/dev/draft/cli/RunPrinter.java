package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.DraftText;
import dev.draft.draft.Judgement;
import dev.draft.draft.NumberedText;
import dev.draft.draft.Status;
import dev.draft.history.RunParams;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.Events;
import dev.draft.session.Generation;
import dev.draft.session.PickSession;
import dev.draft.session.Revisions;
import dev.draft.session.RunOrigin;
import dev.draft.session.UsageException;
import dev.draft.ui.LiveView;
import dev.draft.ui.Picker;
import dev.draft.ui.TerminalScreen;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
   * Generates {@code n} drafts of {@code request} (native {@code n} or a fan-out), or, when {@code
   * each} is given, one draft per request in it ({@code --vary}), records the run, and prints it.
   */
  int generate(RunOrigin origin, String vary, ChatRequest request, int n, List<ChatRequest> each) {
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    output.check();
    int pick = output.pick(n);
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
    Verdict verdict =
        output.judge() && !generated.interrupted() ? judge(generated, request, n) : Verdict.NONE;
    int shownPick = verdict.chosen() != 0 ? verdict.chosen() : pick;
    DraftOutput.RunInfo info =
        new DraftOutput.RunInfo(run, origin.template(), session.profileName(), model);
    List<Draft> shown = shownPick == 0 ? set.drafts() : List.of(set.drafts().get(shownPick - 1));
    boolean written = true;
    if (stream) {
      // The text is on stdout already; end it with a newline, and mark it when it is partial.
      Draft only = set.drafts().get(0);
      // What streamed is the text; only the newline the renderer would add is missing.
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
    for (Draft draft : set.drafts()) {
      warn(err, draft, n);
    }
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
      ranking(err, verdict.judgement());
    }
    err.println(summary(set, model, n));
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
    String model = session.model();
    boolean record = recordHistory();
    Generation.Generated generated;
    Picker.Item picked;
    PickSession pickSession;
    try (TerminalScreen screen = opened) {
      String what = origin.template() == null ? "" : " of " + origin.template();
      try (LiveView live =
          PickSession.live(context, screen, n + " drafts" + what + " with " + model, n)) {
        generated =
            new Generation(context, session, record).run(origin, vary, request, n, each, live);
        live.finish(generated.set().drafts());
      }
      generated.throwIfNothingCame();
      DraftSet set = generated.set();
      RunParams params =
          new RunParams(n, request.temperature(), request.maxTokens(), request.seed(), vary);
      pickSession =
          new PickSession(
              context,
              () -> session,
              generated.recorded(),
              params,
              Revisions.brief(request.messages()));
      picked =
          pickSession.pick(
              screen,
              PickSession.entries(generated.run(), set.drafts(), null),
              PickSession.heading(generated.run(), origin.template(), model));
    }
    PrintWriter err = context.err();
    for (Draft draft : generated.set().drafts()) {
      warn(err, draft, n);
    }
    err.println(summary(generated.set(), model, n));
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
    int code = PickOutput.finish(context, pickSession, picked, output.output);
    return picked == null && generated.interrupted() ? context.interrupts().exitCode() : code;
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
   * What {@code --pick judge} decided.
   *
   * @param chosen the draft to print, or 0 for every draft
   * @param judgement the judge's ranking, or null when no judge was asked or it failed
   * @param failed whether the judge failed (its error is on stderr already)
   * @param interrupted whether Ctrl-C stopped the judge
   */
  private record Verdict(int chosen, Judgement judgement, boolean failed, boolean interrupted) {
    static final Verdict NONE = new Verdict(0, null, false, false);
  }

  /**
   * Asks the judge to rank the drafts that came back whole, and records its ranking and pick. With
   * fewer than two such drafts there is nothing to judge: the one there is is the pick. A judge
   * that fails costs nothing: every draft is printed, as without {@code --pick}.
   */
  private Verdict judge(Generation.Generated generated, ChatRequest request, int n) {
    PrintWriter err = context.err();
    String run = generated.run();
    List<NumberedText> candidates =
        generated.set().drafts().stream()
            .filter(d -> d.delivered() && !d.text().isBlank())
            .map(d -> new NumberedText(d.index(), d.text()))
            .toList();
    if (candidates.isEmpty()) {
      err.println("draft: no draft came back to judge");
      return Verdict.NONE;
    }
    if (candidates.size() == 1) {
      int only = candidates.get(0).number();
      if (n > 1) {
        err.println("draft: only draft " + only + " came back whole, so there is nothing to judge");
      }
      if (generated.recorded()) {
        try (Events events = Events.reporting(context, err::println)) {
          events.pick(run, only, Events.PickedBy.JUDGE);
        }
      }
      return new Verdict(only, null, false, false);
    }
    err.println(
        "draft: asking " + generated.model() + " to judge " + candidates.size() + " drafts …");
    Judgement judgement;
    try {
      judgement =
          new Revisions(context, session).judge(Revisions.brief(request.messages()), candidates);
    } catch (EndpointException e) {
      boolean interrupted = e.kind() == EndpointException.Kind.INTERRUPTED;
      err.println(
          "draft: "
              + (interrupted ? "the judge was interrupted" : e.getMessage())
              + "; every draft follows");
      return new Verdict(0, null, !interrupted, interrupted);
    }
    if (generated.recorded()) {
      try (Events events = Events.reporting(context, err::println)) {
        events.judge(run, judgement);
        events.pick(run, judgement.first(), Events.PickedBy.JUDGE);
      }
    }
    return new Verdict(judgement.first(), judgement, false, false);
  }

  /** The judge's ranking with its notes, best first, on stderr. */
  private static void ranking(PrintWriter err, Judgement judgement) {
    err.println("draft: " + judgement.model() + " judged the drafts, best first:");
    int place = 1;
    for (int draft : judgement.ranking()) {
      String note = judgement.notes().get(draft);
      err.println("  " + place++ + ". draft " + draft + (note == null ? "" : " · " + note));
    }
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

  private static void warn(PrintWriter err, Draft draft, int n) {
    String which = n == 1 ? "the answer" : "draft " + draft.index() + "/" + n;
    if (draft.status() == Status.TRUNCATED) {
      err.println("draft: " + which + " was cut at the token limit (raise --max-tokens)");
    } else if (draft.status() == Status.FILTERED) {
      err.println("draft: " + which + " was stopped by the provider's content filter");
    } else if (!draft.delivered()) {
      err.println(
          "draft: "
              + which
              + (draft.status() == Status.INTERRUPTED ? " was interrupted: " : " failed: ")
              + draft.error()
              + (draft.text().isEmpty() ? "" : " (the partial text is kept)"));
    }
  }

  private String summary(DraftSet set, String model, int n) {
    StringBuilder line = new StringBuilder();
    line.append(set.deliveredCount())
        .append('/')
        .append(n)
        .append(n == 1 ? " answer" : " drafts")
        .append(" from ")
        .append(model);
    if (n > 1) {
      line.append(" (").append(set.method()).append(')');
    }
    Usage usage = set.usage();
    if (!usage.isEmpty()) {
      line.append(" · ")
          .append(usage.promptTokens())
          .append(" prompt + ")
          .append(usage.completionTokens())
          .append(" completion tokens");
      Double cost = session.cost(usage);
      if (cost != null) {
        line.append(String.format(Locale.ROOT, " · $%.4f", cost));
      }
    }
    return line.toString();
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
