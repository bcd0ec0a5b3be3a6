package dev.draft.longdoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Splitting documents into chunks under a token budget, on their Markdown structure. */
class ChunkerTest {
  /**
   * One token per run of up to four ASCII letters or digits, one per other visible code point (CJK
   * included), none for whitespace.
   */
  static final TokenCounter SIMPLE =
      text -> {
        int tokens = 0;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
          int cp = text.codePointAt(i);
          i += Character.charCount(cp);
          if (cp < 128 && Character.isLetterOrDigit(cp)) {
            run++;
            continue;
          }
          tokens += (run + 3) / 4;
          run = 0;
          if (!Character.isWhitespace(cp)) {
            tokens++;
          }
        }
        return tokens + (run + 3) / 4;
      };

  private static final Pattern HEADING_LINE = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t].*)?$");

  private static final String[] WORDS = {
    "river", "gauge", "limit", "token", "bucket", "window", "clock", "server", "library", "users",
    "release", "version", "issue", "answer", "reading", "minute", "water", "budget", "worker",
        "queue"
  };

  private static final String HAN = "河流水位读数服务器限制令牌桶窗口时钟版本问题回答用户发布每分钟工作队列预算文档";

  // --- English ---

  @Test
  void sectionsThatFitTwoToAChunkStartEveryChunkAtAHeading() {
    StringBuilder doc = new StringBuilder("# Guide\n\n");
    for (int s = 1; s <= 6; s++) {
      doc.append("## Section ").append(s).append("\n\n").append(english(new Random(s), 2, 3));
    }
    int section = SIMPLE.count(sectionText(doc.toString(), "## Section 3"));
    int budget = 2 * section + section / 2;

    for (int overlap : new int[] {0, 10}) {
      List<Chunk> chunks = split(SIMPLE, doc.toString(), budget, overlap);

      assertThat(chunks).hasSize(3);
      assertThat(chunks.get(0).text()).startsWith("# Guide\n\n## Section 1");
      for (int k = 0; k < 3; k++) {
        Chunk chunk = chunks.get(k);
        assertThat(chunk.overlapEnd())
            .as("no overlap after a heading cut")
            .isEqualTo(chunk.start());
        assertThat(chunk.text()).contains("## Section " + (2 * k + 1), "## Section " + (2 * k + 2));
        if (k > 0) {
          assertThat(chunk.text()).startsWith("## Section " + (2 * k + 1));
          assertThat(chunk.headings()).containsExactly("Guide", "Section " + (2 * k + 1));
        }
      }
    }
  }

  @Test
  void aSectionThatFitsIsNotCutAtItsSubheadings() {
    String part1 = "# Part 1\n\n" + english(new Random(1), 1, 2);
    String part2 =
        "# Part 2\n\n"
            + english(new Random(2), 1, 2)
            + "## Costs\n\n"
            + english(new Random(3), 1, 3)
            + "## Risks\n\n"
            + english(new Random(4), 2, 3);
    String part3 =
        "# Part 3\n\n"
            + "## Costs\n\n"
            + english(new Random(5), 3, 3)
            + "## Risks\n\n"
            + english(new Random(6), 3, 3);
    String doc = part1 + part2 + part3;
    // Part 1 and Part 2 up to Risks fit together; Part 2 fits whole; Part 3 does not.
    int budget = SIMPLE.count(part2) + 5;
    assertThat(SIMPLE.count(part1 + part2.substring(0, part2.indexOf("## Risks"))))
        .isLessThanOrEqualTo(budget);
    assertThat(SIMPLE.count(part3)).isGreaterThan(budget);

    List<Chunk> chunks = split(SIMPLE, doc, budget, 0);

    assertThat(chunks.get(0).text()).isEqualTo(part1);
    assertThat(chunks.get(1).text()).isEqualTo(part2);
    assertThat(chunks.get(1).headings()).containsExactly("Part 2");
    assertThat(chunks.get(2).text()).startsWith("# Part 3\n\n## Costs");
    assertThat(chunks.get(3).text()).startsWith("## Risks");
    assertThat(chunks.get(3).headings()).containsExactly("Part 3", "Risks");
  }

  @Test
  void aLongSectionSplitsAtParagraphBreaks() {
    String doc = "## Notes\n\n" + english(new Random(7), 12, 4);
    int budget = SIMPLE.count(doc) / 4;

    List<Chunk> chunks = split(SIMPLE, doc, budget, 0);

    assertThat(chunks).hasSizeGreaterThan(3);
    for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
      assertThat(chunk.text()).matches("(?s).*[.!?]\n\n");
      assertThat(chunk.headings()).containsExactly("Notes");
    }
  }

  @Test
  void aLongParagraphSplitsAtSentenceEnds() {
    String doc = english(new Random(8), 1, 60);
    for (TokenCounter counter : List.of(SIMPLE, TokenCounter.ESTIMATE)) {
      List<Chunk> chunks = split(counter, doc, counter.count(doc) / 6, 0);

      assertThat(chunks).hasSizeGreaterThan(5);
      for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
        assertThat(chunk.text()).matches("(?s).*[.!?] ");
      }
      for (Chunk chunk : chunks) {
        assertThat(chunk.text()).matches("(?s)[A-Z].*");
      }
    }
  }

  @Test
  void aParagraphBreakGivesWayToASentenceEndWhenItWouldLeaveTheChunkUnderHalfFull() {
    String opening = "A short opening.\n\n";
    String doc = opening + english(new Random(9), 1, 40);
    int budget = SIMPLE.count(doc) / 3;

    Chunk first = split(SIMPLE, doc, budget, 0).get(0);

    assertThat(first.text()).startsWith(opening).matches("(?s).*[.!?] ");
    assertThat(first.tokens()).isGreaterThan(budget / 2);
  }

  @Test
  void aSentenceWithoutPunctuationSplitsAtSpacesUnderTheBudget() {
    Random random = new Random(10);
    StringBuilder sentence = new StringBuilder();
    while (sentence.length() < 5_000) {
      sentence.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    String doc = "## Run-on\n\n" + sentence.toString().strip() + "\n";

    for (TokenCounter counter : List.of(SIMPLE, TokenCounter.ESTIMATE)) {
      for (int overlap : new int[] {0, 20}) {
        List<Chunk> chunks = split(counter, doc, 100, overlap);

        assertThat(chunks).hasSizeGreaterThan(5);
        for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
          assertThat(chunk.text()).endsWith(" ");
          assertThat(chunk.tokens()).as("packed greedily").isGreaterThan(80);
        }
        for (Chunk chunk : chunks.subList(1, chunks.size())) {
          assertThat(chunk.text()).matches("(?s)[a-z].*");
          assertThat(chunk.headings()).containsExactly("Run-on");
          if (overlap > 0) {
            assertThat(chunk.overlapEnd()).as("overlap in words").isGreaterThan(chunk.start());
          }
        }
      }
    }
  }

  @Test
  void aRunWithoutSpacesSplitsBetweenCodePointsAsFullAsTheBudgetAllows() {
    String doc = "x".repeat(5_000);

    List<Chunk> chunks = split(SIMPLE, doc, 100, 0);

    assertThat(chunks).hasSize(13);
    for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
      assertThat(chunk.tokens()).isEqualTo(100);
      assertThat(chunk.text()).hasSize(400);
    }
  }

  @Test
  void codeSplitInsideABlockSplitsBetweenLines() {
    String doc = "```python\n" + "    total = compute(reading, limit)\n".repeat(200) + "```\n";

    List<Chunk> chunks = split(SIMPLE, doc, 50, 0);

    assertThat(chunks).hasSizeGreaterThan(10);
    for (Chunk chunk : chunks.subList(1, chunks.size())) {
      assertThat(chunk.text()).startsWith("    total = compute(reading, limit)\n");
    }
  }

  @Test
  void listItemsSplitAndOverlapLikeSentences() {
    StringBuilder doc = new StringBuilder("Readings:\n");
    for (int i = 1; i <= 60; i++) {
      doc.append("- gauge ").append(i).append('\n');
    }
    List<Chunk> chunks = split(SIMPLE, doc.toString(), 40, 10);

    for (Chunk chunk : chunks.subList(1, chunks.size())) {
      assertThat(chunk.text()).startsWith("- gauge ");
      assertThat(doc.substring(chunk.start(), chunk.overlapEnd())).matches("(- gauge \\d+\n)+");
    }
  }

  @Test
  void aCutBetweenCodePointsNeverSplitsACrlf() {
    // The estimate counts 399 x and the CR as 100 tokens, the LF as one more.
    String doc = "x".repeat(399) + "\r\n" + "y".repeat(100);

    List<Chunk> chunks = split(TokenCounter.ESTIMATE, doc, 100, 0);

    assertThat(chunks.get(0).end()).isEqualTo(399);
  }

  // --- Chinese ---

  @Test
  void chineseSentencesEndAtIdeographicStopsWithoutSpacesAndKeepTheirClosingQuotes() {
    String doc =
        "# 报告\n\n## 第一部分\n\n"
            + chinese(new Random(11), 3, 12)
            + "## 第二部分\n\n"
            + chinese(new Random(12), 3, 12);
    for (TokenCounter counter : List.of(SIMPLE, TokenCounter.ESTIMATE)) {
      List<Chunk> chunks = split(counter, doc, 60, 0);

      assertThat(chunks).hasSizeGreaterThan(6);
      for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
        assertThat(chunk.text().strip()).matches("(?s).*[。！？][」』）]?");
      }
      for (Chunk chunk : chunks) {
        assertThat(chunk.text()).doesNotStartWith("」").doesNotStartWith("』");
        assertThat(chunk.headings().get(0)).isEqualTo("报告");
        if (chunk.text().startsWith("## 第二部分")) {
          assertThat(chunk.headings()).containsExactly("报告", "第二部分");
        }
      }
      assertThat(chunks.get(chunks.size() - 1).headings()).containsExactly("报告", "第二部分");
    }
  }

  @Test
  void fullWidthStopsEndSentencesToo() {
    String doc = "第一句话在这里．第二句话在这里！第三句话在这里？".repeat(20);

    List<Chunk> chunks = split(SIMPLE, doc, 20, 0);

    for (Chunk chunk : chunks) {
      assertThat(chunk.text()).matches("(?s)第.*[．！？]").hasSize(16);
    }
  }

  @Test
  void chineseWithoutPunctuationSplitsBetweenCodePointsAndKeepsSurrogatePairsWhole() {
    Random random = new Random(13);
    StringBuilder doc = new StringBuilder();
    while (doc.length() < 3_000) {
      int pick = random.nextInt(10);
      if (pick == 0) {
        doc.appendCodePoint(0x20000 + random.nextInt(500)); // CJK extension B: a surrogate pair
      } else if (pick == 1) {
        doc.append("👍🏽"); // an emoji with a skin tone: two pairs, one cluster
      } else {
        doc.append(HAN.charAt(random.nextInt(HAN.length())));
      }
    }
    for (TokenCounter counter : List.of(SIMPLE, TokenCounter.ESTIMATE)) {
      for (int overlap : new int[] {0, 10}) {
        List<Chunk> chunks = split(counter, doc.toString(), 50, overlap);

        assertThat(chunks).hasSizeGreaterThan(20);
        for (Chunk chunk : chunks) {
          assertThat(chunk.text()).doesNotStartWith("🏽");
          assertThat(chunk.tokens()).isLessThanOrEqualTo(50);
        }
      }
    }
  }

  // --- Mixed ---

  @Test
  void mixedEnglishAndChineseSectionsSplitAtHeadingsWithTheirPaths() {
    String doc =
        "# Handbook 手册\n\n"
            + "## Setup\n\n"
            + english(new Random(14), 2, 4)
            + "## 安装\n\n"
            + chinese(new Random(15), 2, 6)
            + "## Mixed 混合\n\n"
            + english(new Random(16), 1, 3)
            + chinese(new Random(17), 1, 5);
    for (TokenCounter counter : List.of(SIMPLE, TokenCounter.ESTIMATE)) {
      int biggest =
          Math.max(
              counter.count(sectionText(doc, "## Setup")),
              Math.max(
                  counter.count(sectionText(doc, "## 安装")),
                  counter.count(sectionText(doc, "## Mixed"))));
      List<Chunk> chunks = split(counter, doc, biggest + 30, 8);

      assertThat(chunks).extracting(Chunk::headings).contains(List.of("Handbook 手册", "安装"));
      for (Chunk chunk : chunks.subList(1, chunks.size())) {
        assertThat(chunk.text()).startsWith("## ");
        assertThat(chunk.headings()).hasSize(2).first().isEqualTo("Handbook 手册");
        assertThat(chunk.text()).startsWith("## " + chunk.headings().get(1));
      }
      List<Chunk> small = split(counter, doc, biggest / 3, 8);
      assertThat(small.size()).isGreaterThan(chunks.size());
    }
  }

  // --- Markdown details ---

  @Test
  void hashLinesInCodeFencesAreNotHeadings() {
    String doc =
        "# Real\n\nSome text before the code.\n\n"
            + "```python\n# not a heading\nx = 1\n\n# nor this\ny = 2\n```\n\n"
            + "~~~\n## still code\n~~~\n\n"
            + "After the code. "
            + english(new Random(18), 2, 3)
            + "## Next\n\nThe end.\n";
    for (int budget : new int[] {8, 15, 30, 60}) {
      for (Chunk chunk : split(SIMPLE, doc, budget, 0)) {
        assertThat(chunk.headings()).doesNotContain("not a heading", "nor this", "still code");
        if (chunk.start() < doc.indexOf("## Next")) {
          assertThat(chunk.headings()).containsExactly("Real");
        }
      }
    }
  }

  @Test
  void closingQuotesAndBracketsStayWithTheirSentence() {
    String chinese = "他说：「今天的水位很高。」她问：『明天呢？』（没有人回答！）".repeat(12);
    String english =
        "He said \"stop.\" She asked (quietly) \"why?\" Nobody knew (not even him.) ".repeat(12);
    for (String doc : List.of(chinese, english)) {
      List<Chunk> chunks = split(SIMPLE, doc, 25, 0);

      assertThat(chunks).hasSizeGreaterThan(3);
      for (Chunk chunk : chunks) {
        assertThat(chunk.text()).matches("(?s)[他她HSN（].*[」』）\")] ?");
      }
    }
  }

  @Test
  void frontMatterIsNeitherHeadingNorText() {
    String doc =
        "---\ntitle: Weir\n---\n\nAn opening sentence. And a second one.\n\n# Weir\n\nText.\n";

    List<Chunk> chunks = split(SIMPLE, doc, 6, 0);

    assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text()).startsWith("And a second"));
    for (Chunk chunk : chunks) {
      assertThat(chunk.headings())
          .isEqualTo(chunk.start() < doc.indexOf("# Weir") ? List.of() : List.of("Weir"));
    }
  }

  @Test
  void setextHeadingsCountAndFrontMatterDoesNot() {
    String doc =
        "---\ntitle: Weir\ntags: python\n---\n\n"
            + "Weir\n====\n\n"
            + english(new Random(19), 2, 3)
            + "Backends\n--------\n\n"
            + english(new Random(20), 2, 3);

    List<Chunk> chunks = split(SIMPLE, doc, SIMPLE.count(sectionText(doc, "Backends")) + 2, 0);

    assertThat(chunks).extracting(Chunk::headings).contains(List.of("Weir", "Backends"));
    assertThat(chunks.get(chunks.size() - 1).text()).startsWith("Backends\n--------");
    assertThat(chunks)
        .allSatisfy(chunk -> assertThat(chunk.headings()).doesNotContain("title: Weir"));
  }

  @Test
  void aHeadingNeverEndsAChunkWhenTextAfterItFits() {
    String doc =
        "# Title\n## Intro\n\n"
            + english(new Random(21), 1, 30)
            + "Closing words.\n\n### Deep\n\n"
            + english(new Random(22), 1, 30);
    for (int budget : new int[] {12, 25, 50, 100}) {
      for (Chunk chunk : split(SIMPLE, doc, budget, 0)) {
        String[] lines = chunk.text().strip().split("\n");
        assertThat(lines[lines.length - 1]).doesNotMatch(HEADING_LINE);
      }
    }
  }

  @Test
  void crlfLineEndsAreNeverSplitAndSplitLikeLf() throws IOException {
    String lf = Files.readString(Path.of("examples/long-post.md"));
    String crlf = lf.replace("\n", "\r\n");

    List<Chunk> fromLf = split(SIMPLE, lf, 250, 30);
    List<Chunk> fromCrlf = split(SIMPLE, crlf, 250, 30);

    assertThat(fromCrlf)
        .extracting(Chunk::headings)
        .isEqualTo(fromLf.stream().map(Chunk::headings).toList());
    assertThat(fromCrlf)
        .extracting(chunk -> chunk.text().replace("\r\n", "\n"))
        .isEqualTo(fromLf.stream().map(Chunk::text).toList());
  }

  // --- Overlap ---

  @Test
  void theOverlapIsTheWholeSentencesThatFitFromThePreviousEnd() {
    StringBuilder doc = new StringBuilder();
    for (int i = 1; i <= 80; i++) {
      doc.append("Sentence ").append(i).append(" is short. ");
    }
    List<Chunk> chunks = split(SIMPLE, doc.toString(), 60, 15);

    for (int k = 1; k < chunks.size(); k++) {
      Chunk chunk = chunks.get(k);
      String repeated = doc.substring(chunk.start(), chunk.overlapEnd());
      assertThat(repeated).matches("(Sentence \\d+ is short\\. )+");
      assertThat(SIMPLE.count(repeated)).isLessThanOrEqualTo(15);
      // One more sentence would not have fitted.
      String before = doc.substring(0, chunk.start());
      int previous = before.lastIndexOf("Sentence ", before.length() - 2);
      assertThat(SIMPLE.count(doc.substring(previous, chunk.overlapEnd()))).isGreaterThan(15);
    }
  }

  @Test
  void theOverlapFallsBackToWordsWhenTheLastSentenceIsTooLong() {
    String doc = english(new Random(23), 1, 30);
    List<Chunk> chunks = split(SIMPLE, doc, 40, 3);

    for (Chunk chunk : chunks.subList(1, chunks.size())) {
      String repeated = doc.substring(chunk.start(), chunk.overlapEnd());
      assertThat(repeated).isNotEmpty();
      assertThat(Character.isWhitespace(doc.charAt(chunk.start() - 1))).isTrue();
      assertThat(SIMPLE.count(repeated)).isLessThanOrEqualTo(3);
    }
  }

  // --- Edges and arguments ---

  @Test
  void emptyDocumentsHaveNoChunksAndSmallOnesOne() {
    Chunker chunker = new Chunker(TokenCounter.ESTIMATE);

    assertThat(chunker.split("", 10, 0)).isEmpty();
    assertThat(split(TokenCounter.ESTIMATE, " \n\n\t ", 10, 0))
        .singleElement()
        .satisfies(chunk -> assertThat(chunk.headings()).isEmpty());
    assertThat(split(TokenCounter.ESTIMATE, "# Title\n\nOne line.\n", 10, 2))
        .singleElement()
        .satisfies(
            chunk -> {
              assertThat(chunk.text()).isEqualTo("# Title\n\nOne line.\n");
              assertThat(chunk.headings()).containsExactly("Title");
            });
  }

  @Test
  void aDocumentThatFitsIsOneChunkEvenWhenItsSentencesSumToMore() {
    // Each sentence alone counts 1 by the estimate, 3 chars; all 40 together count 30.
    String doc = "A. ".repeat(40);

    assertThat(split(TokenCounter.ESTIMATE, doc, 30, 0)).hasSize(1);
  }

  @Test
  void theBudgetIsPositiveAndTheOverlapUnderHalfOfIt() {
    Chunker chunker = new Chunker(TokenCounter.ESTIMATE);

    assertThatThrownBy(() -> chunker.split("text", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chunker.split("text", 100, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("less than half the budget");
    assertThatThrownBy(() -> chunker.split("text", 100, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(chunker.split("text", 100, 49)).hasSize(1);
    assertThat(chunker.split("text", 1, 0)).hasSize(1);
  }

  @Test
  void aBudgetSmallerThanOneCharacterIsRefused() {
    TokenCounter costly = text -> 3 * text.codePointCount(0, text.length());

    assertThatThrownBy(() -> new Chunker(costly).split("abc", 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 0");
  }

  @Test
  void chunksStayUnderBudgetWhenWholesCountMoreThanTheSumOfTheirParts() throws IOException {
    String doc = Files.readString(Path.of("examples/long-post.md"));
    TokenCounter growing = text -> SIMPLE.count(text) + text.length() / 100;

    for (int budget : new int[] {120, 300, 900}) {
      List<Chunk> chunks = split(growing, doc, budget, budget / 5);
      assertThat(chunks)
          .allSatisfy(chunk -> assertThat(chunk.tokens()).isLessThanOrEqualTo(budget));
    }
  }

  @Test
  void theLongPostSplitsIntoWholeSectionsAndThenAtParagraphsAndSentences() throws IOException {
    String doc = Files.readString(Path.of("examples/long-post.md"));
    String title = "Ten years of weir: notes from maintaining a small library";

    List<Chunk> sections = split(TokenCounter.ESTIMATE, doc, 1_000, 50);

    assertThat(sections).hasSizeBetween(8, 16);
    assertThat(sections.get(0).headings()).containsExactly(title);
    for (Chunk chunk : sections.subList(1, sections.size())) {
      assertThat(chunk.text()).startsWith("## ");
      assertThat(chunk.start()).isEqualTo(chunk.overlapEnd());
      assertThat(chunk.headings()).containsExactly(title, firstLine(chunk.text()).substring(3));
    }

    List<Chunk> pieces = split(TokenCounter.ESTIMATE, doc, 250, 40);
    assertThat(pieces.size()).isGreaterThan(30);
    for (Chunk chunk : pieces.subList(0, pieces.size() - 1)) {
      assertThat(chunk.text()).matches("(?s).*[.!?][\"”’)]?\\s+");
    }
    for (Chunk chunk : pieces) {
      assertThat(chunk.headings()).first().isEqualTo(title);
    }
  }

  @Test
  void randomMarkdownKeepsTheBudgetReassemblyAndHeadingLaws() {
    Random random = new Random(20_240_611);
    for (int trial = 0; trial < 300; trial++) {
      List<int[]> headingAt = new ArrayList<>(); // offset, level
      List<String> headingText = new ArrayList<>();
      String doc = randomMarkdown(random, headingAt, headingText);
      int budget = 4 + random.nextInt(300);
      int overlap = random.nextInt(3) == 0 ? 0 : random.nextInt((budget + 1) / 2);
      TokenCounter counter = trial % 2 == 0 ? SIMPLE : TokenCounter.ESTIMATE;
      String description = "trial " + trial + " budget " + budget + " overlap " + overlap;

      List<Chunk> chunks = split(counter, doc, budget, overlap);

      for (Chunk chunk : chunks) {
        String[] levels = new String[7];
        for (int h = 0; h < headingAt.size() && headingAt.get(h)[0] <= chunk.start(); h++) {
          int level = headingAt.get(h)[1];
          levels[level] = headingText.get(h);
          for (int deeper = level + 1; deeper < levels.length; deeper++) {
            levels[deeper] = null;
          }
        }
        List<String> expected = new ArrayList<>();
        for (String level : levels) {
          if (level != null) {
            expected.add(level);
          }
        }
        assertThat(chunk.headings()).as(description).isEqualTo(expected);
      }
    }
  }

  // --- Helpers ---

  /** Splits, and checks the laws every split keeps. */
  @Test
  void theGallopingSearchFindsTheFurthestFitEitherWay() {
    for (int answer : new int[] {0, 1, 63, 64, 65, 500, 999, 1000}) {
      assertThat(Chunker.furthest(0, 1000, x -> x <= answer))
          .as("forward to %d", answer)
          .isEqualTo(answer);
      assertThat(Chunker.furthest(1000, 0, x -> x >= 1000 - answer))
          .as("backward to %d", 1000 - answer)
          .isEqualTo(1000 - answer);
    }
    assertThat(Chunker.furthest(7, 7, x -> true)).isEqualTo(7);
  }

  private static List<Chunk> split(TokenCounter counter, String doc, int budget, int overlap) {
    List<Chunk> chunks = new Chunker(counter).split(doc, budget, overlap);
    StringBuilder whole = new StringBuilder();
    for (int k = 0; k < chunks.size(); k++) {
      Chunk chunk = chunks.get(k);
      String where = "chunk " + k + " of " + chunks.size() + " at " + chunk.start();
      assertThat(chunk.index()).isEqualTo(k);
      assertThat(chunk.text()).as(where).isEqualTo(doc.substring(chunk.start(), chunk.end()));
      assertThat(chunk.tokens()).as(where).isEqualTo(counter.count(chunk.text()));
      assertThat(chunk.tokens()).as(where).isLessThanOrEqualTo(budget);
      assertThat(chunk.end()).as(where).isGreaterThan(chunk.overlapEnd());
      for (int offset : new int[] {chunk.start(), chunk.end()}) {
        assertThat(splitsAPair(doc, offset)).as(where + ": a pair split at " + offset).isFalse();
      }
      if (k == 0) {
        assertThat(chunk.start()).isZero();
        assertThat(chunk.overlapEnd()).isZero();
      } else {
        Chunk previous = chunks.get(k - 1);
        assertThat(chunk.overlapEnd()).as(where).isEqualTo(previous.end());
        assertThat(chunk.start()).as(where).isGreaterThan(previous.start());
        String repeated = doc.substring(chunk.start(), chunk.overlapEnd());
        assertThat(counter.count(repeated)).as(where).isLessThanOrEqualTo(overlap);
      }
      whole.append(chunk.newText());
    }
    assertThat(whole.toString()).isEqualTo(doc);
    return chunks;
  }

  private static boolean splitsAPair(String doc, int offset) {
    if (offset <= 0 || offset >= doc.length()) {
      return false;
    }
    char before = doc.charAt(offset - 1);
    char at = doc.charAt(offset);
    return (Character.isHighSurrogate(before) && Character.isLowSurrogate(at))
        || (before == '\r' && at == '\n');
  }

  /** Paragraphs of English sentences, each paragraph ending in a blank line. */
  private static String english(Random random, int paragraphs, int sentences) {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < paragraphs; p++) {
      for (int s = 0; s < sentences; s++) {
        int words = 5 + random.nextInt(12);
        for (int w = 0; w < words; w++) {
          String word = WORDS[random.nextInt(WORDS.length)];
          text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
          text.append(w == words - 1 ? "" : random.nextInt(9) == 0 ? ",\n" : " ");
        }
        text.append(".!?".charAt(random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0));
        text.append(s == sentences - 1 ? "\n\n" : " ");
      }
    }
    return text.toString();
  }

  /** Paragraphs of Chinese sentences: no spaces, 。！？ ends, some quoted with 「」. */
  private static String chinese(Random random, int paragraphs, int sentences) {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < paragraphs; p++) {
      for (int s = 0; s < sentences; s++) {
        boolean quoted = random.nextInt(4) == 0;
        text.append(quoted ? "他说：「" : "");
        int chars = 6 + random.nextInt(14);
        for (int c = 0; c < chars; c++) {
          text.append(HAN.charAt(random.nextInt(HAN.length())));
          if (c > 0 && c < chars - 1 && random.nextInt(8) == 0) {
            text.append('，');
          }
        }
        text.append("。！？".charAt(random.nextInt(3)));
        text.append(quoted ? "」" : "");
      }
      text.append("\n\n");
    }
    return text.toString();
  }

  /** A section's text: from its heading line to the next heading of any level. */
  private static String sectionText(String doc, String heading) {
    int start = doc.indexOf(heading);
    int next = doc.indexOf("\n#", start + 1);
    return doc.substring(start, next < 0 ? doc.length() : next + 1);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /**
   * A random Markdown-ish document: ATX headings (recorded with their offsets), English, Chinese
   * and mixed paragraphs, lists, code fences with heading-like lines, long runs without
   * punctuation, CRLF or LF line ends.
   */
  private static String randomMarkdown(Random random, List<int[]> headingAt, List<String> text) {
    String lineEnd = random.nextInt(4) == 0 ? "\r\n" : "\n";
    StringBuilder doc = new StringBuilder();
    int blocks = random.nextInt(30);
    for (int b = 0; b < blocks; b++) {
      int kind = random.nextInt(10);
      String block;
      if (kind < 2) {
        int level = 1 + random.nextInt(4);
        String title = random.nextBoolean() ? "Part " + b : "第" + b + "部分";
        headingAt.add(new int[] {doc.length(), level});
        text.add(title);
        block = "#".repeat(level) + " " + title + "\n\n";
      } else if (kind < 5) {
        block = english(random, 1 + random.nextInt(2), 1 + random.nextInt(6));
      } else if (kind < 7) {
        block = chinese(random, 1, 1 + random.nextInt(8));
      } else if (kind == 7) {
        block =
            "```\n# comment, not a heading\n"
                + english(random, 1, 2).replace("\n\n", "\n")
                + "```\n\n- first item\n- second item\n\n";
      } else if (kind == 8) {
        StringBuilder run = new StringBuilder();
        int length = random.nextInt(800);
        boolean cjk = random.nextBoolean();
        for (int c = 0; c < length; c++) {
          run.append(
              cjk ? HAN.charAt(random.nextInt(HAN.length())) : (char) ('a' + random.nextInt(26)));
          if (!cjk && random.nextInt(7) == 0) {
            run.append(' ');
          }
        }
        block = run + "\n\n";
      } else {
        block = english(random, 1, 2).strip() + " " + chinese(random, 1, 2);
      }
      doc.append(block.replace("\n", lineEnd));
    }
    if (random.nextInt(5) == 0) {
      doc.append("  ").append(lineEnd); // trailing whitespace
    }
    return doc.toString();
  }
}
