package dev.draft.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A one-line description taken from a Markdown prompt, for templates converted from elsewhere. */
final class MarkdownSummary {
  private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.*?)\\s*#*");
  private static final Pattern LIST_MARK = Pattern.compile("^(?:[-*+>]|\\d+[.)])\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");
  private static final int LENGTH = 100;

  private MarkdownSummary() {}

  /**
   * A one-line description from Markdown: the first heading that is not a section label such as
   * fabric's {@code # IDENTITY and PURPOSE}, or else the first sentence of the first paragraph.
   */
  static Optional<String> of(String markdown) {
    if (markdown == null) {
      return Optional.empty();
    }
    List<String> paragraph = new ArrayList<>();
    boolean inFence = false;
    for (String raw : markdown.replace("\r\n", "\n").split("\n")) {
      String line = raw.strip();
      if (line.startsWith("```") || line.startsWith("~~~")) {
        inFence = !inFence;
        if (!paragraph.isEmpty()) {
          break;
        }
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        if (!paragraph.isEmpty()) {
          break;
        }
        String text = clean(heading.group(1));
        if (!text.isEmpty() && !isSectionLabel(text)) {
          return Optional.of(shorten(text));
        }
        continue;
      }
      if (line.isEmpty()) {
        if (!paragraph.isEmpty()) {
          break;
        }
        continue;
      }
      paragraph.add(clean(line));
    }
    String text = String.join(" ", paragraph).strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher end = SENTENCE_END.matcher(text);
    return Optional.of(shorten(end.find() ? text.substring(0, end.end()) : text));
  }

  private static String clean(String line) {
    String text = LIST_MARK.matcher(line).replaceFirst("");
    return oneLine(text.replace("**", "").replace("__", "").replace("`", ""));
  }

  // Mostly capitals, as fabric writes its section headings: not worth a description.
  private static boolean isSectionLabel(String heading) {
    long upper = heading.chars().filter(Character::isUpperCase).count();
    long lower = heading.chars().filter(Character::isLowerCase).count();
    return upper > lower;
  }

  private static String shorten(String text) {
    if (text.length() <= LENGTH) {
      return text;
    }
    int cut = text.lastIndexOf(' ', LENGTH - 3);
    return text.substring(0, cut > 0 ? cut : LENGTH - 3).stripTrailing() + "...";
  }

  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
