package dev.draft.template;

/**
 * Plain text made safe for a Mustache template: Mustache has no escape for {@code {{}, so braces
 * that could open a tag are wrapped in a delimiter switch and render as written.
 */
final class LiteralText {
  static final String OPEN = "{{=<% %>=}}";
  static final String CLOSE = "<%={{ }}=%>";

  private LiteralText() {}

  /**
   * Text that renders as itself: a run of braces that could open a tag (two or more, or one just
   * before a tag) is wrapped in a delimiter switch.
   *
   * @param tagFollows whether a {@code {{tag}}} comes right after this text
   */
  static String of(String text, boolean tagFollows) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '{') {
        out.append(text.charAt(i));
        i++;
        continue;
      }
      int end = i;
      while (end < text.length() && text.charAt(end) == '{') {
        end++;
      }
      String run = text.substring(i, end);
      boolean opensTag = run.length() >= 2 || (end == text.length() && tagFollows);
      out.append(opensTag ? OPEN + run + CLOSE : run);
      i = end;
    }
    return out.toString();
  }

  /** Whether {@link #of} had to switch delimiters anywhere in this Mustache text. */
  static boolean switchesDelimiters(String mustache) {
    return mustache.contains(OPEN);
  }
}
