package dev.draft.cli;

import dev.draft.config.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** A flag that takes a duration such as {@code 90s}, {@code 5m} or {@code 500ms}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new FlagValueException(
          "takes a duration such as 90s, 5m or 500ms, got '" + value + "'");
    }
  }
}
