package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.ui.WordDiff.Kind;
import dev.draft.ui.WordDiff.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WordDiffTest {
  private static String side(List<Segment> segments, Kind changed) {
    return segments.stream()
        .filter(s -> s.kind() == Kind.SAME || s.kind() == changed)
        .map(Segment::text)
        .collect(Collectors.joining());
  }

  private static void assertRebuildsBoth(String before, String after) {
    List<Segment> segments = WordDiff.diff(before, after);
    assertThat(side(segments, Kind.REMOVED)).isEqualTo(before);
    assertThat(side(segments, Kind.ADDED)).isEqualTo(after);
    assertThat(segments).allSatisfy(s -> assertThat(s.text()).isNotEmpty());
    for (int i = 1; i < segments.size(); i++) {
      assertThat(segments.get(i).kind())
          .as("segments %s and %s", i - 1, i)
          .isNotEqualTo(segments.get(i - 1).kind());
    }
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("", ""),
        Arguments.of("", "Something new."),
        Arguments.of("Something old.", ""),
        Arguments.of("Identical text, twice.", "Identical text, twice."),
        Arguments.of("The quick brown fox.", "The slow red fox!"),
        Arguments.of("One line.\nTwo lines.\n", "One line.\n\nTwo short lines.\n"),
        Arguments.of("Windows\r\nline ends", "Windows\nline ends"),
        Arguments.of("我喜欢猫。", "我喜欢狗。"),
        Arguments.of("日本語のテキストです", "日本語の文章です"),
        Arguments.of("한국어 문장입니다", "한국어 글입니다"),
        Arguments.of("Ship it 👍", "Ship it 👍🏽 now 🇫🇷"),
        Arguments.of("family 👨‍👩‍👧 here", "family 👨‍👩‍👦 there"),
        Arguments.of("café naïve", "cafe\u0301 naive"),
        Arguments.of("  leading and trailing  ", "leading and trailing"),
        Arguments.of("a b c d e f", "f e d c b a"));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void sameAndRemovedGiveBeforeAndSameAndAddedGiveAfter(String before, String after) {
    assertRebuildsBoth(before, after);
  }

  @Test
  void rebuildsBothSidesForRandomEditsOfMixedScriptText() {
    String[] vocabulary = {
      "the",
      "draft",
      "is",
      "42",
      "ready",
      ",",
      ".",
      "!",
      "\n",
      "  ",
      "猫",
      "日本",
      "テスト",
      "한국",
      "👍",
      "👍🏽",
      "🇫🇷",
      "👨‍👩‍👧",
      "é",
      "e\u0301",
      "—",
      "\t"
    };
    Random random = new Random(20240501);
    for (int round = 0; round < 300; round++) {
      List<String> words = new ArrayList<>();
      for (int i = random.nextInt(12); i > 0; i--) {
        words.add(vocabulary[random.nextInt(vocabulary.length)]);
      }
      List<String> edited = new ArrayList<>(words);
      for (int i = random.nextInt(5); i > 0; i--) {
        int at = edited.isEmpty() ? 0 : random.nextInt(edited.size());
        switch (random.nextInt(3)) {
          case 0 -> edited.add(at, vocabulary[random.nextInt(vocabulary.length)]);
          case 1 -> {
            if (!edited.isEmpty()) {
              edited.remove(at);
            }
          }
          default -> {
            if (!edited.isEmpty()) {
              edited.set(at, vocabulary[random.nextInt(vocabulary.length)]);
            }
          }
        }
      }
      String before = String.join(random.nextBoolean() ? " " : "", words);
      String after = String.join(random.nextBoolean() ? " " : "", edited);
      assertRebuildsBoth(before, after);
    }
  }

  @Test
  void identicalTextsAreOneSameSegment() {
    assertThat(WordDiff.diff("No change here.", "No change here."))
        .containsExactly(new Segment(Kind.SAME, "No change here."));
  }

  @Test
  void emptyTextsGiveNoSegmentsAndAnEmptySideIsAllAddedOrRemoved() {
    assertThat(WordDiff.diff("", "")).isEmpty();
    assertThat(WordDiff.diff("", "New text."))
        .containsExactly(new Segment(Kind.ADDED, "New text."));
    assertThat(WordDiff.diff("Old text.", ""))
        .containsExactly(new Segment(Kind.REMOVED, "Old text."));
  }

  @Test
  void oneChangedWordIsOneRemovedAndOneAddedWord() {
    assertThat(WordDiff.diff("The quick brown fox jumps.", "The slow brown fox jumps."))
        .containsExactly(
            new Segment(Kind.SAME, "The "),
            new Segment(Kind.REMOVED, "quick"),
            new Segment(Kind.ADDED, "slow"),
            new Segment(Kind.SAME, " brown fox jumps."));
  }

  @Test
  void whitespaceBetweenTwoChangedWordsIsFoldedIntoOneReplacement() {
    assertThat(WordDiff.diff("The quick brown fox.", "The slow red fox."))
        .containsExactly(
            new Segment(Kind.SAME, "The "),
            new Segment(Kind.REMOVED, "quick brown"),
            new Segment(Kind.ADDED, "slow red"),
            new Segment(Kind.SAME, " fox."));
  }

  @Test
  void insertedWordsAroundSharedSpaceAreNotTurnedIntoARemoval() {
    List<Segment> segments = WordDiff.diff("a b", "a x b y");

    assertThat(segments).noneMatch(s -> s.kind() == Kind.REMOVED);
    assertThat(side(segments, Kind.ADDED)).isEqualTo("a x b y");
  }

  @Test
  void punctuationIsItsOwnTokenSoAChangedMarkLeavesTheWordAlone() {
    assertThat(WordDiff.diff("Done.", "Done!"))
        .containsExactly(
            new Segment(Kind.SAME, "Done"),
            new Segment(Kind.REMOVED, "."),
            new Segment(Kind.ADDED, "!"));
  }

  @Test
  void eachCjkCharacterIsAToken() {
    assertThat(WordDiff.tokens("我喜欢猫。")).containsExactly("我", "喜", "欢", "猫", "。");
    assertThat(WordDiff.tokens("ひらがなとカタカナ")).hasSize(9);
    assertThat(WordDiff.tokens("한국어 text")).containsExactly("한", "국", "어", " ", "text");
    assertThat(WordDiff.diff("我喜欢猫。", "我喜欢狗。"))
        .containsExactly(
            new Segment(Kind.SAME, "我喜欢"),
            new Segment(Kind.REMOVED, "猫"),
            new Segment(Kind.ADDED, "狗"),
            new Segment(Kind.SAME, "。"));
  }

  @Test
  void emojiSequencesStayWhole() {
    assertThat(WordDiff.tokens("ok 👍🏽👨‍👩‍👧🇫🇷🇩🇪!"))
        .containsExactly("ok", " ", "👍🏽", "👨‍👩‍👧", "🇫🇷", "🇩🇪", "!");
    assertThat(WordDiff.diff("Ship it 👍", "Ship it 👎"))
        .containsExactly(
            new Segment(Kind.SAME, "Ship it "),
            new Segment(Kind.REMOVED, "👍"),
            new Segment(Kind.ADDED, "👎"));
  }

  @Test
  void wordsKeepTheirCombiningMarksAndWhitespaceRunsStayTogether() {
    assertThat(WordDiff.tokens("cafe\u0301 au\u00a0lait \n\n x2"))
        .containsExactly("cafe\u0301", " ", "au", "\u00a0", "lait", " \n\n ", "x2");
  }

  @Test
  void aChangedLineBreakIsAWhitespaceChange() {
    assertThat(WordDiff.diff("one\ntwo", "one two"))
        .containsExactly(
            new Segment(Kind.SAME, "one"),
            new Segment(Kind.REMOVED, "\n"),
            new Segment(Kind.ADDED, " "),
            new Segment(Kind.SAME, "two"));
  }

  @Test
  void statsCountWordsNotWhitespaceOrPunctuation() {
    List<Segment> segments =
        WordDiff.diff("The quick brown fox.", "The slow red fox, and a cat!\n\n");

    assertThat(WordDiff.stats(segments)).isEqualTo(new WordDiff.Stats(5, 2));
    assertThat(WordDiff.stats(WordDiff.diff("a b", "a  \n b"))).isEqualTo(new WordDiff.Stats(0, 0));
    assertThat(WordDiff.stats(WordDiff.diff("", ""))).isEqualTo(new WordDiff.Stats(0, 0));
  }

  @Test
  void statsCountEachCjkCharacterAsAWord() {
    assertThat(WordDiff.stats(WordDiff.diff("我喜欢猫", "我讨厌狗"))).isEqualTo(new WordDiff.Stats(3, 3));
  }

  @Test
  void theReadableDiffOfTwoDifferentSentencesShowsWholePhrasesNotFragments() {
    String before = "Rivers begin as snow on the mountain and carry the land to the sea.";
    String after = "Every river tells a journey from the hills to the salt of the sea.";

    List<Segment> exact = WordDiff.diff(before, after);
    List<Segment> readable = WordDiff.readable(before, after);

    assertThat(readable.size()).isLessThan(exact.size());
    assertThat(readable.stream().filter(s -> s.kind() == Kind.SAME).map(Segment::text))
        .containsExactly(" the sea.");
    assertThat(rebuild(readable, Kind.REMOVED)).isEqualTo(before);
    assertThat(rebuild(readable, Kind.ADDED)).isEqualTo(after);
  }

  @Test
  void theReadableDiffKeepsAOneWordChangeAsOneWord() {
    List<Segment> readable =
        WordDiff.readable("The river runs to the sea.", "The river crawls to the sea.");

    assertThat(readable)
        .containsExactly(
            new Segment(Kind.SAME, "The river "),
            new Segment(Kind.REMOVED, "runs"),
            new Segment(Kind.ADDED, "crawls"),
            new Segment(Kind.SAME, " to the sea."));
  }

  private static String rebuild(List<Segment> segments, Kind side) {
    StringBuilder text = new StringBuilder();
    for (Segment segment : segments) {
      if (segment.kind() == Kind.SAME || segment.kind() == side) {
        text.append(segment.text());
      }
    }
    return text.toString();
  }
}
