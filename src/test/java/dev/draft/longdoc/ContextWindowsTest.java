package dev.draft.longdoc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The built-in table of context windows, by model-name prefix. */
class ContextWindowsTest {
  @Test
  void theLongestMatchingPrefixWins() {
    assertThat(ContextWindows.of("gpt-4.1-mini")).isEqualTo(1_047_576);
    assertThat(ContextWindows.of("gpt-4o-mini")).isEqualTo(128_000);
    assertThat(ContextWindows.of("gpt-4-turbo-2024-04-09")).isEqualTo(128_000);
    assertThat(ContextWindows.of("gpt-4-0613")).isEqualTo(8_192);
  }

  @Test
  void anOpenRouterVendorPrefixAndCaseDoNotMatter() {
    assertThat(ContextWindows.of("deepseek/deepseek-chat")).isEqualTo(65_536);
    assertThat(ContextWindows.of("Qwen2.5-7B-Instruct")).isEqualTo(32_768);
    assertThat(ContextWindows.of("meta-llama/Llama-3.1-8B-Instruct")).isEqualTo(131_072);
  }

  @Test
  void anUnknownOrMissingModelIsZero() {
    assertThat(ContextWindows.of("tiny-llama")).isZero();
    assertThat(ContextWindows.of(null)).isZero();
    assertThat(ContextWindows.of("")).isZero();
  }
}
