package dev.draft.cli;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.Usage;
import dev.draft.config.Preset;
import dev.draft.draft.Vary;
import dev.draft.longdoc.Chunk;
import dev.draft.longdoc.ContextWindow;
import dev.draft.longdoc.Strategy;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.LongDocument;
import dev.draft.session.PastRuns;
import dev.draft.session.PlannedRun;
import dev.draft.session.PromptCheck;
import dev.draft.session.Requests;
import dev.draft.session.RunOrigin;
import dev.draft.session.Sampling;
import dev.draft.session.TokenCounting;
import dev.draft.session.UsageException;
import dev.draft.template.Template;
import dev.draft.template.TemplateRenderer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A template run whose input is longer than the model's window, as the strategy says: refused with
 * the numbers, cut to the start that fits, or read in parts ({@link LongDocument}); or, with {@code
 * --dry-run}, only the plan printed. Prints the plan, the progress and what was left out; the
 * result is printed as any run's ({@link RunPrinter}).
 */
final class LongInputRun {
  private final Context context;
  private final EndpointSession session;
  private final Template template;
  private final Map<String, String> values;
  private final String input;
  private final Sampling sampling;

  LongInputRun(
      Context context,
      EndpointSession session,
      Template template,
      Map<String, String> values,
      String input,
      Sampling sampling) {
    this.context = context;
    this.session = session;
    this.template = template;
    this.values = values;
    this.input = input;
    this.sampling = sampling;
  }

  /**
   * Whether an input must be read in parts: it does not fit the window, or the window is unknown
   * and the input is longer than draft dares send whole ({@link LongDocument#DEFAULT_WINDOW}) and
   * the strategy is not {@code error}.
   */
  static boolean needed(PromptCheck.Measured measured, String input, Strategy strategy) {
    if (input == null) {
      return false;
    }
    return measured.problem() != null || unknownAndLong(measured, strategy);
  }

  private static boolean unknownAndLong(PromptCheck.Measured measured, Strategy strategy) {
    return !measured.window().known()
        && measured.tokens() > LongDocument.DEFAULT_WINDOW
        && strategy != Strategy.ERROR;
  }

