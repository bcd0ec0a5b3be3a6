package dev.draft.client.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * When to retry a request and how long to wait, the way the official OpenAI SDKs do it: connection
 * failures, timeouts, 408, 409, 429 and 5xx are retried; {@code x-should-retry} overrides the
 * status; {@code retry-after-ms}, then {@code Retry-After} (seconds or an HTTP date) are honoured
 * up to 60 s; otherwise exponential backoff {@code min(0.5·2^k, 8)} seconds less up to 25 % jitter.
 */
final class RetryPolicy {
  static final Duration MAX_SERVER_WAIT = Duration.ofSeconds(60);

  private final int maxRetries;
  private final DoubleSupplier random;
  private final Instant now;

  /**
   * @param random values in [0, 1) for jitter
   * @param now the current time, for {@code Retry-After} given as an HTTP date
   */
  RetryPolicy(int maxRetries, DoubleSupplier random, Instant now) {
    this.maxRetries = maxRetries;
    this.random = random;
    this.now = now;
  }

  /** The answer for one failed attempt. */
  sealed interface Decision {}

  /** Try again after {@code delay}. */
  record Retry(Duration delay) implements Decision {}

  /** Give up; {@code serverWait} is set when the server asked for a wait longer than we allow. */
  record GiveUp(Duration serverWait) implements Decision {}

  /**
   * @param retriesDone how many retries were already made for this request
   * @param status the HTTP status, or 0 when the request failed without a response
   * @param header the response's headers by name (case-insensitive), null values when absent
   */
  Decision decide(int retriesDone, int status, Function<String, String> header) {
    if (!shouldRetry(status, header)) {
      return new GiveUp(null);
    }
    Duration serverWait = serverWait(header);
    if (serverWait != null && serverWait.compareTo(MAX_SERVER_WAIT) > 0) {
      return new GiveUp(serverWait);
    }
    if (retriesDone >= maxRetries) {
      return new GiveUp(null);
    }
    if (serverWait != null) {
      return new Retry(serverWait);
    }
    double seconds = Math.min(0.5 * Math.pow(2, retriesDone), 8.0);
    double jittered = seconds * (1 - 0.25 * random.getAsDouble());
    return new Retry(Duration.ofMillis(Math.round(jittered * 1000)));
  }

  private static boolean shouldRetry(int status, Function<String, String> header) {
    String should = status == 0 ? null : header.apply("x-should-retry");
    if ("true".equalsIgnoreCase(should)) {
      return true;
    }
    if ("false".equalsIgnoreCase(should)) {
      return false;
    }
    return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** The wait the server asked for, or null when it asked for none we can read. */
  Duration serverWait(Function<String, String> header) {
    String ms = header.apply("retry-after-ms");
    if (ms != null) {
      try {
        double value = Double.parseDouble(ms.trim());
        if (value >= 0 && Double.isFinite(value)) {
          return Duration.ofMillis(Math.round(value));
        }
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    String after = header.apply("retry-after");
    if (after == null || after.isBlank()) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(after.trim());
      return seconds >= 0 && Double.isFinite(seconds)
          ? Duration.ofMillis(Math.round(seconds * 1000))
          : null;
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(after.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
