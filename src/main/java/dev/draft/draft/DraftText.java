package dev.draft.draft;

import java.util.List;

/**
 * How a draft's text is written out, the same wherever it goes (stdout, a file, the editor, the
 * history's {@code show}): a header line {@code === draft K/N ===} between several drafts, one
 * newline at the end, and a last line that marks a draft that did not come back whole.
 */
public final class DraftText {
  private DraftText() {}

  /**
   * The line that heads draft {@code index} of {@code total} when several are printed together:
   * {@code === draft 2/3 ===}, with each non-blank note after it ({@code === draft 2/3 · edited
   * ===}); a note that starts with a space or {@code (} follows without the dot.
   */
  public static String header(int index, int total, List<String> notes) {
    StringBuilder line = new StringBuilder("=== draft ").append(index).append('/').append(total);
    for (String note : notes) {
      if (note == null || note.isBlank()) {
        continue;
      }
      line.append(note.startsWith(" ") || note.startsWith("(") ? "" : " · ");
      line.append(note.startsWith("(") ? " " + note : note);
    }
    return line.append(" ===").toString();
  }

  /**
   * What the header of a draft that did not come back whole adds: {@code (interrupted)}, or {@code
   * (failed: why)}; nothing for a whole draft.
   */
  public static String headerMark(Draft draft) {
    if (draft.delivered()) {
      return "";
    }
    if (draft.status() == Status.FAILED && draft.error() != null) {
      return "(failed: " + draft.error() + ")";
    }
    return "(" + draft.status().label() + ")";
  }

  /**
   * A draft's text as it goes alone to stdout or a file: ending with one newline, and, when it did
   * not come back whole, with a last line that says so ({@code <!-- draft: interrupted: why -->}),
   * so that a half file never looks finished.
   */
  public static String marked(Draft draft) {
    String text = withNewline(draft.text());
    String marker = marker(draft);
    return marker == null ? text : text + marker + "\n";
  }

  /**
   * The last line that marks a draft that did not come back whole, an HTML comment that Markdown
   * does not show: {@code <!-- draft: interrupted: the stream ended ... -->}; null for a whole one,
   * and for one without any text, which cannot be mistaken for a finished draft.
   */
  public static String marker(Draft draft) {
    if (draft.delivered() || draft.text().isEmpty()) {
      return null;
    }
    String why = draft.error() == null ? "" : ": " + draft.error().replace("-->", "->");
    return "<!-- draft: " + draft.status().label() + why + " -->";
  }

  /** Text ends with one newline, except empty text, which stays empty. */
  public static String withNewline(String text) {
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }
}
