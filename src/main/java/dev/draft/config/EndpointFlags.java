package dev.draft.config;

import java.time.Duration;

/**
 * The endpoint settings given on the command line; each is null when the flag was not used.
 *
 * @param profile {@code --profile}
 * @param baseUrl {@code --base-url}
 * @param model {@code --model}
 * @param timeout {@code --timeout}: the longest wait between two bytes of a response
 */
public record EndpointFlags(String profile, String baseUrl, String model, Duration timeout) {

  /** No endpoint flags at all. */
  public static EndpointFlags none() {
    return new EndpointFlags(null, null, null, null);
  }
}