  /**
   * Runs {@code request} (the whole input in one prompt, which {@code measured} says does not fit,
   * or fits and only the plan is wanted).
   */
  int run(
      PromptCheck.Measured measured,
      Strategy strategy,
      boolean dryRun,
      boolean reread,
      RunOrigin origin,
      Vary vary,
      int n,
      OutputOptions output) {
    PrintWriter err = context.err();
    if (input == null && measured.problem() != null) {
      throw new UsageException(measured.problem());
    }
    if (!needed(measured, input, strategy)) {
      // Only --dry-run comes here with a prompt that goes in one request.
      context
          .out()
          .printf(
              Locale.ROOT,
              "the prompt is about %,d tokens and %s in one request%s%nnothing was sent"
                  + " (--dry-run)%n",
              measured.tokens(),
              measured.window().known()
                  ? String.format(
                      Locale.ROOT,
                      "fits %s's window of %,d tokens",
                      session.model(),
                      measured.window().tokens())
                  : "goes, as " + session.model() + "'s window is unknown,",
              n == 1 ? "" : " (" + n + " candidates)");
      return ExitCode.OK;
    }
    boolean inputTooLong =
        unknownAndLong(measured, strategy) || measured.tokens() >= measured.window().tokens();
    if (strategy == Strategy.ERROR || !inputTooLong) {
      // Only an input that cannot fit on its own is read in parts; too little room for the answer
      // is fixed by --max-tokens, as the problem says.
      throw new UsageException(
          measured.problem()
              + (inputTooLong
                  ? "; or read it in parts with --long-input map-reduce (or refine, for a story;"
                      + " or truncate to keep the start)"
                  : ""));
    }
    LongDocument document =
        new LongDocument(
            context,
            session,
            template,
            values,
            input,
            sampling,
            TokenCounting.forDocument(session, input),
            new ProgressLine(err, context.stderrTerminal(), session::cost));
    // The server's own window, even for a model the table knows: a llama.cpp slot may be smaller.
    ContextWindow window =
        PromptCheck.window(
            session, session.model(), !Preset.isHostedProvider(session.settings().baseUrl()));
    LongDocument.Plan plan = document.plan(strategy, window, vary);
    if (plan.assumed()) {
      err.printf(
          Locale.ROOT,
          "draft: %s's context window is unknown; assuming %,d tokens (set context_window in the"
              + " profile)%n",
          session.model(),
          LongDocument.DEFAULT_WINDOW);
    }
    // A past run's notes on the same input with the same prompts are these: not paid for twice.
    Optional<LongDocument.Read> reused =
        strategy == Strategy.TRUNCATE || reread || output.noHistory || !session.historyEnabled()
            ? Optional.empty()
            : PastRuns.notes(context, document.fingerprint(plan))
                .flatMap(stored -> document.reuse(plan, stored));
    if (dryRun) {
      printPlan(context.out(), plan, n, reused);
      return ExitCode.OK;
    }
    if (strategy == Strategy.TRUNCATE) {
      String kept = document.truncated(plan);
      long keptTokens = plan.parts().isEmpty() ? 0 : plan.parts().get(0).tokens();
      err.printf(
          Locale.ROOT,
          "draft: the input is about %,d tokens; kept the first %,d (%d%%) and dropped the rest"
              + " (--long-input truncate)%n",
          plan.inputTokens(),
          keptTokens,
          plan.inputTokens() == 0 ? 100 : keptTokens * 100 / plan.inputTokens());
      List<ChatMessage> messages =
          dev.draft.session.Prompts.messages(TemplateRenderer.render(template, values, kept));
      ChatRequest request = Requests.of(messages).flags(sampling).template(template).build();
      return new RunPrinter(context, session, output)
          .generate(
              PlannedRun.plan(
                  context, session, origin, vary, request, n, "the input", err::println));
    }
    LongDocument.Read read;
    if (reused.isPresent()) {
      read = reused.get();
      err.printf(
          Locale.ROOT,
          "draft: the input is longer than %s's window; using the notes run %s took on it with"
              + " the same prompts (%d %s; --reread reads it again)%n",
          session.model(),
          read.reusedFrom(),
          plan.size(),
          plan.size() == 1 ? "part" : "parts");
    } else {
      err.printf(
          Locale.ROOT,
          "draft: the prompt is about %,d tokens, more than %s's window: reading the input in %d"
              + " %s%n",
          measured.tokens(),
          session.model(),
          plan.size(),
          plan.size() == 1 ? "part" : "parts");
      try {
        read = document.read(plan);
      } finally {
        ProgressLine.end(err, context.stderrTerminal());
      }
      err.println(summary(read, plan));
    }
    for (LongDocument.Missing missing : read.missing()) {
      err.println(
          "draft: "
              + missing.label()
              + " is missing from the result: its notes failed ("
              + missing.error()
              + ")");
    }
    int code =
        new RunPrinter(context, session, output)
            .generate(
                PlannedRun.plan(
                    context,
                    session,
                    origin.withNotes(read.payload()),
                    vary,
                    read.request(),
                    n,
                    "the notes on the input",
                    err::println));
    return code == ExitCode.OK && !read.missing().isEmpty() ? ExitCode.PARTIAL : code;
  }

  private String summary(LongDocument.Read read, LongDocument.Plan plan) {
    Usage usage = read.usage();
    Double cost = session.cost(usage);
    return String.format(
        Locale.ROOT,
        "draft: read the input in %d parts (%d %s, %d calls) · %,d prompt + %,d completion"
            + " tokens%s",
        plan.size(),
        read.rounds(),
        read.rounds() == 1 ? "round" : "rounds",
        read.calls(),
        usage.promptTokens(),
        usage.completionTokens(),
        cost == null ? "" : String.format(Locale.ROOT, " · $%.4f", cost));
  }

