package dev.draft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.batch.BatchResult;
import dev.draft.client.Usage;
import dev.draft.history.BatchItemRow;
import dev.draft.history.StoredRun;
import dev.draft.session.BatchRun;
import dev.draft.session.EndpointSession;
import dev.draft.session.JsonText;
import dev.draft.session.PastRuns;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a batch tells the user: its plan ({@code --dry-run}), a progress bar on a terminal, and one
 * summary line on stderr at the end.
 */
final class BatchReport {
  /** The progress bar is redrawn at most this often: items may finish hundreds a second. */
  private static final long REDRAW_NANOS = 100_000_000L;

  private static final int BAR = 20;

  private final EndpointSession session;

  BatchReport(EndpointSession session) {
    this.session = session;
  }

  /**
   * On a terminal, one line redrawn in place: {@code [#####-----] 120/300 · 2 failed · 54/min ·
   * 23,400 tokens · $0.0123 · 3 min left}; in a script nothing until the summary.
   */
  Consumer<BatchRun.Progress> progress(PrintWriter err, boolean terminal) {
    if (!terminal) {
      return p -> {};
    }
    long[] last = {0};
    return p -> {
      long now = System.nanoTime();
      boolean end = p.total() != null && p.finished() + p.skipped() >= p.total();
      if (!end && now - last[0] < REDRAW_NANOS) {
        return;
      }
      last[0] = now;
      err.print("\r\u001b[K" + progressLine(p));
      err.flush();
    };
  }

