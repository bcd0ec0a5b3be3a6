package dev.draft.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.draft.client.Usage;
import java.math.BigDecimal;

/**
 * What a profile's endpoint charges, in US dollars per million tokens, for cost summaries. Kept as
 * decimals because prices such as 0.27 have no exact binary form.
 */
public record Prices(
    @JsonProperty("input") BigDecimal input, @JsonProperty("output") BigDecimal output) {
  /** What {@code usage} costs in US dollars. */
  public double cost(Usage usage) {
    BigDecimal million = BigDecimal.valueOf(1_000_000);
    return input
        .multiply(BigDecimal.valueOf(usage.promptTokens()))
        .add(output.multiply(BigDecimal.valueOf(usage.completionTokens())))
        .divide(million)
        .doubleValue();
  }
}
