package dev.draft.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayWidthTest {
  @Test
  void asciiTakesOneColumnACharacter() {
    assertThat(DisplayWidth.of("")).isZero();
    assertThat(DisplayWidth.of("gpt-4o-mini")).isEqualTo(11);
    assertThat(DisplayWidth.of("a b~")).isEqualTo(4);
  }

  @Test
  void chineseJapaneseAndKoreanTakeTwoColumnsACharacter() {
    assertThat(DisplayWidth.of("会议纪要")).isEqualTo(8);
    assertThat(DisplayWidth.of("議事録をまとめる")).isEqualTo(16); // kanji and hiragana
    assertThat(DisplayWidth.of("カタカナ")).isEqualTo(8);
    assertThat(DisplayWidth.of("회의록")).isEqualTo(6);
    assertThat(DisplayWidth.of("qwen 通义")).isEqualTo(9);
  }

  @Test
  void halfwidthKatakanaTakesOneColumn() {
    assertThat(DisplayWidth.of("ｶﾀｶﾅ")).isEqualTo(4);
  }

  @Test
  void combiningMarksTakeNoColumn() {
    String decomposed = "Cafe\u0301"; // "Café" with a combining acute accent
    assertThat(decomposed).hasSize(5);
    assertThat(DisplayWidth.of(decomposed)).isEqualTo(4);
    assertThat(DisplayWidth.of("Café")).isEqualTo(4);
    assertThat(DisplayWidth.of("\u1100\u1161")).isEqualTo(2); // Hangul jamo: the vowel adds none
  }

  @Test
  void emojiOutsideTheBasicPlaneIsOneCodePointOfTwoColumns() {
    String grin = "\uD83D\uDE00"; // U+1F600, a surrogate pair
    assertThat(grin).hasSize(2);
    assertThat(DisplayWidth.of(grin)).isEqualTo(2);
    assertThat(DisplayWidth.of("ok " + grin + grin)).isEqualTo(7);
    assertThat(DisplayWidth.of("\uD842\uDFB7"))
        .isEqualTo(2); // U+20BB7, a CJK extension B ideograph
  }

  @Test
  void controlCharactersCountOneColumnAsStringLengthDid() {
    assertThat(DisplayWidth.of("a\tb")).isEqualTo(3);
    assertThat(DisplayWidth.of("\u0000")).isEqualTo(1);
  }

  @Test
  void padRightFillsToTheDisplayWidth() {
    assertThat(DisplayWidth.padRight("abc", 6)).isEqualTo("abc   ");
    assertThat(DisplayWidth.padRight("会议", 6)).isEqualTo("会议  ");
    assertThat(DisplayWidth.padRight("Cafe\u0301", 6)).isEqualTo("Cafe\u0301  ");
    assertThat(DisplayWidth.padRight("", 2)).isEqualTo("  ");
  }

  @Test
  void padRightLeavesTextAsWideOrWiderAlone() {
    assertThat(DisplayWidth.padRight("abc", 3)).isEqualTo("abc");
    assertThat(DisplayWidth.padRight("会议纪要", 5)).isEqualTo("会议纪要");
    assertThat(DisplayWidth.padRight("abc", 0)).isEqualTo("abc");
  }

  @Test
  void asciiPadsExactlyAsStringFormatDid() {
    for (String text : new String[] {"", "a", "(ask)", "gpt-4o-mini", "a-much-longer-name-here"}) {
      assertThat(DisplayWidth.padRight(text, 14)).isEqualTo(String.format("%-14s", text));
    }
  }
}
