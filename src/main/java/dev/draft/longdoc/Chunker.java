package dev.draft.longdoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Splits a document into chunks of at most a token budget, on the document's own structure.
 *
 * <p>Each chunk takes as much as fits, and ends at the cleanest cut it can:
 *
 * <ol>
 *   <li>before a Markdown heading ({@link MarkdownStructure}); a section that fits is never cut
 *       (cuts before its subheadings are passed over), and a heading never ends a chunk when some
 *       of what follows it could come along;
 *   <li>at a paragraph break (a blank line, or a block such as a code fence starting or ending),
 *       unless that would leave the chunk less than half full while a sentence end further on fits;
 *   <li>at a sentence end: {@code . ! ?} before whitespace, {@code 。！？．｡} with or without it, with
 *       any closing quotes and brackets; and at list items and table rows;
 *   <li>as a last resort inside a sentence: at a line's start if that keeps at least half the chunk
 *       (code splits between lines), else after whitespace, else between code points, keeping
 *       surrogate pairs and CRLF whole, and combining marks and ZWJ sequences with their base while
 *       anything fits.
 * </ol>
 *
 * <p>With an overlap, a chunk starts with the end of the one before: the whole sentences that total
 * at most {@code overlap} tokens, else words or code points. No overlap follows a cut before a
 * heading: the new section starts clean, its heading path says where it is. Without the overlap the
 * chunks tile the document: each chunk's {@link Chunk#newText()} in order is the document.
 *
 * <p>Counting: the pieces between cuts are counted once each and a chunk's size is taken as the sum
 * of its pieces'. Tokenizers count a concatenation close to the sum of its parts (at the cuts,
 * after whitespace, a token rarely spans the seam), so the sums choose the end, and every chunk is
 * then counted whole once; one over the budget is chosen again with the room shrunk by the excess.
 * Cuts inside a sentence are found with whole counts by galloping search, each no longer than about
 * twice the chunk. So the counter sees O(length) chars for a structured document, never the whole
 * remaining document again and again. A long document's pieces are counted in parallel, so the
 * counter must be thread-safe.
 */
public final class Chunker {
  /** From this length on, the pieces are counted in parallel: the counter must be thread-safe. */
  static final int PARALLEL_CHARS = 64 * 1024;

  private final TokenCounter counter;

  public Chunker(TokenCounter counter) {
    this.counter = Objects.requireNonNull(counter, "counter");
  }

  /**
   * The chunks of {@code document}, in order: none for an empty document, one when it fits.
   *
   * @param budget the most tokens a chunk may count, at least 1
   * @param overlap the most tokens a chunk may repeat from the one before, 0 for none; less than
   *     half the budget
   * @throws IllegalArgumentException for a budget or overlap out of range, or a budget smaller than
   *     a single character counts
   */
  public List<Chunk> split(String document, int budget, int overlap) {
    Objects.requireNonNull(document, "document");
    if (budget < 1) {
      throw new IllegalArgumentException("the budget must be at least 1 token, not " + budget);
    }
    if (overlap < 0 || 2L * overlap >= budget) {
      throw new IllegalArgumentException(
          "the overlap must be at least 0 and less than half the budget of "
              + budget
              + " tokens, not "
              + overlap);
    }
    if (document.isEmpty()) {
      return List.of();
    }
    return new Split(document, budget, overlap).chunks();
  }

  /** A chunk's extent, counted. */
  private record Cut(int start, int end, int tokens) {}

  /** One call's state: the document, its cuts and the running sums of their pieces' tokens. */
  private final class Split {
    private final String doc;
    private final int n;
    private final int budget;
    private final int overlap;
    private final MarkdownStructure md;
    private final int[] cuts;
    private final int last;

    /** {@code sum[i]}: the tokens of [0, cuts[i]) as the sum of the pieces between cuts. */
    private final long[] sum;

    private final int[] headingEnds;

    Split(String doc, int budget, int overlap) {
      this.doc = doc;
      this.n = doc.length();
      this.budget = budget;
      this.overlap = overlap;
      this.md = MarkdownStructure.of(doc);
      this.cuts = md.cuts;
      this.last = cuts.length - 1;
      this.sum = new long[cuts.length];
      int[] pieces = new int[cuts.length];
      IntStream indexes = IntStream.range(1, cuts.length);
      // Each piece is counted on its own, so a long document's are counted on every core.
      (n >= PARALLEL_CHARS ? indexes.parallel() : indexes)
          .forEach(i -> pieces[i] = count(cuts[i - 1], cuts[i]));
      for (int i = 1; i < cuts.length; i++) {
        sum[i] = sum[i - 1] + pieces[i];
      }
      this.headingEnds = md.headings.stream().mapToInt(MarkdownStructure.Heading::end).toArray();
    }

