package dev.draft.config;

import dev.draft.config.ResolvedEndpoint.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects the rows of {@code draft config show}. Values that may be credentials are masked here,
 * so what is collected is always safe to print.
 */
final class ShowRows {
  private static final List<String> SECRET_HEADER_WORDS =
      List.of("auth", "key", "token", "secret", "cookie", "password");

  private final List<Row> rows = new ArrayList<>();

  /** A setting and its origin, or {@code unset} with origin {@code default} when it has none. */
  ShowRows add(String setting, Sourced<?> value, String unset) {
    rows.add(
        value == null
            ? new Row(setting, unset, Sourced.DEFAULT)
            : new Row(setting, String.valueOf(value.value()), value.origin()));
    return this;
  }

  ShowRows add(String setting, String value, String origin) {
    rows.add(new Row(setting, value, origin));
    return this;
  }

  /** Header values can be credentials of their own (X-Api-Key, Authorization): those are masked. */
  ShowRows headers(Map<String, String> headers, String origin) {
    if (!headers.isEmpty()) {
      String shown =
          headers.entrySet().stream()
              .map(h -> h.getKey() + ": " + (looksSecret(h.getKey()) ? "****" : h.getValue()))
              .collect(Collectors.joining(", "));
      rows.add(new Row("headers", shown, origin));
    }
    return this;
  }

  ShowRows prices(Prices prices, String origin) {
    if (prices != null) {
      String shown =
          "input $"
              + prices.input().toPlainString()
              + ", output $"
              + prices.output().toPlainString()
              + " per million tokens";
      rows.add(new Row("prices", shown, origin));
    }
    return this;
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  private static boolean looksSecret(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    return SECRET_HEADER_WORDS.stream().anyMatch(name::contains);
  }
}