  /** The plan of {@code --dry-run}: the parts, the calls, the cost; nothing is sent. */
  private void printPlan(
      PrintWriter out, LongDocument.Plan plan, int n, Optional<LongDocument.Read> reused) {
    out.printf(
        Locale.ROOT,
        "input: about %,d tokens; %s's window is %,d tokens (%s)%n",
        plan.inputTokens(),
        plan.model(),
        plan.assumed() ? LongDocument.DEFAULT_WINDOW : plan.window().tokens(),
        plan.assumed() ? "assumed" : plan.window().source().label());
    if (plan.strategy() == Strategy.TRUNCATE) {
      long kept = plan.parts().isEmpty() ? 0 : plan.parts().get(0).tokens();
      out.printf(
          Locale.ROOT,
          "truncate: keeps the first %,d tokens, drops about %,d%n",
          kept,
          Math.max(0, plan.inputTokens() - kept));
      out.printf(Locale.ROOT, "calls: %d%n", n);
    } else {
      out.printf(
          Locale.ROOT,
          "%s: %d parts of at most %,d tokens, notes of at most %,d tokens each%n",
          plan.strategy().label(),
          plan.size(),
          plan.partBudget(),
          plan.notesTokens());
      for (Chunk part : plan.parts()) {
        out.printf(
            Locale.ROOT,
            "  part %-3d %,7d tokens  %s%n",
            part.index() + 1,
            part.tokens(),
            String.join(" > ", part.headings()));
      }
      if (reused.isPresent()) {
        out.printf(
            Locale.ROOT,
            "calls: none for notes (run %s took them on the same input with the same prompts;"
                + " --reread takes them again), then %d for the result%s%n",
            reused.get().reusedFrom(),
            n,
            n == 1 ? "" : " (-n " + n + ")");
        out.println("nothing was sent (--dry-run)");
        return;
      }
      int combining = plan.combiningCalls();
      out.printf(
          Locale.ROOT,
          "calls: %d for notes, %s, then %d for the result%s%n",
          plan.size(),
          combining == 0 ? "none to combine them" : "about " + combining + " to combine them",
          n,
          n == 1 ? "" : " (-n " + n + ")");
      Usage estimate = plan.estimate(n);
      Double cost = session.cost(estimate);
      out.printf(
          Locale.ROOT,
          "tokens: about %,d prompt + %,d completion%s%n",
          estimate.promptTokens(),
          estimate.completionTokens(),
          cost == null
              ? " (no prices in the profile for a cost)"
              : String.format(Locale.ROOT, ", about $%.4f", cost));
    }
    out.println("nothing was sent (--dry-run)");
  }

  /**
   * Reading's progress on stderr: on a terminal one line redrawn in place ({@code notes 5/9 ·
   * 10,240 tokens · $0.0031 · 12 s}, the cost when the profile has prices); in a script nothing
   * until the summary.
   */
  private static final class ProgressLine
      implements java.util.function.Consumer<LongDocument.Progress> {
    private final PrintWriter err;
    private final boolean terminal;
    private final Function<Usage, Double> cost;

    ProgressLine(PrintWriter err, boolean terminal, Function<Usage, Double> cost) {
      this.err = err;
      this.terminal = terminal;
      this.cost = cost;
    }

    @Override
    public void accept(LongDocument.Progress progress) {
      if (!terminal) {
        return;
      }
      Double spent = cost.apply(progress.usage());
      err.printf(
          Locale.ROOT,
          "\r\u001b[Kdraft: %s %d/%d · %,d tokens%s · %d s",
          progress.stage(),
          progress.done(),
          progress.total(),
          progress.usage().totalTokens(),
          spent == null ? "" : String.format(Locale.ROOT, " · $%.4f", spent),
          progress.elapsed().toSeconds());
      err.flush();
    }

    /** Ends the redrawn line, so the next line starts clean. */
    static void end(PrintWriter err, boolean terminal) {
      if (terminal) {
        err.print("\r\u001b[K");
        err.flush();
      }
    }
  }
}
