package dev.draft.ui;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * Measures and wraps text by display width, the number of terminal columns it takes: a Chinese,
 * Japanese or Korean character or an emoji takes two, a combining accent none. Columns of drafts
 * side by side stay straight only when every line is measured this way, never by {@code length()}.
 */
public final class TextWrap {
  private static final int TAB = 4;

  private TextWrap() {}

  /** One wrapped line: the characters {@code [start, end)} of the text it was cut from. */
  public record Line(int start, int end) {}

  /**
   * The text with what a terminal would act on rather than show taken out: escape sequences and
   * other control characters (a model can emit them), carriage returns; tabs become spaces. Only
   * newlines stay.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        out.append('\n');
      } else if (cp == '\t') {
        out.append(" ".repeat(TAB));
      } else if (cp == 0x1b) {
        i = skipEscape(text, i);
      } else if (!Character.isISOControl(cp) && cp != 0x2028 && cp != 0x2029) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** Skips the rest of an ANSI escape sequence (CSI {@code ESC [ ... final}, or ESC + one char). */
  private static int skipEscape(String text, int i) {
    if (i < text.length() && text.charAt(i) == '[') {
      i++;
      while (i < text.length() && (text.charAt(i) < 0x40 || text.charAt(i) > 0x7e)) {
        i++;
      }
      return Math.min(text.length(), i + 1);
    }
    return Math.min(text.length(), i + 1);
  }

  /** The columns one code point takes: 0, 1 or 2. */
  public static int width(int codePoint) {
    return Math.max(0, WCWidth.wcwidth(codePoint));
  }

  /** The columns {@code text} takes on one line. */
  public static int width(CharSequence text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      columns += width(cp);
      i += Character.charCount(cp);
    }
    return columns;
  }

  /** {@code text} (printable, one line) cut to {@code columns} with an ellipsis, then padded. */
  public static String fit(String text, int columns) {
    if (columns <= 0) {
      return "";
    }
    int used = width(text);
    if (used <= columns) {
      return text + " ".repeat(columns - used);
    }
    StringBuilder out = new StringBuilder();
    int taken = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int w = width(cp);
      if (taken + w > columns - 1) {
        break;
      }
      out.appendCodePoint(cp);
      taken += w;
      i += Character.charCount(cp);
    }
    out.append('…');
    taken++;
    return out + " ".repeat(Math.max(0, columns - taken));
  }

  /** The wrapped lines of {@code text} (already {@link #printable}) as strings. */
  public static List<String> wrap(String text, int columns) {
    List<String> lines = new ArrayList<>();
    for (Line line : lines(text, columns)) {
      lines.add(text.substring(line.start(), line.end()));
    }
    return lines;
  }

  /**
   * Where {@code text} (already {@link #printable}) breaks into lines of at most {@code columns}:
   * at newlines, after spaces, next to wide characters (CJK text has no spaces and breaks between
   * any two of them), and inside a word only when the word alone is wider than a line. Spaces at a
   * break are dropped; a blank line stays a blank line.
   */
  public static List<Line> lines(String text, int columns) {
    int width = Math.max(1, columns);
    List<Line> lines = new ArrayList<>();
    int paragraph = 0;
    while (true) {
      int end = text.indexOf('\n', paragraph);
      int stop = end < 0 ? text.length() : end;
      wrapParagraph(text, paragraph, stop, width, lines);
      if (end < 0) {
        break;
      }
      paragraph = end + 1;
    }
    return lines;
  }

  private static void wrapParagraph(String text, int from, int to, int width, List<Line> lines) {
    if (from == to) {
      lines.add(new Line(from, to));
      return;
    }
    int start = from;
    while (start < to) {
      int columns = 0;
      int breakAt = -1; // the end of the line if it breaks at the last opportunity
      int resumeAt = -1; // where the next line starts then
      int i = start;
      while (i < to) {
        int cp = text.codePointAt(i);
        int w = width(cp);
        int next = i + Character.charCount(cp);
        if (cp == ' ') {
          breakAt = i;
          resumeAt = skipSpaces(text, next, to);
        } else if (w == 2 && i > start) {
          breakAt = i; // before a wide character
          resumeAt = i;
        }
        if (columns + w > width && cp != ' ') {
          break;
        }
        columns += w;
        i = next;
        if (w == 2) {
          breakAt = i; // after a wide character
          resumeAt = i;
        }
      }
      if (i >= to) {
        lines.add(new Line(start, trimEnd(text, start, to)));
        return;
      }
      if (breakAt > start) {
        lines.add(new Line(start, trimEnd(text, start, breakAt)));
        start = resumeAt;
      } else {
        // One word wider than the line: cut it where the line is full (at least one character).
        int cut = i > start ? i : start + Character.charCount(text.codePointAt(start));
        lines.add(new Line(start, cut));
        start = cut;
      }
    }
  }

  private static int skipSpaces(String text, int i, int to) {
    while (i < to && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int trimEnd(String text, int start, int end) {
    while (end > start && text.charAt(end - 1) == ' ') {
      end--;
    }
    return end;
  }
}