    List<Chunk> chunks() {
      List<Chunk> chunks = new ArrayList<>();
      Trail trail = new Trail();
      int start = 0;
      int fresh = 0;
      while (true) {
        Cut cut = pack(start, fresh);
        Chunk chunk =
            new Chunk(
                chunks.size(),
                cut.start(),
                cut.end(),
                Math.max(fresh, cut.start()),
                trail.at(cut.start()),
                doc.substring(cut.start(), cut.end()),
                cut.tokens());
        chunks.add(chunk);
        if (cut.end() >= n) {
          return chunks;
        }
        int at = md.cutAt(cut.end());
        boolean beforeHeading = at >= 0 && md.ranks[at] == MarkdownStructure.HEADING;
        fresh = cut.end();
        start = overlap == 0 || beforeHeading ? fresh : overlapStart(chunk);
      }
    }

    /** The chunk that starts at {@code start} and adds text from {@code fresh}, counted. */
    private Cut pack(int start, int fresh) {
      int repeated = start < fresh ? count(start, fresh) : 0;
      int room = budget - repeated;
      long rest = sum[last] - sum[md.cutAfter(fresh) - 1];
      if (rest <= 2L * room + 16) {
        int tokens = count(start, n);
        if (tokens <= budget) {
          return new Cut(start, n, tokens);
        }
      }
      while (true) {
        int end = choose(start, fresh, room);
        if (end < 0) {
          if (start < fresh) {
            start = fresh; // not even a character fits after the overlap: go without it
            room = budget;
            continue;
          }
          throw new IllegalArgumentException(
              "a budget of " + budget + " tokens cannot hold the character at offset " + fresh);
        }
        int tokens = count(start, end);
        if (tokens <= budget) {
          return new Cut(start, end, tokens);
        }
        room -= tokens - budget; // the sum of the pieces fell short of the whole's count
      }
    }

    /**
     * Where the chunk from {@code start} ends when it adds text from {@code fresh} and that text
     * may count {@code room} tokens as summed; -1 when not a single character fits.
     */
    private int choose(int start, int fresh, int room) {
      int i = md.cutAfter(fresh);
      int base;
      long used;
      if (cuts[i - 1] == fresh) {
        base = i - 1;
        used = 0;
      } else {
        // The chunk before ended inside a sentence: take the rest of it first, if it fits.
        int end = furthestFit(start, fresh, cuts[i]);
        if (end < cuts[i]) {
          return end < 0 ? -1 : inside(start, fresh, end, -1);
        }
        base = i; // cuts[i] is a candidate itself
        used = count(fresh, cuts[i]);
      }
      int heading = -1;
      int wholeSections = -1;
      int paragraph = -1;
      long paragraphUsed = 0;
      int sentence = -1;
      int afterHeading = -1;
      int j = i;
      for (; j <= last; j++) {
        long tokens = used + sum[j] - sum[base];
        if (tokens > room) {
          break;
        }
        if (j == last) {
          return n;
        }
        if (md.afterHeading[j]) {
          afterHeading = j;
          continue;
        }
        switch (md.ranks[j]) {
          case MarkdownStructure.HEADING -> {
            heading = j;
            if (keepsSectionsWhole(j, fresh, room)) {
              wholeSections = j;
            }
          }
          case MarkdownStructure.PARAGRAPH -> {
            paragraph = j;
            paragraphUsed = tokens;
          }
          default -> sentence = j;
        }
      }
      if (wholeSections >= 0) {
        return cuts[wholeSections];
      }
      if (heading >= 0) {
        return cuts[heading];
      }
      if (paragraph >= 0 && (2 * paragraphUsed >= room || paragraph > sentence)) {
        return cuts[paragraph];
      }
      if (sentence >= 0) {
        return cuts[sentence];
      }
      int end = furthestFit(start, fresh, cuts[Math.min(j, last)]);
      return end < 0 ? -1 : inside(start, fresh, end, afterHeading);
    }

