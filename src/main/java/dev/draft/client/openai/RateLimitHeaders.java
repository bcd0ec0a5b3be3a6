package dev.draft.client.openai;

import dev.draft.client.RateLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code x-ratelimit-*} headers that OpenAI, Azure, Groq, OpenRouter and DeepSeek send
 * with each answer. Leniently: a header that is absent or cannot be read is left null, never an
 * error, since a proxy may rewrite it and an answer must not fail over a hint.
 */
final class RateLimitHeaders {
  /** One part of a Go-style duration: {@code 6m}, {@code 0.5s}, {@code 20ms}. */
  private static final String PART = "(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\\u00b5s|\\u03bcs|ms|s|m|h)";

  private static final Pattern DURATION = Pattern.compile("(?:" + PART + ")+");
  private static final Pattern ONE_PART = Pattern.compile(PART);
  private static final Pattern SECONDS = Pattern.compile("\\d+(?:\\.\\d*)?|\\.\\d+");
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private RateLimitHeaders() {}

  /**
   * @param header the response's headers by name (case-insensitive), null when absent
   */
  static RateLimits parse(Function<String, String> header) {
    RateLimits limits =
        new RateLimits(
            count(header.apply("x-ratelimit-limit-requests")),
            count(header.apply("x-ratelimit-limit-tokens")),
            count(header.apply("x-ratelimit-remaining-requests")),
            count(header.apply("x-ratelimit-remaining-tokens")),
            duration(header.apply("x-ratelimit-reset-requests")),
            duration(header.apply("x-ratelimit-reset-tokens")));
    return limits.known() ? limits : RateLimits.NONE;
  }

  /** A whole, non-negative number, or null. */
  static Long count(String value) {
    if (value == null) {
      return null;
    }
    try {
      long count = Long.parseLong(value.strip());
      return count >= 0 ? count : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A reset time as servers write it: Go's duration format ({@code 1s}, {@code 6m0s}, {@code 20ms},
   * {@code 1.5s}, {@code 2h3m}) or plain seconds ({@code 12}, {@code 0.5}); null when it is
   * neither, or negative.
   */
  static Duration duration(String value) {
    if (value == null) {
      return null;
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    BigDecimal nanos;
    if (SECONDS.matcher(text).matches()) {
      nanos = new BigDecimal(text).multiply(BigDecimal.valueOf(1_000_000_000L));
    } else if (DURATION.matcher(text).matches()) {
      nanos = BigDecimal.ZERO;
      Matcher part = ONE_PART.matcher(text);
      while (part.find()) {
        nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
      }
    } else {
      return null;
    }
    nanos = nanos.setScale(0, RoundingMode.HALF_UP);
    return nanos.compareTo(MAX_NANOS) <= 0 ? Duration.ofNanos(nanos.longValueExact()) : null;
  }

  private static BigDecimal nanosPer(String unit) {
    long nanos =
        switch (unit) {
          case "h" -> 3_600_000_000_000L;
          case "m" -> 60_000_000_000L;
          case "s" -> 1_000_000_000L;
          case "ms" -> 1_000_000L;
          case "ns" -> 1L;
          default -> 1_000L; // us, or s after the micro sign or the Greek mu, as Go accepts them
        };
    return BigDecimal.valueOf(nanos);
  }
}
