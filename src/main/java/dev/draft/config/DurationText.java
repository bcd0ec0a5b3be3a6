package dev.draft.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files and on the command line: {@code 500ms}, {@code
 * 10s}, {@code 2m}, {@code 1h}, {@code 90d}, or a bare number of seconds ({@code 30}, {@code 1.5}).
 */
public final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

  private DurationText() {}

  /**
   * Parses a positive duration.
   *
   * @throws IllegalArgumentException when the text is not one of the accepted forms or is zero
   */
  public static Duration parse(String text) {
    Matcher matcher = FORM.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    return ofSeconds(new BigDecimal(matcher.group(1)).multiply(secondsPer(unit)));
  }

  /** A bare number of seconds, as YAML hands over {@code idle: 90}. */
  static Duration ofSeconds(BigDecimal seconds) {
    // Zero means "wait forever" to the HTTP client; anyone who wants that can say so with 1h.
    if (seconds.signum() <= 0) {
      throw new IllegalArgumentException("duration must be greater than zero: " + seconds);
    }
    try {
      long nanos = seconds.movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact();
      if (nanos == 0) {
        throw new IllegalArgumentException("duration too short: " + seconds);
      }
      return Duration.ofNanos(nanos);
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException("duration too long: " + seconds, tooLong);
    }
  }

  /** The shortest exact way to write the duration in the form {@link #parse} accepts. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis > 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis > 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  private static BigDecimal secondsPer(String unit) {
    return switch (unit) {
      case "ms" -> new BigDecimal("0.001");
      case "m" -> BigDecimal.valueOf(60);
      case "h" -> BigDecimal.valueOf(3600);
      case "d" -> BigDecimal.valueOf(86_400);
      default -> BigDecimal.ONE;
    };
  }
}
