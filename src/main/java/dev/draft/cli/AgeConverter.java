package dev.draft.cli;

import dev.draft.config.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** A flag that takes an age such as {@code 90d}, {@code 12h} or {@code 30m}. */
final class AgeConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new FlagValueException("takes an age such as 90d, 12h or 30m, got '" + value + "'");
    }
  }
}
