package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.client.Outcome;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftGenerator;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.RunId;
import dev.draft.history.NewRun;
import dev.draft.history.RunParams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs one generation and reports it: the product on stdout (streamed when it is a single text),
 * warnings and a one-line summary on stderr, and the exit code of the outcome.
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
   * each} is given, one draft per request in it ({@code --vary}).
   *
   * @param template the template's name, or null for a raw prompt
   */
  int generate(RunOrigin origin, String vary, ChatRequest request, int n, List<ChatRequest> each) {
    String template = origin.template();
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    output.check();
    int pick = output.pick(n);
    String model = session.model();
    OutputOptions.Format format = output.format;
    boolean stream = format == OutputOptions.Format.text && n == 1 && !output.toFiles();
    if (context.stderrTerminal() && !stream) {
      err.println("drafting " + n + (n == 1 ? " answer" : " candidates") + " with " + model + " …");
    }
    String run = RunId.next(context.clock().instant());
    try (HistoryRecorder history =
        HistoryRecorder.open(context.dirs().historyDb(), recordHistory(), err)) {
      history.start(newRun(run, origin, vary, request.withModel(model), n));
      DraftListener listener =
          history.saving(
              run, stream ? new StreamingText(out, err, showReasoning()) : DraftListener.NONE);
      int code = generate(run, template, request, n, each, model, stream, pick, listener, history);
      if (history.recording()) {
        err.println("draft: saved as " + run + "; 'draft show " + run + "' prints it again");
      }
      return code;
    }
  }

  private boolean recordHistory() {
    return !output.noHistory && session.historyEnabled();
  }

  private NewRun newRun(String run, RunOrigin origin, String vary, ChatRequest request, int n) {
    NewRun.Builder builder =
        NewRun.builder(run)
            .createdAt(context.clock().instant())
            .variables(origin.variables())
            .messages(request.messages())
            .profile(session.profileName())
            .baseUrl(session.settings().baseUrl())
            .model(request.model())
            .params(
                new RunParams(n, request.temperature(), request.maxTokens(), request.seed(), vary));
    if (origin.template() != null) {
      builder.template(origin.template(), origin.templateText());
    }
    if (origin.input() != null) {
      builder.input(origin.inputRef(), origin.input());
    }
    if (origin.parentRun() != null) {
      builder.parent(origin.parentRun(), null);
    }
    return builder.kind(origin.kind()).build();
  }

  private int generate(
      String run,
      String template,
      ChatRequest request,
      int n,
      List<ChatRequest> each,
      String model,
      boolean stream,
      int pick,
      DraftListener listener,
      HistoryRecorder history) {
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    OutputOptions.Format format = output.format;
    DraftGenerator generator =
        new DraftGenerator(
            session.client(), session.capabilities(),
            session.settings().capabilityKey(), session.settings().concurrency());
    DraftSet set;
    boolean interrupted;
    try (Interrupts.Scope scope = context.interrupts().during(session.client()::cancel)) {
      set =
          each == null
              ? generator.generate(request.withModel(model), n, listener)
              : generator.generateEach(
                  each.stream().map(r -> r.withModel(model)).toList(), listener);
      // A Ctrl-C that came after the last draft finished stopped nothing.
      interrupted =
          scope.fired() && set.drafts().stream().anyMatch(d -> d.status() == Outcome.INTERRUPTED);
    }
    history.finish(run, set, session.cost(set.usage()));
    if (pick != 0) {
      history.picked(run, pick, "--pick");
    }
    if (set.nothingDelivered() && set.firstFailure() != null && !interrupted) {
      out.flush();
      throw set.firstFailure();
    }
    DraftOutput.RunInfo info = new DraftOutput.RunInfo(run, template, session.profileName(), model);
    List<Draft> shown = pick == 0 ? set.drafts() : List.of(set.drafts().get(pick - 1));
    if (stream) {
      // The text is on stdout already; end it with a newline.
      String text = set.drafts().get(0).text();
      if (!text.isEmpty() && !text.endsWith("\n")) {
        out.println();
      }
    } else if (output.toFiles()) {
      writeFiles(format, info, set, shown);
    } else {
      out.print(DraftOutput.render(format, info, set, shown));
    }
    out.flush();
    for (Draft draft : set.drafts()) {
      warn(err, draft, n);
    }
    err.println(summary(set, model, n));
    err.flush();
    if (interrupted) {
      return ExitCode.INTERRUPTED;
    }
    if (set.allDelivered()) {
      return ExitCode.OK;
    }
    return set.nothingDelivered() ? ExitCode.ENDPOINT : ExitCode.PARTIAL;
  }

  /**
   * Writes the drafts to {@code -o}/{@code --out-dir}. A file that cannot be written never costs
   * the drafts: they go to stdout instead, with the reason on stderr.
   */
  private void writeFiles(
      OutputOptions.Format format, DraftOutput.RunInfo info, DraftSet set, List<Draft> shown) {
    PrintWriter err = context.err();
    boolean perDraft = format == OutputOptions.Format.text || format == OutputOptions.Format.md;
    try {
      if (perDraft) {
        List<Path> paths = DraftFiles.targets(output, context.cwd(), info.run(), shown);
        for (int i = 0; i < shown.size(); i++) {
          DraftFiles.write(paths.get(i), shown.get(i).text());
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
    } catch (UsageException unwritable) {
      err.println("draft: " + unwritable.getMessage() + "; the drafts follow on stdout instead");
      context.out().print(DraftOutput.render(format, info, set, shown));
    }
  }

  private static void warn(PrintWriter err, Draft draft, int n) {
    String which = n == 1 ? "the answer" : "draft " + draft.index() + "/" + n;
    if (draft.status() == Outcome.TRUNCATED) {
      err.println("draft: " + which + " was cut at the token limit (raise --max-tokens)");
    } else if (draft.status() == Outcome.FILTERED) {
      err.println("draft: " + which + " was stopped by the provider's content filter");
    } else if (!draft.delivered()) {
      err.println(
          "draft: "
              + which
              + (draft.status() == Outcome.INTERRUPTED ? " was interrupted: " : " failed: ")
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
