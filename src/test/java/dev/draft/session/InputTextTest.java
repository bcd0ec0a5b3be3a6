package dev.draft.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The check of a user's text, made a slice at a time so a long document is not held twice. */
class InputTextTest {
  @Test
  void textLongerThanOneSliceComesBackWhole() {
    String text = "河流在雨后上涨。The river rises. ".repeat(2000);

    assertThat(InputText.decode(text.getBytes(StandardCharsets.UTF_8), "notes.md")).isEqualTo(text);
  }

  @Test
  void aByteOrderMarkIsDropped() {
    assertThat(InputText.decode("\uFEFFHello".getBytes(StandardCharsets.UTF_8), "notes.md"))
        .isEqualTo("Hello");
  }

  @Test
  void aCharacterCutShortAtTheEndIsNotUtf8() {
    byte[] han = "雨".getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf("a".repeat(9000).getBytes(StandardCharsets.UTF_8), 9002);
    System.arraycopy(han, 0, cut, 9000, 2);

    assertThatThrownBy(() -> InputText.decode(cut, "notes.md"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "notes.md is not valid UTF-8 text: convert it first (e.g. iconv -f latin1 -t utf-8)");
  }

  @Test
  void latin1DeepInsideALongTextIsNotUtf8() {
    byte[] bytes = ("x".repeat(20_000) + "café").getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> InputText.decode(bytes, "notes.md"))
        .isInstanceOf(UsageException.class);
  }
}