    /** Whether cutting before the heading at cut {@code j} leaves whole every section that fits. */
    private boolean keepsSectionsWhole(int j, int fresh, int room) {
      MarkdownStructure.Heading heading = md.headings.get(md.headingAt[j]);
      for (int a : heading.ancestors()) {
        MarkdownStructure.Heading up = md.headings.get(a);
        if (up.start() >= fresh && sum[up.sectionEnd()] - sum[up.cut()] <= room) {
          return false;
        }
      }
      return true;
    }

    /**
     * The end of a chunk cut inside a sentence, at most {@code fits} (the furthest code point that
     * fits): after whitespace if there is any after the last heading, else at {@code fits}.
     *
     * @param afterHeading a cut that ends the chunk just after a heading, or -1
     */
    private int inside(int start, int fresh, int fits, int afterHeading) {
      int floor = fresh;
      int h = Arrays.binarySearch(headingEnds, fits + 1);
      int lastHeading = (h >= 0 ? h : -h - 1) - 1; // the last to end at or before fits
      if (lastHeading >= 0 && headingEnds[lastHeading] > fresh) {
        floor = Math.max(floor, md.headings.get(lastHeading).settled());
      }
      int end = afterSpace(fresh, floor, fits);
      if (end < 0 && fits > floor) {
        end = fits;
      }
      if (end < 0) {
        // Nothing after the heading fits: let the heading end the chunk.
        end = afterHeading >= 0 ? cuts[afterHeading] : afterSpace(fresh, fresh, fits);
        end = end < 0 ? fits : end;
      }
      return end == fits || count(start, end) <= budget ? end : fits;
    }

    /**
     * The furthest code-point boundary in ({@code lo}, {@code limit}] where the chunk from {@code
     * start} still fits the budget, counted whole; -1 when none does.
     */
    private int furthestFit(int start, int lo, int limit) {
      int fits = furthest(lo, limit, x -> fitsTo(start, lo, x));
      int end = snapBack(fits, lo);
      return end > lo ? end : -1;
    }

    private boolean fitsTo(int start, int lo, int x) {
      int end = snapBack(x, lo);
      return end <= lo || count(start, end) <= budget;
    }

    /** Where the previous chunk's overlap starts in the next: see the class comment. */
    private int overlapStart(Chunk previous) {
      int end = previous.end();
      int lo = Math.max(previous.overlapEnd(), previous.start() + 1);
      if (lo >= end) {
        return end;
      }
      int best = end;
      for (int k = md.cutAfter(end - 1) - 1; k >= 0 && cuts[k] >= lo; k--) {
        if (count(cuts[k], end) > overlap) {
          break;
        }
        best = cuts[k];
      }
      if (best < end) {
        return best;
      }
      // No whole sentence fits: the words, else the code points, that do.
      int fits = furthest(end, lo, x -> fitsFrom(x, end));
      int from = snapForward(fits, end);
      if (from >= end) {
        return end;
      }
      int word = firstAfterSpace(from, end);
      return word >= 0 && count(word, end) <= overlap ? word : from;
    }

    private boolean fitsFrom(int x, int end) {
      int from = snapForward(x, end);
      return from >= end || count(from, end) <= overlap;
    }

    /**
     * The furthest cut after whitespace in ({@code floor}, {@code to}]: after the last line end in
     * the whitespace, else where the whitespace stops; -1 when there is none. A line's start is
     * preferred while it leaves at least half of [{@code fresh}, {@code to}) in the chunk: code and
     * verse split between lines.
     */
    private int afterSpace(int fresh, int floor, int to) {
      int best = -1;
      int bestLine = -1;
      int j = floor;
      while (j < to) {
        if (!Character.isWhitespace(doc.charAt(j))) {
          j++;
          continue;
        }
        int line = -1;
        int k = j;
        while (k < n && Character.isWhitespace(doc.charAt(k))) {
          k += lineEndLength(k);
          if (k <= to && isLineEnd(doc.charAt(k - 1))) {
            line = k;
          }
        }
        int cut = line >= 0 ? line : (k <= to ? k : -1);
        if (cut > floor) {
          best = cut;
          if (cut == line) {
            bestLine = cut;
          }
        }
        j = k;
      }
      return bestLine >= 0 && 2L * (bestLine - fresh) >= to - fresh ? bestLine : best;
    }

