package dev.draft.longdoc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenEstimateTest {
  @Test
  void alphabeticTextIsAboutFourCharactersAToken() {
    assertThat(TokenEstimate.of("")).isZero();
    assertThat(TokenEstimate.of("abcd")).isEqualTo(1);
    assertThat(TokenEstimate.of("abcde")).isEqualTo(2);
    assertThat(TokenEstimate.of("Привет, мир! Γειά σου")).isEqualTo(6); // 21 characters
  }

  @Test
  void chineseJapaneseAndKoreanAreOneTokenACharacter() {
    assertThat(TokenEstimate.of("你好世界")).isEqualTo(4);
    assertThat(TokenEstimate.of("ひらがなカタカナ")).isEqualTo(8);
    assertThat(TokenEstimate.of("안녕하세요")).isEqualTo(5);
    // Hangul Jamo, the lowest CJK block, and a CJK ideograph outside the BMP (a surrogate pair).
    assertThat(TokenEstimate.of("\u1100\u1161")).isEqualTo(2);
    assertThat(TokenEstimate.of("\uD840\uDC00")).isEqualTo(1);
  }

  @Test
  void mixedTextAddsBoth() {
    // 4 Han characters and 7 others: two spaces and "draft".
    assertThat(TokenEstimate.of("中文 draft 文本")).isEqualTo(4 + (7 + 3) / 4);
  }

  @Test
  void theFastPathAgreesWithTheScriptLookupOnEveryCharacterBelowIt() {
    for (int cp = 0; cp < 0x1100; cp++) {
      assertThat(TokenEstimate.isCjk(cp)).as("U+%04X", cp).isFalse();
    }
    assertThat(TokenEstimate.isCjk(0x1100)).isTrue();
  }
}
