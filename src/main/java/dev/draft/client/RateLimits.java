package dev.draft.client;

import java.time.Duration;

/**
 * The rate limits an endpoint announced with an answer, so a batch can slow down before the server
 * refuses with 429. Every part is null when the server did not send it (most local servers send
 * none).
 *
 * @param limitRequests how many requests the current window allows
 * @param limitTokens how many tokens the current window allows
 * @param remainingRequests how many requests are left in the window
 * @param remainingTokens how many tokens are left in the window
 * @param resetRequests how long until the request limit is back to full
 * @param resetTokens how long until the token limit is back to full
 */
public record RateLimits(
    Long limitRequests,
    Long limitTokens,
    Long remainingRequests,
    Long remainingTokens,
    Duration resetRequests,
    Duration resetTokens) {
  /** Nothing announced. */
  public static final RateLimits NONE = new RateLimits(null, null, null, null, null, null);

  /** Whether the server announced anything at all. */
  public boolean known() {
    return limitRequests != null
        || limitTokens != null
        || remainingRequests != null
        || remainingTokens != null
        || resetRequests != null
        || resetTokens != null;
  }
}