  /** The progress bar's text, without the escape that redraws it. */
  static String progressLine(BatchRun.Progress p) {
    StringBuilder line = new StringBuilder("draft: ");
    long finished = p.finished() + p.skipped();
    if (p.total() != null && p.total() > 0) {
      int filled = (int) Math.min(BAR, finished * BAR / p.total());
      line.append('[')
          .append("#".repeat(filled))
          .append("-".repeat(BAR - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%,d/%,d", finished, p.total()));
    } else {
      line.append(String.format(Locale.ROOT, "%,d done", finished));
    }
    if (p.failed() > 0) {
      line.append(String.format(Locale.ROOT, " · %,d failed", p.failed()));
    }
    double minutes = p.elapsed().toMillis() / 60_000.0;
    double perMinute = minutes > 0 ? p.finished() / minutes : 0;
    line.append(String.format(Locale.ROOT, " · %,.0f/min", perMinute));
    line.append(String.format(Locale.ROOT, " · %,d tokens", p.usage().totalTokens()));
    if (p.cost() != null) {
      line.append(String.format(Locale.ROOT, " · $%.4f", p.cost()));
    }
    if (p.total() != null && perMinute > 0) {
      long left = p.total() - finished;
      line.append(" · ")
          .append(duration(Duration.ofSeconds((long) (left / perMinute * 60))))
          .append(" left");
    }
    return line.toString();
  }

  /** Ends the redrawn line, so the summary starts on a clean one. */
  static void endProgress(PrintWriter err, boolean terminal) {
    if (terminal) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }

  /**
   * The line at the end: {@code draft: batch rewrite: 298 complete, 2 failed, 10 done before · 2
   * min 13 s · 45,000 prompt + 12,000 completion tokens · $0.0412; the failures are in out.jsonl
   * (…)}.
   */
  String summary(String template, BatchRun.Summary s, String failuresWhere) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "draft: batch %s: %,d complete, %,d failed",
                template,
                s.complete(),
                s.failed()));
    if (s.skipped() > 0) {
      line.append(String.format(Locale.ROOT, ", %,d complete before (skipped)", s.skipped()));
    }
    if (s.interrupted()) {
      line.append("; stopped: the items in flight run again next time");
    }
    line.append(" · ").append(duration(s.elapsed()));
    Usage usage = s.usage();
    line.append(
        String.format(
            Locale.ROOT,
            " · %,d prompt + %,d completion tokens",
            usage.promptTokens(),
            usage.completionTokens()));
    if (s.cost() != null) {
      line.append(String.format(Locale.ROOT, " · $%.4f", s.cost()));
    }
    if (!s.waited().isZero()) {
      line.append(" · the rate limits held requests back for ").append(duration(s.waited()));
    }
    if (s.runId() != null) {
      line.append(" · run ").append(s.runId());
    }
    if (s.failed() > 0) {
      line.append("; the failures are in ")
          .append(failuresWhere)
          .append(", the first: ")
          .append(s.firstFailure());
    }
    return line.toString();
  }

  /** The plan of {@code --dry-run}: the items, their tokens, the cost; nothing is sent. */
  void printPlan(PrintWriter out, BatchRun.DryRun plan, int n) {
    out.printf(
        Locale.ROOT,
        "items: %,d%s%n",
        plan.items(),
        plan.failing() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                " (%,d cannot run; the first: %s)",
                plan.failing(),
                plan.firstFailure()));
    long runnable = plan.items() - plan.failing();
    out.printf(
        Locale.ROOT,
        "prompts: about %,d tokens%s; answers: %s%n",
        plan.promptTokens(),
        runnable == 0
            ? ""
            : String.format(Locale.ROOT, " (%,d an item)", plan.promptTokens() / runnable),
        plan.answerTokens() == null
            ? "as long as the model makes them (no --max-tokens)"
            : String.format(
                Locale.ROOT,
                "at most %,d tokens (%d candidate%s an item)",
                plan.answerTokens(),
                n,
                n == 1 ? "" : "s"));
    if (plan.tooLong() > 0) {
      out.printf(
          Locale.ROOT,
          "%,d item%s longer than %s's window of %,d tokens%n",
          plan.tooLong(),
          plan.tooLong() == 1 ? " is" : "s are",
          plan.model(),
          plan.window().tokens());
    }
    Usage estimate =
        new Usage(plan.promptTokens(), plan.answerTokens() == null ? 0 : plan.answerTokens());
    Double cost = session.cost(estimate);
    out.println(
        cost == null
            ? "cost: no prices in the profile for a cost"
            : String.format(
                Locale.ROOT,
                "cost: about $%.4f%s",
                cost,
                plan.answerTokens() == null ? " for the prompts alone" : " at most"));
    out.println("nothing was sent (--dry-run)");
  }

  /** The line after {@code --export-requests}. */
  static String exported(BatchRun.Exported e, String file) {
    StringBuilder line =
        new StringBuilder(
            String.format(Locale.ROOT, "draft: wrote %,d requests to %s", e.written(), file));
    if (e.skipped() > 0) {
      line.append(
          String.format(Locale.ROOT, " (%,d items already complete left out)", e.skipped()));
    }
    if (e.failed() > 0) {
      line.append(
          String.format(
              Locale.ROOT,
              "; %,d items could not be, the first: %s",
              e.failed(),
              e.firstFailure()));
    }
    line.append(
        "; give it to the OpenAI Batch API or vLLM's run-batch, then: draft batch import RESULTS"
            + " --in SOURCE --out DEST");
    return line.toString();
  }

  /** How many failed items {@code draft show} lists for a batch run. */
  static final int SHOWN_FAILURES = 10;

  /** {@code draft show} of a batch run: what it ran, on what, how its items ended. */
  static void printStored(PrintWriter out, StoredRun run, PastRuns.Batch batch) {
    out.println(
        "run "
            + run.id()
            + "  "
            + run.createdAt()
            + "  batch of template "
            + run.template()
            + "  "
            + run.model()
            + (run.profile() == null ? "" : " (profile " + run.profile() + ")"));
    JsonNode payload = payload(batch);
    if (payload != null) {
      out.printf(
          Locale.ROOT,
          "in: %s · out: %s%n",
          payload.path("in").asText("?"),
          payload.path("out").asText("?"));
    }
    long complete = batch.counts().getOrDefault(BatchResult.COMPLETE, 0L);
    long failed = batch.counts().getOrDefault(BatchResult.FAILED, 0L);
    out.printf(
        Locale.ROOT,
        "items: %,d complete, %,d failed%s%s%n",
        complete,
        failed,
        payload != null && payload.path("skipped").asLong() > 0
            ? String.format(
                Locale.ROOT, ", %,d complete before (skipped)", payload.path("skipped").asLong())
            : "",
        payload == null
            ? " (the batch did not end: killed?)"
            : payload.path("interrupted").asBoolean() ? " (stopped)" : "");
    if (run.usage() != null) {
      out.printf(
          Locale.ROOT,
          "tokens: %,d prompt + %,d completion%s%n",
          run.usage().promptTokens(),
          run.usage().completionTokens(),
          run.costUsd() == null ? "" : String.format(Locale.ROOT, " · $%.4f", run.costUsd()));
    }
    for (BatchItemRow item : batch.failed()) {
      out.printf(Locale.ROOT, "failed: %s: %s%n", item.itemId(), item.error());
    }
    if (failed > batch.failed().size()) {
      out.printf(
          Locale.ROOT,
          "… and %,d more failed; all of them are in %s%n",
          failed - batch.failed().size(),
          payload == null ? "the destination" : payload.path("failures").asText());
    }
  }

  /** {@code draft show --json} of a batch run. */
  static ObjectNode storedNode(StoredRun run, PastRuns.Batch batch) {
    ObjectNode node = JsonText.MAPPER.createObjectNode();
    node.put("run", run.id());
    node.put("kind", "batch");
    node.put("template", run.template());
    node.put("profile", run.profile());
    node.put("model", run.model());
    JsonNode payload = payload(batch);
    node.put("in", payload == null ? null : payload.path("in").asText(null));
    node.put("out", payload == null ? null : payload.path("out").asText(null));
    ObjectNode items = node.putObject("items");
    batch.counts().forEach(items::put);
    ArrayNode failed = node.putArray("failed");
    for (BatchItemRow item : batch.failed()) {
      failed.addObject().put("id", item.itemId()).put("error", item.error());
    }
    ObjectNode usage = node.putObject("usage");
    usage.put("prompt_tokens", run.usage() == null ? 0 : run.usage().promptTokens());
    usage.put("completion_tokens", run.usage() == null ? 0 : run.usage().completionTokens());
    return node;
  }

  private static JsonNode payload(PastRuns.Batch batch) {
    if (batch.payload() == null) {
      return null;
    }
    try {
      return JsonText.MAPPER.readTree(batch.payload());
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** {@code 2 min 13 s}, {@code 48.2 s}, {@code 1 h 3 min}. */
  static String duration(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", Math.max(0, d.toMillis()) / 1000.0);
    }
    if (seconds < 3600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
  }
}
