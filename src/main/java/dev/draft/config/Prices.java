package dev.draft.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * What a profile's endpoint charges, in US dollars per million tokens, for cost summaries. Kept as
 * decimals because prices such as 0.27 have no exact binary form.
 */
public record Prices(
    @JsonProperty("input") BigDecimal input, @JsonProperty("output") BigDecimal output) {}
