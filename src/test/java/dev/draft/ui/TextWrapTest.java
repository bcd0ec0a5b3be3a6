package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextWrapTest {
  @Test
  void measuresWideCharactersAsTwoColumnsAndCombiningMarksAsNone() {
    assertThat(TextWrap.width("river")).isEqualTo(5);
    assertThat(TextWrap.width("河流")).isEqualTo(4);
    assertThat(TextWrap.width("かわ")).isEqualTo(4);
    assertThat(TextWrap.width("강")).isEqualTo(2);
    assertThat(TextWrap.width("🌊")).isEqualTo(2);
    assertThat(TextWrap.width("e\u0301")).isEqualTo(1);
  }

  @Test
  void wrapsProseAtSpacesAndDropsTheSpacesAtTheBreak() {
    assertThat(TextWrap.wrap("the river runs to the sea", 10))
        .containsExactly("the river", "runs to", "the sea");
  }

  @Test
  void keepsNewlinesAndBlankLines() {
    assertThat(TextWrap.wrap("one\n\ntwo", 10)).containsExactly("one", "", "two");
    assertThat(TextWrap.wrap("", 10)).containsExactly("");
  }

  @Test
  void cutsAWordWiderThanTheLine() {
    assertThat(TextWrap.wrap("antidisestablishment", 8))
        .containsExactly("antidise", "stablish", "ment");
  }

  @Test
  void breaksChineseBetweenAnyTwoCharactersAndNeverPastTheWidth() {
    List<String> lines = TextWrap.wrap("河流从山上流到大海，鱼在水里游。", 9);
    assertThat(lines).allSatisfy(line -> assertThat(TextWrap.width(line)).isLessThanOrEqualTo(9));
    assertThat(String.join("", lines)).isEqualTo("河流从山上流到大海，鱼在水里游。");
    assertThat(lines.get(0)).isEqualTo("河流从山");
  }

  @Test
  void mixesLatinAndWideTextWithoutOverflowing() {
    String text = "Rivers 河流 and 海 meet the sea 🌊🌊🌊 at dawn, 日本語のテキストも。";
    for (int width = 2; width <= 30; width++) {
      for (String line : TextWrap.wrap(text, width)) {
        assertThat(TextWrap.width(line)).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
      }
    }
  }

  @Test
  void fitCutsWithAnEllipsisAndPadsToExactlyTheWidth() {
    assertThat(TextWrap.fit("river", 8)).isEqualTo("river   ");
    assertThat(TextWrap.fit("riverbank", 6)).isEqualTo("river…");
    assertThat(TextWrap.fit("河流河流", 6)).isEqualTo("河流… ");
    assertThat(TextWrap.width(TextWrap.fit("河流河流", 6))).isEqualTo(6);
  }

  @Test
  void printableRemovesEscapeSequencesAndControlCharacters() {
    assertThat(TextWrap.printable("a\u001b[31mred\u001b[0m\r\nb\tc\u0007"))
        .isEqualTo("ared\nb    c");
  }
}
