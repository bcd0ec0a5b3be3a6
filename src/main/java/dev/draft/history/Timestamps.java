package dev.draft.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as the database holds them: ISO-8601 UTC with exactly three decimals, so that text order is
 * time order ({@link Instant#toString()} drops zero fractions, and "12:00:00Z" sorts after
 * "12:00:00.5Z").
 */
final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new HistoryException("unreadable time '" + text + "' in the history database", e);
    }
  }
}
