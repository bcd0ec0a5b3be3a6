package dev.draft.client;

import java.util.Comparator;
import java.util.List;

/**
 * The candidates of one request, ordered by index, the usage the endpoint reported, and the rate
 * limits it announced with the answer ({@link RateLimits#NONE} when it announced none; never null).
 */
public record ChatResult(List<Choice> choices, Usage usage, RateLimits rateLimits) {
  public ChatResult {
    choices = choices.stream().sorted(Comparator.comparingInt(Choice::index)).toList();
    rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
  }

  /** A result without any announced rate limit. */
  public ChatResult(List<Choice> choices, Usage usage) {
    this(choices, usage, RateLimits.NONE);
  }
}
