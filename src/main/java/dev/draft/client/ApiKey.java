package dev.draft.client;

import java.util.Objects;

/**
 * An API key and where it came from. {@link #toString()} never shows the key: only {@link #value()}
 * does, and only the HTTP client calls that.
 *
 * @param source where the key came from, safe to show (e.g. {@code $OPENAI_API_KEY})
 */
public record ApiKey(String value, String source) {
  public ApiKey {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The key as it may be shown: at most its prefix and last four characters, {@code sk-...abcd}.
   */
  public String redacted() {
    if (value.length() < 12) {
      return "****";
    }
    int dash = value.indexOf('-');
    String prefix = dash > 0 && dash <= 4 ? value.substring(0, dash + 1) : "";
    return prefix + "..." + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return redacted() + " (from " + source + ")";
  }
}
