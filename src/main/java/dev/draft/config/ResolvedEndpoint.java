package dev.draft.config;

import dev.draft.client.EndpointSettings;
import java.util.List;

/**
 * Where requests go and with what, after flags, environment, profile and preset have been weighed.
 *
 * @param settings what the HTTP client needs
 * @param model the model to ask for, or null when nothing named one (the caller decides)
 * @param profile the profile used, or null when none was
 * @param prices the profile's prices, or null when unknown
 * @param contextWindow the profile's {@code context_window} in tokens, or null when not set
 * @param rows each setting with its value and where that value came from, in display order, for
 *     {@code draft config show}; a key appears only redacted
 */
public record ResolvedEndpoint(
    EndpointSettings settings,
    String model,
    String profile,
    Prices prices,
    Integer contextWindow,
    List<Row> rows) {

  public ResolvedEndpoint {
    rows = List.copyOf(rows);
  }

  /**
   * One line of {@code draft config show}.
   *
   * @param setting the config key, e.g. {@code base_url} or {@code timeouts.idle}
   * @param value the value as it may be shown
   * @param origin {@code flag}, {@code env $NAME}, {@code profile NAME}, {@code preset NAME} or
   *     {@code default}
   */
  public record Row(String setting, String value, String origin) {}
}
