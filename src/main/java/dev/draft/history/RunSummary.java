package dev.draft.history;

import java.time.Instant;

/**
 * One line of the history list.
 *
 * @param template the template name, or null for a raw prompt
 * @param picked the picked draft's index, or null
 * @param preview the start of the picked draft, or else of the first draft with text, on one line
 *     (whitespace collapsed), at most {@value #PREVIEW_CHARS} characters and an ellipsis; empty
 *     when no draft has text
 * @param status how the run's drafts ended: {@code ok} (every draft came back whole, perhaps cut at
 *     the token limit), {@code partial} (some did), {@code interrupted} (none did, and one was cut
 *     short), {@code failed} (none did) or {@code running} (a draft is still streaming)
 */
public record RunSummary(
    String id,
    Instant createdAt,
    String template,
    String model,
    int n,
    Integer picked,
    String preview,
    String status) {

  public static final int PREVIEW_CHARS = 60;

  static String preview(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().replaceAll("\\s+", " ");
    if (line.codePointCount(0, line.length()) <= PREVIEW_CHARS) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, PREVIEW_CHARS)).stripTrailing() + "…";
  }
}
