package dev.draft.cli;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftSet;
import dev.draft.draft.Judgement;
import dev.draft.draft.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines a run ends with on stderr, as pure functions of the run: a warning per draft that did
 * not come back whole, the judge's ranking, and the one-line summary.
 */
final class RunReport {
  private RunReport() {}

  /** One line per draft that was cut, filtered, failed or interrupted, in draft order. */
  static List<String> warnings(DraftSet set, int n) {
    List<String> lines = new ArrayList<>();
    for (Draft draft : set.drafts()) {
      String which = n == 1 ? "the answer" : "draft " + draft.index() + "/" + n;
      if (draft.status() == Status.TRUNCATED) {
        lines.add("draft: " + which + " was cut at the token limit (raise --max-tokens)");
      } else if (draft.status() == Status.FILTERED) {
        lines.add("draft: " + which + " was stopped by the provider's content filter");
      } else if (!draft.delivered()) {
        lines.add(
            "draft: "
                + which
                + (draft.status() == Status.INTERRUPTED ? " was interrupted: " : " failed: ")
                + draft.error()
                + (draft.text().isEmpty() ? "" : " (the partial text is kept)"));
      }
    }
    return lines;
  }

  /** The judge's ranking with its notes, best first. */
  static List<String> ranking(Judgement judgement) {
    List<String> lines = new ArrayList<>();
    lines.add("draft: " + judgement.model() + " judged the drafts, best first:");
    int place = 1;
    for (int draft : judgement.ranking()) {
      String note = judgement.notes().get(draft);
      lines.add("  " + place++ + ". draft " + draft + (note == null ? "" : " · " + note));
    }
    return lines;
  }

  /**
   * {@code 2/3 drafts from MODEL (n) · 120 prompt + 900 completion tokens · $0.0012}.
   *
   * @param cost what the usage cost in US dollars, or null when the profile has no prices
   */
  static String summary(DraftSet set, String model, int n, Double cost) {
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
      if (cost != null) {
        line.append(String.format(Locale.ROOT, " · $%.4f", cost));
      }
    }
    return line.toString();
  }
}
