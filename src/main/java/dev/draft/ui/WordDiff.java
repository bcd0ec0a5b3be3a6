package dev.draft.ui;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A word-by-word diff of prose, as the pick view shows two drafts. Texts are split into tokens —
 * runs of letters and digits, runs of whitespace, and single other characters — and the token lists
 * are diffed with Myers' algorithm from java-diff-utils. CJK ideographs, kana and hangul are tokens
 * of their own, since those scripts do not put spaces between words.
 */
public final class WordDiff {
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private WordDiff() {}

  /** Whether a segment is in both texts, only in the second, or only in the first. */
  public enum Kind {
    SAME,
    ADDED,
    REMOVED
  }

  /** A stretch of text and whether it is shared, added or removed. */
  public record Segment(Kind kind, String text) {}

  /** How many words were added and removed; whitespace and punctuation do not count. */
  public record Stats(int wordsAdded, int wordsRemoved) {}

  /**
   * The segments that turn {@code before} into {@code after}, in order. The SAME and REMOVED texts
   * concatenated give {@code before}; the SAME and ADDED texts give {@code after}. Within a change,
   * what was removed comes before what was added, and whitespace shared between two changed words
   * is folded into the change, so "quick brown" replaced by "slow red" reads as one replacement.
   */
  public static List<Segment> diff(String before, String after) {
    return diff(before, after, false);
  }

  /**
   * The diff as a person reads it: like {@link #diff}, but a stretch in common that is no longer
   * than the changes on both sides of it (a "the", a comma between rewritten phrases) joins the
   * change around it, as diff-match-patch's semantic clean-up does, so two very different drafts
   * show as whole rewritten phrases rather than a salad of fragments. {@link #stats} of it count
   * those words as changed; count on {@link #diff} for exact figures.
   */
  public static List<Segment> readable(String before, String after) {
    return diff(before, after, true);
  }

  private static List<Segment> diff(String before, String after, boolean semantic) {
    List<String> source = tokens(before);
    List<String> target = tokens(after);
    List<AbstractDelta<String>> deltas =
        new ArrayList<>(DiffUtils.diff(source, target).getDeltas());
    deltas.sort(Comparator.comparingInt(d -> d.getSource().getPosition()));
    List<Segment> raw = new ArrayList<>();
    int position = 0;
    for (AbstractDelta<String> delta : deltas) {
      int start = delta.getSource().getPosition();
      raw.add(new Segment(Kind.SAME, String.join("", source.subList(position, start))));
      raw.add(new Segment(Kind.REMOVED, String.join("", delta.getSource().getLines())));
      raw.add(new Segment(Kind.ADDED, String.join("", delta.getTarget().getLines())));
      position = start + delta.getSource().size();
    }
    raw.add(new Segment(Kind.SAME, String.join("", source.subList(position, source.size()))));
    raw.removeIf(s -> s.text().isEmpty());
    return foldChanges(raw, semantic);
  }

  /** Counts the words in the ADDED and REMOVED segments. */
  public static Stats stats(List<Segment> segments) {
    int added = 0;
    int removed = 0;
    for (Segment segment : segments) {
      switch (segment.kind()) {
        case ADDED -> added += words(segment.text());
        case REMOVED -> removed += words(segment.text());
        case SAME -> {}
      }
    }
    return new Stats(added, removed);
  }

