package dev.draft.client;

import java.time.Duration;
import java.util.Map;

/**
 * Everything the HTTP client needs to reach one endpoint, already resolved from flags, environment,
 * profile and preset.
 *
 * @param profile the profile name these settings came from, for messages; null when none
 * @param baseUrl the base URL up to and including the version segment, e.g. {@code .../v1}
 * @param apiKey the key, or null for endpoints that need none
 * @param keyHint how a user sets the key for this profile, for messages (e.g. {@code
 *     OPENAI_API_KEY}); never the key itself
 * @param azure Azure OpenAI deployment settings, or null for an ordinary endpoint
 * @param idleTimeout the longest gap between two bytes of a response
 */
public record EndpointSettings(
    String profile,
    String baseUrl,
    ApiKey apiKey,
    String keyHint,
    Map<String, String> headers,
    Azure azure,
    Duration connectTimeout,
    Duration idleTimeout,
    int maxRetries,
    int concurrency) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final int DEFAULT_CONCURRENCY = 4;

  public EndpointSettings {
    headers = Map.copyOf(headers);
  }

  /** Azure OpenAI: requests go to {@code /openai/deployments/{deployment}?api-version=...}. */
  public record Azure(String deployment, String apiVersion) {}

  public boolean isAzure() {
    return azure != null;
  }

  /** The base URL as it may be shown or stored: without the secrets a user put in it. */
  public String shownBaseUrl() {
    return RedactedUrl.of(baseUrl);
  }

  /**
   * The key under which what this endpoint supports is remembered. It is written to a file, so it
   * holds no secret: two endpoints that differ only in one share what is known of them.
   */
  public String capabilityKey() {
    return isAzure() ? shownBaseUrl() + "#" + azure.deployment() : shownBaseUrl();
  }
}
