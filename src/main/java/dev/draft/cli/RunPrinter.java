package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.client.Outcome;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftGenerator;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.RunId;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Runs one generation and reports it: the product on stdout (streamed when it is a single text),
 * warnings and a one-line summary on stderr, and the exit code of the outcome.
 */
final class RunPrinter {
  private final Context context;
  private final EndpointSession session;
  private final OutputOptions.Format format;
  private final int pick;

  RunPrinter(Context context, EndpointSession session, OutputOptions.Format format, int pick) {
    this.context = context;
    this.session = session;
    this.format = format;
    this.pick = pick;
  }

  int generate(String template, ChatRequest request, int n) {
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    String model = session.model();
    ChatRequest withModel =
        new ChatRequest(
            model,
            request.messages(),
            1,
            request.temperature(),
            request.maxTokens(),
            request.seed(),
            request.stream());
    boolean stream = format == OutputOptions.Format.text && n == 1;
    if (context.stderrTerminal() && !stream) {
      err.println("drafting " + n + (n == 1 ? " answer" : " candidates") + " with " + model + " …");
    }
    DraftListener listener =
        stream ? new StreamingText(out, err, showReasoning()) : DraftListener.NONE;
    DraftGenerator generator =
        new DraftGenerator(
            session.client(), session.capabilities(),
            session.settings().capabilityKey(), session.settings().concurrency());
    DraftSet set;
    boolean interrupted;
    try (Interrupts.Scope scope = context.interrupts().during(session.client()::cancel)) {
      set = generator.generate(withModel, n, listener);
      // A Ctrl-C that came after the last draft finished stopped nothing.
      interrupted =
          scope.fired() && set.drafts().stream().anyMatch(d -> d.status() == Outcome.INTERRUPTED);
    }
    if (set.nothingDelivered() && set.firstFailure() != null && !interrupted) {
      if (stream) {
        out.flush();
      }
      throw set.firstFailure();
    }
    String run = RunId.next(context.clock().instant());
    DraftOutput.write(
        out,
        format,
        new DraftOutput.RunInfo(run, template, session.profileName(), model),
        set,
        pick,
        stream);
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
      Double cost =
          session.resolved().prices() == null ? null : session.resolved().prices().cost(usage);
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
