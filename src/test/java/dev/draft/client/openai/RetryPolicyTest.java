package dev.draft.client.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The retry rules on their own, without HTTP: statuses, the server's waits, backoff, jitter. */
class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  private static final Function<String, String> NO_HEADERS = name -> null;

  private static RetryPolicy policy(int maxRetries, double random) {
    return new RetryPolicy(maxRetries, () -> random, NOW);
  }

  private static Function<String, String> headers(Map<String, String> values) {
    return values::get;
  }

  @Test
  void connectionFailuresTimeoutsConflictsRateLimitsAndServerErrorsAreRetried() {
    for (int status : new int[] {0, 408, 409, 429, 500, 502, 503, 529}) {
      assertThat(policy(2, 0).decide(0, status, NO_HEADERS))
          .as("status %d", status)
          .isInstanceOf(RetryPolicy.Retry.class);
    }
  }

  @Test
  void clientErrorsAreNotRetried() {
    for (int status : new int[] {400, 401, 403, 404, 422}) {
      assertThat(policy(2, 0).decide(0, status, NO_HEADERS))
          .as("status %d", status)
          .isEqualTo(new RetryPolicy.GiveUp(null));
    }
  }

  @Test
  void xShouldRetryOverridesTheStatusEitherWay() {
    assertThat(policy(2, 0).decide(0, 400, headers(Map.of("x-should-retry", "true"))))
        .isInstanceOf(RetryPolicy.Retry.class);
    assertThat(policy(2, 0).decide(0, 503, headers(Map.of("x-should-retry", "false"))))
        .isEqualTo(new RetryPolicy.GiveUp(null));
  }

  @Test
  void backoffDoublesFromHalfASecondUpToEightLessAQuarterAtMostForJitter() {
    assertThat(policy(9, 0).decide(0, 500, NO_HEADERS))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(500)));
    assertThat(policy(9, 0).decide(2, 500, NO_HEADERS))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(2)));
    assertThat(policy(9, 0).decide(6, 500, NO_HEADERS))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(8)));
    assertThat(policy(9, 0.999_999).decide(6, 500, NO_HEADERS))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(6000)));
  }

  @Test
  void noRetriesLeftGivesUp() {
    assertThat(policy(2, 0).decide(2, 500, NO_HEADERS)).isEqualTo(new RetryPolicy.GiveUp(null));
    assertThat(policy(0, 0).decide(0, 0, NO_HEADERS)).isEqualTo(new RetryPolicy.GiveUp(null));
  }

  @Test
  void theServersWaitComesFromRetryAfterMsThenRetryAfterInSecondsOrAsADate() {
    assertThat(policy(2, 0).decide(0, 429, headers(Map.of("retry-after-ms", "1500"))))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(1500)));
    assertThat(
            policy(2, 0)
                .decide(0, 429, headers(Map.of("retry-after-ms", "soon", "retry-after", "2.5"))))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(2500)));
    assertThat(
            policy(2, 0)
                .decide(0, 503, headers(Map.of("retry-after", "Sun, 06 Dec 2026 10:00:30 GMT"))))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(30)));
  }

  @Test
  void aDateInThePastMeansNowAndNonsenseMeansBackoff() {
    assertThat(
            policy(2, 0)
                .decide(0, 503, headers(Map.of("retry-after", "Sun, 06 Dec 2026 09:00:00 GMT"))))
        .isEqualTo(new RetryPolicy.Retry(Duration.ZERO));
    assertThat(policy(2, 0).decide(0, 503, headers(Map.of("retry-after", "later"))))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(500)));
    assertThat(policy(2, 0).decide(0, 503, headers(Map.of("retry-after", "-3"))))
        .isEqualTo(new RetryPolicy.Retry(Duration.ofMillis(500)));
  }

  @Test
  void aWaitLongerThanAMinuteIsNotWaitedButReported() {
    assertThat(policy(2, 0).decide(0, 429, headers(Map.of("retry-after", "3600"))))
        .isEqualTo(new RetryPolicy.GiveUp(Duration.ofHours(1)));
  }

  @Test
  void theServersWaitIsIgnoredWhenThereIsNoResponse() {
    // Status 0: no response, so no headers can ask for anything.
    assertThat(policy(2, 0).decide(0, 0, headers(Map.of("x-should-retry", "false"))))
        .isInstanceOf(RetryPolicy.Retry.class);
  }
}
