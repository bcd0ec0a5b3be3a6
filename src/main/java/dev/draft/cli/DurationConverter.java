package dev.draft.cli;

import dev.draft.config.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** A flag that takes a duration such as {@code 90s}, {@code 5m} or {@code 500ms}. */
class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new FlagValueException("takes " + examples() + ", got '" + value + "'");
    }
  }

  /** What the refusal offers instead, worded for the flag. */
  String examples() {
    return "a duration such as 90s, 5m or 500ms";
  }

  /** A flag that takes an age, such as {@code --older-than 90d}. */
  static final class Age extends DurationConverter {
    @Override
    String examples() {
      return "an age such as 90d, 12h or 30m";
    }
  }
}
