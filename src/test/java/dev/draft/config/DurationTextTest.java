package dev.draft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "10s, PT10S",
    "2m, PT2M",
    "1h, PT1H",
    "90d, PT2160H",
    "30, PT30S",
    "1.5, PT1.5S",
    "1.5s, PT1.5S",
    "' 90 s ', PT1M30S"
  })
  void parsesEveryWrittenForm(String text, String expected) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ten", "10 sec", "-5s", "1w", "0", "0s", "1m30s", "99999999999999h"})
  void rejectsWhatIsNotAPositiveDuration(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse(text));
  }

  @Test
  void formatsInTheLargestExactUnit() {
    assertThat(DurationText.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(DurationText.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(DurationText.format(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(DurationText.format(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
  }

  @Test
  void formattedTextParsesBackToTheSameDuration() {
    for (Duration d :
        new Duration[] {Duration.ofMillis(1500), Duration.ofMinutes(2), Duration.ofSeconds(7)}) {
      assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
    }
  }
}
