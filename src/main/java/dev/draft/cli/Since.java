package dev.draft.cli;

import dev.draft.config.DurationText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --since}: a duration back from now ({@code 7d}) or a day ({@code 2026-11-01}, from its
 * start in UTC).
 */
record Since(Duration ago, LocalDate day) {
  /** The instant it names, now being {@code clock}'s. */
  Instant from(Clock clock) {
    return ago != null ? clock.instant().minus(ago) : day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Reads {@code --since}. */
  static final class Converter implements ITypeConverter<Since> {
    @Override
    public Since convert(String text) {
      try {
        return new Since(DurationText.parse(text), null);
      } catch (IllegalArgumentException notADuration) {
        try {
          return new Since(null, LocalDate.parse(text));
        } catch (DateTimeParseException notADate) {
          throw new FlagValueException(
              "takes a duration such as 7d, 12h or 30m, or a date such as 2026-11-01; got '"
                  + text
                  + "'");
        }
      }
    }
  }
}
