package dev.draft.longdoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a Markdown document may be cut, and its headings: one pass over the lines. A cut is a char
 * offset with a rank saying how clean a cut there is ({@link #HEADING} before a heading line,
 * {@link #PARAGRAPH} at a block's first line, {@link #SENTENCE} after a sentence end or at a list
 * item or table row); offset 0 and the document's end are cuts too. Cuts at a line's start sit
 * there, before its indentation, so whitespace ends the chunk before; other cuts come after the
 * whitespace that follows a sentence. Lines end at LF, CRLF or CR.
 *
 * <p>Headings are ATX ({@code #} to {@code ######}) and setext ({@code ===}, {@code ---} under a
 * paragraph); lines in fenced code ({@code ```} or {@code ~~~}) and in YAML front matter are
 * neither headings nor sentences.
 */
final class MarkdownStructure {
  static final byte SENTENCE = 2;
  static final byte PARAGRAPH = 3;
  static final byte HEADING = 4;
  static final byte END = 5;

  /**
   * A heading.
   *
   * @param start the offset of its first line
   * @param end the offset after its last line's line end
   * @param settled the offset of the first non-whitespace after it (or the document's end): a chunk
   *     that ends in [end, settled] ends with this heading
   * @param cut the index of the cut at {@code start}
   * @param sectionEnd the index of the cut where its section ends: the next heading of the same or
   *     a higher level, or the document's end
   * @param ancestors the indices of the headings whose sections contain this one, outermost first
   */
  record Heading(
      int start,
      int end,
      int settled,
      int level,
      String text,
      int cut,
      int sectionEnd,
      int[] ancestors) {}

  final int[] cuts;
  final byte[] ranks;

  /** Whether only a heading and whitespace come between the previous text and the cut. */
  final boolean[] afterHeading;

  /** The heading starting at each cut, or -1. */
  final int[] headingAt;

  final List<Heading> headings;

  private MarkdownStructure(
      int[] cuts, byte[] ranks, boolean[] afterHeading, int[] headingAt, List<Heading> headings) {
    this.cuts = cuts;
    this.ranks = ranks;
    this.afterHeading = afterHeading;
    this.headingAt = headingAt;
    this.headings = headings;
  }

  /** The index of the cut at {@code offset}, or -1 when there is none there. */
  int cutAt(int offset) {
    int i = Arrays.binarySearch(cuts, offset);
    return i >= 0 ? i : -1;
  }

  /** The index of the first cut after {@code offset}; the last cut when there is none. */
  int cutAfter(int offset) {
    int i = Arrays.binarySearch(cuts, offset);
    int next = i >= 0 ? i + 1 : -i - 1;
    return Math.min(next, cuts.length - 1);
  }

  static MarkdownStructure of(String doc) {
    return new Scanner(doc).scan();
  }

  /** The kinds of line the scanner tells apart. */
  private enum Line {
    BLANK,
    TEXT,
    ITEM, // a list item, table row or quote: a block of its own, never under a setext line
    HEADING,
    FENCE,
    CODE,
    OTHER
  }

  private record RawHeading(int start, int end, int level, String text) {}

  private static final class Scanner {
    private final String doc;
    private final int n;
    private int[] pos = new int[64];
    private byte[] rank = new byte[64];
    private int count;
    private final List<RawHeading> raw = new ArrayList<>();

    Scanner(String doc) {
      this.doc = doc;
      this.n = doc.length();
    }

    MarkdownStructure scan() {
      pos[0] = 0;
      rank[0] = END;
      count = 1;
      int i = frontMatterEnd();
      Line prev = i > 0 ? Line.OTHER : Line.BLANK;
      add(i, PARAGRAPH);
      int paraStart =
          -1; // the first line of the paragraph in progress, when a setext line may end it
      char fence = 0;
      int fenceLength = 0;
      while (i < n) {
        int start = i;
        int end = start;
        while (end < n && doc.charAt(end) != '\n' && doc.charAt(end) != '\r') {
          end++;
        }
        int next = end;
        if (next < n) {
          next += doc.charAt(next) == '\r' && next + 1 < n && doc.charAt(next + 1) == '\n' ? 2 : 1;
        }
        int from = start == 0 && n > 0 && doc.charAt(0) == '\uFEFF' ? 1 : start; // a BOM
        Line kind;
        if (fence != 0) {
          if (closesFence(from, end, fence, fenceLength)) {
            fence = 0;
            kind = Line.FENCE;
          } else if (isBlank(from, end)) {
            kind = Line.BLANK;
          } else {
            if (prev == Line.BLANK) {
              add(start, PARAGRAPH);
            }
            kind = Line.CODE;
          }
        } else if (isBlank(from, end)) {
          kind = Line.BLANK;
          paraStart = -1;
        } else {
          int indent = indent(from, end);
          int level = indent <= 3 ? atxLevel(from + indent, end) : 0;
          int underline =
              indent <= 3 && prev == Line.TEXT && paraStart >= 0 ? setext(from, end) : 0;
          int opens = indent <= 3 ? fenceLength(from + indent, end) : 0;
          if (level > 0) {
            add(start, HEADING);
            raw.add(new RawHeading(start, next, level, atxText(from + indent + level, end)));
            kind = Line.HEADING;
            paraStart = -1;
          } else if (underline > 0) {
            // The paragraph was a heading: its sentence ends are not cuts.
            while (count > 1 && pos[count - 1] > paraStart) {
              count--;
            }
            add(paraStart, HEADING);
            raw.add(new RawHeading(paraStart, next, underline, joinLines(paraStart, start)));
            kind = Line.HEADING;
            paraStart = -1;
          } else if (opens > 0) {
            add(start, PARAGRAPH);
            fence = doc.charAt(from + indent);
            fenceLength = opens;
            kind = Line.FENCE;
            paraStart = -1;
          } else if (isThematicBreak(from + indent, end)) {
            add(start, PARAGRAPH);
            kind = Line.OTHER;
            paraStart = -1;
          } else {
            boolean item = isItem(from + indent, end);
            if (prev != Line.TEXT && prev != Line.ITEM) {
              add(start, PARAGRAPH);
            } else if (item) {
              add(start, SENTENCE);
            }
            if (item) {
              kind = Line.ITEM;
              paraStart = -1;
            } else {
              kind = Line.TEXT;
              if (prev == Line.ITEM) {
                paraStart = -1; // a lazy continuation of the item
              } else if (prev != Line.TEXT) {
                paraStart = start;
              }
            }
            sentences(from, end);
          }
        }
        prev = kind;
        i = next;
      }
      if (n > 0) {
        add(n, END);
      }
      return build();
    }

    /**
     * The offset after YAML front matter ({@code ---} first line to a {@code ---} or {@code ...}).
     */
    private int frontMatterEnd() {
      if (!doc.startsWith("---")) {
        return 0;
      }
      int i = 0;
      boolean first = true;
      while (i < n) {
        int end = i;
        while (end < n && doc.charAt(end) != '\n' && doc.charAt(end) != '\r') {
          end++;
        }
        int next = end;
        if (next < n) {
          next += doc.charAt(next) == '\r' && next + 1 < n && doc.charAt(next + 1) == '\n' ? 2 : 1;
        }
        String line = doc.substring(i, end).stripTrailing();
        if (first) {
          if (!line.equals("---")) {
            return 0;
          }
          first = false;
        } else if (line.equals("---") || line.equals("...")) {
          return next;
        }
        i = next;
      }
      return 0; // never closed: not front matter
    }

    /** Marks the sentence ends on a line: {@code . ! ?} before whitespace, {@code 。！？．｡} always. */
    private void sentences(int from, int end) {
      int j = from;
      while (j < end) {
        char c = doc.charAt(j);
        boolean western = c == '.' || c == '!' || c == '?';
        if (!western && !isWideStop(c)) {
          j++;
          continue;
        }
        int k = j + 1;
        while (k < end && (isWideStop(doc.charAt(k)) || isWesternStop(doc.charAt(k)))) {
          if (isWideStop(doc.charAt(k))) {
            western = false;
          }
          k++;
        }
        while (k < end && isCloser(doc.charAt(k))) {
          k++;
        }
        if (!western || k == end || Character.isWhitespace(doc.charAt(k))) {
          add(afterSpace(k), SENTENCE);
        }
        j = k;
      }
    }

    /**
     * The cut after the whitespace at {@code k}: the start of the line after its last line end, or
     * where the whitespace stops.
     */
    private int afterSpace(int k) {
      int j = k;
      int line = -1;
      while (j < n && Character.isWhitespace(doc.charAt(j))) {
        char c = doc.charAt(j);
        if (c == '\r' && j + 1 < n && doc.charAt(j + 1) == '\n') {
          j++;
          line = j + 1;
        } else if (c == '\n' || c == '\r') {
          line = j + 1;
        }
        j++;
      }
      return line >= 0 ? line : j;
    }

    private void add(int at, byte r) {
      if (at <= 0 || at > n || (at == n && r != END)) {
        return;
      }
      if (pos[count - 1] == at) {
        rank[count - 1] = (byte) Math.max(rank[count - 1], r);
        return;
      }
      if (count == pos.length) {
        pos = Arrays.copyOf(pos, count * 2);
        rank = Arrays.copyOf(rank, count * 2);
      }
      pos[count] = at;
      rank[count] = r;
      count++;
    }

    private MarkdownStructure build() {
      int[] cuts = Arrays.copyOf(pos, count);
      byte[] ranks = Arrays.copyOf(rank, count);
      int[] headingAt = new int[count];
      Arrays.fill(headingAt, -1);
      int h = raw.size();
      int[] cutOf = new int[h];
      int[] sectionEnd = new int[h];
      int[][] ancestors = new int[h][];
      int[] open = new int[7];
      int depth = 0;
      for (int k = 0; k < h; k++) {
        RawHeading heading = raw.get(k);
        cutOf[k] = Arrays.binarySearch(cuts, heading.start());
        headingAt[cutOf[k]] = k;
        while (depth > 0 && raw.get(open[depth - 1]).level() >= heading.level()) {
          sectionEnd[open[--depth]] = cutOf[k];
        }
        ancestors[k] = Arrays.copyOf(open, depth);
        open[depth++] = k;
      }
      while (depth > 0) {
        sectionEnd[open[--depth]] = count - 1;
      }
      List<Heading> headings = new ArrayList<>(h);
      for (int k = 0; k < h; k++) {
        RawHeading heading = raw.get(k);
        int settled = heading.end();
        while (settled < n && Character.isWhitespace(doc.charAt(settled))) {
          settled++;
        }
        headings.add(
            new Heading(
                heading.start(),
                heading.end(),
                settled,
                heading.level(),
                heading.text(),
                cutOf[k],
                sectionEnd[k],
                ancestors[k]));
      }
      boolean[] afterHeading = new boolean[count];
      int k = -1;
      for (int c = 0; c < count; c++) {
        while (k + 1 < h && headings.get(k + 1).end() <= cuts[c]) {
          k++;
        }
        afterHeading[c] = k >= 0 && cuts[c] <= headings.get(k).settled() && cuts[c] < n;
      }
      return new MarkdownStructure(cuts, ranks, afterHeading, headingAt, List.copyOf(headings));
    }

    private boolean isBlank(int from, int end) {
      for (int j = from; j < end; j++) {
        if (doc.charAt(j) != ' ' && doc.charAt(j) != '\t') {
          return false;
        }
      }
      return true;
    }

    private int indent(int from, int end) {
      int j = from;
      while (j < end && doc.charAt(j) == ' ') {
        j++;
      }
      return j - from;
    }

    /** The level of an ATX heading starting at {@code at}, or 0. */
    private int atxLevel(int at, int end) {
      int j = at;
      while (j < end && doc.charAt(j) == '#') {
        j++;
      }
      int level = j - at;
      boolean separated = j == end || doc.charAt(j) == ' ' || doc.charAt(j) == '\t';
      return level >= 1 && level <= 6 && separated ? level : 0;
    }

    /** An ATX heading's text: trimmed, without its closing run of {@code #}. */
    private String atxText(int from, int end) {
      String text = doc.substring(from, end).strip();
      int j = text.length();
      while (j > 0 && text.charAt(j - 1) == '#') {
        j--;
      }
      if (j == 0 || text.charAt(j - 1) == ' ' || text.charAt(j - 1) == '\t') {
        text = text.substring(0, j).strip();
      }
      return text;
    }

    /** A setext underline's level (1 for {@code =}, 2 for {@code -}), or 0. */
    private int setext(int from, int end) {
      int j = from + indent(from, end);
      if (j == end || (doc.charAt(j) != '=' && doc.charAt(j) != '-')) {
        return 0;
      }
      char c = doc.charAt(j);
      while (j < end && doc.charAt(j) == c) {
        j++;
      }
      return isBlank(j, end) ? (c == '=' ? 1 : 2) : 0;
    }

    private String joinLines(int from, int to) {
      StringBuilder text = new StringBuilder();
      for (String line : doc.substring(from, to).split("\r\n|\r|\n")) {
        if (!line.isBlank()) {
          text.append(text.length() == 0 ? "" : " ").append(line.strip());
        }
      }
      return text.toString();
    }

    /** The length of a fence opening at {@code at} ({@code ```} or {@code ~~~} and more), or 0. */
    private int fenceLength(int at, int end) {
      if (at == end || (doc.charAt(at) != '`' && doc.charAt(at) != '~')) {
        return 0;
      }
      char c = doc.charAt(at);
      int j = at;
      while (j < end && doc.charAt(j) == c) {
        j++;
      }
      if (j - at < 3 || (c == '`' && doc.substring(j, end).indexOf('`') >= 0)) {
        return 0;
      }
      return j - at;
    }

    private boolean closesFence(int from, int end, char fence, int length) {
      int j = from + indent(from, end);
      if (j - from > 3) {
        return false;
      }
      int run = j;
      while (run < end && doc.charAt(run) == fence) {
        run++;
      }
      return run - j >= length && isBlank(run, end);
    }

    private boolean isThematicBreak(int at, int end) {
      char c = doc.charAt(at);
      if (c != '-' && c != '*' && c != '_') {
        return false;
      }
      int marks = 0;
      for (int j = at; j < end; j++) {
        char d = doc.charAt(j);
        if (d == c) {
          marks++;
        } else if (d != ' ' && d != '\t') {
          return false;
        }
      }
      return marks >= 3;
    }

    /** A list item, table row or block quote line, from its first non-space character. */
    private boolean isItem(int at, int end) {
      int j = at;
      while (j < end && (doc.charAt(j) == ' ' || doc.charAt(j) == '\t')) {
        j++;
      }
      if (j == end) {
        return false;
      }
      char c = doc.charAt(j);
      if (c == '|' || c == '>') {
        return true;
      }
      if (c == '-' || c == '*' || c == '+') {
        return j + 1 < end && (doc.charAt(j + 1) == ' ' || doc.charAt(j + 1) == '\t');
      }
      int digits = j;
      while (digits < end
          && digits - j < 9
          && doc.charAt(digits) >= '0'
          && doc.charAt(digits) <= '9') {
        digits++;
      }
      return digits > j
          && digits + 1 < end
          && (doc.charAt(digits) == '.' || doc.charAt(digits) == ')')
          && (doc.charAt(digits + 1) == ' ' || doc.charAt(digits + 1) == '\t');
    }
  }

  private static boolean isWesternStop(char c) {
    return c == '.' || c == '!' || c == '?';
  }

  /** Chinese and Japanese sentence ends, which need no space after them. */
  private static boolean isWideStop(char c) {
    return c == '。' || c == '！' || c == '？' || c == '．' || c == '｡';
  }

  /** Closing quotes and brackets, which stay with the sentence they close. */
  private static boolean isCloser(char c) {
    return switch (c) {
      case '"',
          '\'',
          '”',
          '’',
          '»',
          '›',
          '」',
          '』',
          '）',
          ')',
          ']',
          '】',
          '》',
          '〉',
          '〕',
          '］',
          '｝',
          '}',
          '＂',
          '＇',
          '〗',
          '〙' ->
          true;
      default -> false;
    };
  }
}
