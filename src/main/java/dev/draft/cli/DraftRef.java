package dev.draft.cli;

import dev.draft.history.StoredDraft;
import dev.draft.history.StoredRun;
import dev.draft.session.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run and some of its drafts as commands name them: {@code RUN} alone, {@code RUN/K}, or {@code
 * RUN/1,3} and {@code RUN/1-3} for several. RUN is an id, a unique prefix of one, or {@code last}.
 *
 * @param run the run part, as typed
 * @param drafts the draft numbers in the order given, without repeats; empty for a bare RUN
 */
record DraftRef(String run, List<Integer> drafts) {
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,9})-(\\d{1,9})");

  DraftRef {
    drafts = List.copyOf(drafts);
  }

  /**
   * {@code RUN} or {@code RUN/K}.
   *
   * @throws UsageException when what follows the slash is not one draft number
   */
  static DraftRef one(String text) {
    requireRun(text);
    int slash = text.lastIndexOf('/');
    if (slash <= 0) {
      return new DraftRef(text, List.of());
    }
    String after = text.substring(slash + 1).strip();
    if (!NUMBER.matcher(after).matches()) {
      throw new UsageException("'" + text + "': after the / comes a draft number, e.g. last/2");
    }
    return new DraftRef(text.substring(0, slash), List.of(Integer.parseInt(after)));
  }

  /**
   * {@code RUN}, or {@code RUN/} then numbers and ranges separated by commas ({@code 1,3}, {@code
   * 1-3}, {@code 1,3-4}).
   *
   * @throws UsageException when what follows the slash is not such a list
   */
  static DraftRef several(String text) {
    requireRun(text);
    int slash = text.lastIndexOf('/');
    if (slash <= 0) {
      return new DraftRef(text, List.of());
    }
    Set<Integer> drafts = new LinkedHashSet<>();
    for (String part : text.substring(slash + 1).split(",", -1)) {
      String item = part.strip();
      Matcher range = RANGE.matcher(item);
      if (NUMBER.matcher(item).matches()) {
        drafts.add(Integer.parseInt(item));
      } else if (range.matches()
          && Integer.parseInt(range.group(1)) <= Integer.parseInt(range.group(2))) {
        for (int k = Integer.parseInt(range.group(1)); k <= Integer.parseInt(range.group(2)); k++) {
          drafts.add(k);
        }
      } else {
        throw new UsageException(
            "'"
                + text
                + "': after the / come draft numbers separated by commas, or a range, e.g."
                + " last/1,3 or last/1-3");
      }
    }
    return new DraftRef(text.substring(0, slash), new ArrayList<>(drafts));
  }

  /**
   * @throws UsageException for an empty ref, which names no run
   */
  private static void requireRun(String text) {
    if (text == null || text.isBlank()) {
      throw new UsageException("give a run id, the start of one, or last, e.g. 'draft show last'");
    }
  }

  /** The single draft number; only for a ref that has one. */
  int draft() {
    return drafts.get(0);
  }

  /**
   * Draft {@code k} of {@code run}.
   *
   * @throws UsageException when the run has no such draft
   */
  static StoredDraft draft(StoredRun run, int k) {
    return run.draft(k)
        .orElseThrow(
            () ->
                new UsageException(
                    "run " + run.id() + " has drafts 1 to " + run.drafts().size() + ", not " + k));
  }

  /**
   * The current text of draft {@code k} of {@code run} (the user's latest edit, else the model's),
   * for a command that works on it.
   *
   * @throws UsageException when the run has no such draft, or it has no text
   */
  static String text(StoredRun run, int k) {
    StoredDraft draft = draft(run, k);
    String text = run.currentText(draft);
    if (text.isBlank()) {
      throw new UsageException(
          "draft "
              + run.id()
              + "/"
              + k
              + " has no text ("
              + draft.status().label()
              + (draft.error() == null ? "" : ": " + draft.error())
              + "); choose another draft ('draft show "
              + run.id()
              + "' lists them)");
    }
    return text;
  }
}
