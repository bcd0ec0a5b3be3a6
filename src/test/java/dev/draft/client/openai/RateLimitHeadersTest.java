package dev.draft.client.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.RateLimits;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code x-ratelimit-*} headers as real servers send them, and as broken proxies do. */
class RateLimitHeadersTest {

  private static RateLimits parse(Map<String, String> headers) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return RateLimitHeaders.parse(byName::get);
  }

  @Test
  void openAiHeadersAreReadWhole() {
    RateLimits limits =
        parse(
            Map.of(
                "x-ratelimit-limit-requests", "10000",
                "x-ratelimit-limit-tokens", "30000000",
                "x-ratelimit-remaining-requests", "9999",
                "x-ratelimit-remaining-tokens", "29999976",
                "x-ratelimit-reset-requests", "6ms",
                "x-ratelimit-reset-tokens", "0s"));

    assertThat(limits)
        .isEqualTo(
            new RateLimits(
                10_000L, 30_000_000L, 9_999L, 29_999_976L, Duration.ofMillis(6), Duration.ZERO));
    assertThat(limits.known()).isTrue();
  }

  @Test
  void headerNamesAreMatchedWhateverTheirCase() {
    RateLimits limits =
        parse(
            Map.of(
                "X-RateLimit-Remaining-Requests", "14399",
                "X-RateLimit-Reset-Requests", "2m59.56s"));

    assertThat(limits.remainingRequests()).isEqualTo(14_399L);
    assertThat(limits.resetRequests()).isEqualTo(Duration.ofMillis(179_560));
  }

  @ParameterizedTest
  @CsvSource({
    "1s, PT1S",
    "6m0s, PT6M",
    "20ms, PT0.02S",
    "1.5s, PT1.5S",
    "0.06s, PT0.06S",
    "2h3m, PT2H3M",
    "12, PT12S",
    "0.5, PT0.5S",
    "0, PT0S",
    "2m59.56s, PT2M59.56S",
    "1h2m3s4ms, PT1H2M3.004S",
    "250us, PT0.00025S",
    "1500ns, PT0.0000015S",
    "7.66s, PT7.66S",
    "' 3s ', PT3S",
    "1S, PT1S"
  })
  void resetDurationsAreReadInEveryFormServersUse(String value, String expected) {
    assertThat(RateLimitHeaders.duration(value)).isEqualTo(Duration.parse(expected));
  }

  @Test
  void microsecondsMayBeWrittenWithTheMicroSignOrTheGreekMu() {
    assertThat(RateLimitHeaders.duration("3\u00b5s")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(RateLimitHeaders.duration("3\u03bcs")).isEqualTo(Duration.ofNanos(3_000));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "soon",
        "-1s",
        "-5",
        "1x",
        "s",
        "1.2.3s",
        "1s junk",
        "1 s",
        "NaN",
        "Infinity",
        "1e3",
        "0x10",
        "9999999999999999999h"
      })
  void malformedResetIsAbsentNotAnError(String value) {
    assertThat(RateLimitHeaders.duration(value)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "many", "-1", "12.5", "99999999999999999999", "1,000"})
  void malformedCountIsAbsentNotAnError(String value) {
    RateLimits limits =
        parse(Map.of("x-ratelimit-remaining-requests", value, "x-ratelimit-limit-tokens", "90"));

    assertThat(limits.remainingRequests()).isNull();
    assertThat(limits.limitTokens()).isEqualTo(90L);
  }

  @Test
  void missingHeadersAreNone() {
    assertThat(parse(Map.of("Content-Type", "application/json"))).isSameAs(RateLimits.NONE);
    assertThat(RateLimits.NONE.known()).isFalse();
  }

  @Test
  void onlyMalformedHeadersAreNone() {
    RateLimits limits =
        parse(
            Map.of(
                "x-ratelimit-remaining-tokens", "lots",
                "x-ratelimit-reset-tokens", "later"));

    assertThat(limits).isSameAs(RateLimits.NONE);
  }

  @Test
  void someHeadersPresentLeaveTheOthersNull() {
    // Azure sends the remaining counts without the reset times.
    RateLimits limits =
        parse(
            Map.of(
                "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-remaining-tokens", "1500"));

    assertThat(limits).isEqualTo(new RateLimits(null, null, 0L, 1_500L, null, null));
    assertThat(limits.known()).isTrue();
  }
}