  /**
   * Joins each run of changed segments into at most one REMOVED and one ADDED segment, carrying a
   * shared stretch (whitespace, or words no longer than the changes around them, on one line) into
   * the change when changes on both sides of it make it a replacement of words by words.
   */
  private static List<Segment> foldChanges(List<Segment> raw, boolean semantic) {
    List<Segment> out = new ArrayList<>();
    StringBuilder removed = new StringBuilder();
    StringBuilder added = new StringBuilder();
    int i = 0;
    while (i < raw.size()) {
      Segment segment = raw.get(i);
      if (segment.kind() == Kind.REMOVED) {
        removed.append(segment.text());
        i++;
        continue;
      }
      if (segment.kind() == Kind.ADDED) {
        added.append(segment.text());
        i++;
        continue;
      }
      boolean pending = removed.length() > 0 || added.length() > 0;
      if (pending && (segment.text().isBlank() || semantic && !segment.text().contains("\n"))) {
        StringBuilder nextRemoved = new StringBuilder();
        StringBuilder nextAdded = new StringBuilder();
        int j = i + 1;
        while (j < raw.size() && raw.get(j).kind() != Kind.SAME) {
          (raw.get(j).kind() == Kind.REMOVED ? nextRemoved : nextAdded).append(raw.get(j).text());
          j++;
        }
        boolean nextIsChange = j > i + 1;
        boolean replacesWords =
            (!removed.toString().isBlank() || !nextRemoved.toString().isBlank())
                && (!added.toString().isBlank() || !nextAdded.toString().isBlank());
        // Like diff-match-patch's semantic clean-up: a stretch in common that is no longer than
        // the changes on either side of it is a coincidence ("the", a comma), not a shared
        // phrase, and reads better as part of one change than as islands in a word salad.
        boolean coincidence =
            segment.text().isBlank()
                || segment.text().length()
                    <= Math.min(
                        Math.max(removed.length(), added.length()),
                        Math.max(nextRemoved.length(), nextAdded.length()));
        if (nextIsChange && replacesWords && coincidence) {
          removed.append(segment.text()).append(nextRemoved);
          added.append(segment.text()).append(nextAdded);
          i = j;
          continue;
        }
      }
      flush(out, removed, added);
      out.add(segment);
      i++;
    }
    flush(out, removed, added);
    return List.copyOf(out);
  }

  private static void flush(List<Segment> out, StringBuilder removed, StringBuilder added) {
    if (removed.length() > 0) {
      out.add(new Segment(Kind.REMOVED, removed.toString()));
      removed.setLength(0);
    }
    if (added.length() > 0) {
      out.add(new Segment(Kind.ADDED, added.toString()));
      added.setLength(0);
    }
  }

  /**
   * How many words {@code text} has: runs of letters and digits, where each Han, Hiragana, Katakana
   * or Hangul character counts as a word of its own; whitespace and punctuation do not count.
   */
  static int words(String text) {
    int count = 0;
    for (String token : tokens(text)) {
      if (Character.isLetterOrDigit(token.codePointAt(0))) {
        count++;
      }
    }
    return count;
  }

  /** Splits text into word, whitespace and single-character tokens that concatenate to it. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int end;
      if (isOwnWord(cp)) {
        end = skipMarks(text, i + Character.charCount(cp));
      } else if (Character.isLetterOrDigit(cp)) {
        end = i;
        while (end < text.length()) {
          int next = text.codePointAt(end);
          if (!(Character.isLetterOrDigit(next) && !isOwnWord(next)) && !isMark(next)) {
            break;
          }
          end += Character.charCount(next);
        }
      } else if (isSpace(cp)) {
        end = i;
        while (end < text.length() && isSpace(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
        }
      } else {
        end = graphemeEnd(text, i);
      }
      tokens.add(text.substring(i, end));
      i = end;
    }
    return tokens;
  }

  /** Scripts written without spaces between words: each character is a word of its own. */
  private static boolean isOwnWord(int cp) {
    if (Character.isIdeographic(cp)) {
      return true;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /** Combining marks, variation selectors included: they belong to the character before them. */
  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static int skipMarks(String text, int i) {
    while (i < text.length() && isMark(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    return i;
  }

  /**
   * The end of the user-perceived character starting at {@code start}, close enough to Unicode's
   * extended grapheme clusters for emoji: marks and variation selectors, skin-tone modifiers, tag
   * sequences, zero-width-joiner sequences and regional-indicator pairs (flags) stay whole.
   */
  private static int graphemeEnd(String text, int start) {
    int first = text.codePointAt(start);
    int i = start + Character.charCount(first);
    if (isRegionalIndicator(first)
        && i < text.length()
        && isRegionalIndicator(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (isMark(cp) || isEmojiModifier(cp) || isTag(cp)) {
        i += Character.charCount(cp);
      } else if (cp == ZERO_WIDTH_JOINER) {
        i += Character.charCount(cp);
        if (i < text.length() && !isSpace(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  private static boolean isEmojiModifier(int cp) {
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
  }

  private static boolean isTag(int cp) {
    return cp >= 0xE0020 && cp <= 0xE007F;
  }
}