    /** The first cut after whitespace in [{@code from}, {@code to}), or -1. */
    private int firstAfterSpace(int from, int to) {
      int j = from;
      while (j > 0 && Character.isWhitespace(doc.charAt(j - 1))) {
        j--; // from inside a run of whitespace: its cut may lie at or after from
      }
      while (j < to) {
        if (!Character.isWhitespace(doc.charAt(j))) {
          j++;
          continue;
        }
        int line = -1;
        int k = j;
        while (k < n && Character.isWhitespace(doc.charAt(k))) {
          k += lineEndLength(k);
          if (isLineEnd(doc.charAt(k - 1))) {
            line = k;
          }
        }
        int cut = line >= 0 ? line : k;
        if (cut >= from && cut < to) {
          return cut;
        }
        j = k;
      }
      return -1;
    }

    /** 2 for a CRLF at {@code k}, else 1. */
    private int lineEndLength(int k) {
      return doc.charAt(k) == '\r' && k + 1 < n && doc.charAt(k + 1) == '\n' ? 2 : 1;
    }

    /** The last boundary at or before {@code x} and after {@code lo}, whole clusters first. */
    private int snapBack(int x, int lo) {
      int c = x;
      while (c > lo && !isClusterBoundary(c)) {
        c--;
      }
      if (c > lo) {
        return c;
      }
      c = x;
      while (c > lo && !isCodePointBoundary(c)) {
        c--;
      }
      return c;
    }

    /** The first boundary at or after {@code x} and before {@code hi}, else {@code hi}. */
    private int snapForward(int x, int hi) {
      int c = x;
      while (c < hi && !isClusterBoundary(c)) {
        c++;
      }
      if (c < hi) {
        return c;
      }
      c = x;
      while (c < hi && !isCodePointBoundary(c)) {
        c++;
      }
      return c;
    }

    private boolean isCodePointBoundary(int c) {
      if (c <= 0 || c >= n) {
        return true;
      }
      char before = doc.charAt(c - 1);
      char at = doc.charAt(c);
      return !(Character.isHighSurrogate(before) && Character.isLowSurrogate(at))
          && !(before == '\r' && at == '\n');
    }

    private boolean isClusterBoundary(int c) {
      if (!isCodePointBoundary(c)) {
        return false;
      }
      if (c <= 0 || c >= n) {
        return true;
      }
      return doc.charAt(c - 1) != '\u200D' && !extendsCluster(doc.codePointAt(c));
    }

    private int count(int from, int to) {
      return counter.count(doc.substring(from, to));
    }

    /** The heading path at an offset, for offsets that only grow. */
    private final class Trail {
      private final String[] levels = new String[7];
      private int next;

      List<String> at(int offset) {
        while (next < md.headings.size() && md.headings.get(next).start() <= offset) {
          MarkdownStructure.Heading heading = md.headings.get(next++);
          levels[heading.level()] = heading.text();
          Arrays.fill(levels, heading.level() + 1, levels.length, null);
        }
        List<String> path = new ArrayList<>();
        for (String level : levels) {
          if (level != null) {
            path.add(level);
          }
        }
        return path;
      }
    }
  }

  private static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r';
  }

  /** Code points that belong with the one before: marks, joiners, skin tones, tag characters. */
  /**
   * The furthest offset from {@code origin} towards {@code bound} (either way, both included) where
   * {@code fits} holds, given that it holds at {@code origin} and, once it fails, fails further on
   * too: steps of 64, 128, 256… chars until one fails, then bisection between the last two. Each
   * test counts about as much text as the answer, so the search costs a few times the answer's
   * length, not the distance to {@code bound}.
   */
  static int furthest(int origin, int bound, IntPredicate fits) {
    int direction = bound >= origin ? 1 : -1;
    int good = origin;
    int bad;
    for (long step = 64; ; step *= 2) {
      int x =
          (int) (direction > 0 ? Math.min(bound, origin + step) : Math.max(bound, origin - step));
      if (!fits.test(x)) {
        bad = x;
        break;
      }
      good = x;
      if (x == bound) {
        return good;
      }
    }
    while (Math.abs(bad - good) > 1) {
      int mid = (good + bad) >>> 1;
      if (fits.test(mid)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }

  private static boolean extendsCluster(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || cp == 0x200D
        || (cp >= 0x1F3FB && cp <= 0x1F3FF)
        || (cp >= 0xE0020 && cp <= 0xE007F);
  }
}
