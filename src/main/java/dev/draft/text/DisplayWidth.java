package dev.draft.text;

import org.jline.utils.WCWidth;

/**
 * How many terminal columns text takes, for tables that line up: a Chinese, Japanese or Korean
 * character takes two, a combining accent none, where {@link String#length()} counts one for each
 * (and two for an emoji outside the Basic Multilingual Plane).
 *
 * <p>Widths are JLine's, a code point at a time, as the pick view counts them. A control character
 * counts one column, as {@code String.length()} counted it, so ASCII text pads exactly as before.
 */
public final class DisplayWidth {
  private DisplayWidth() {}

  /** The columns {@code text} takes on a terminal. */
  public static int of(String text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int width = WCWidth.wcwidth(codePoint);
      columns += width < 0 || Character.isISOControl(codePoint) ? 1 : width;
      i += Character.charCount(codePoint);
    }
    return columns;
  }

  /**
   * {@code text} followed by spaces up to {@code columns}; unchanged when it is as wide already.
   */
  public static String padRight(String text, int columns) {
    return text + " ".repeat(Math.max(0, columns - of(text)));
  }
}
