package dev.draft.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named endpoint from {@code config.yaml}. Any setting may be null (not set); {@link
 * EndpointResolver} fills the gaps from flags, environment, preset and defaults. There is no {@code
 * api_key}: a key only ever comes from the environment or a command.
 */
public record Profile(
    @JsonProperty("preset") String preset,
    @JsonProperty("base_url") String baseUrl,
    @JsonProperty("model") String model,
    @JsonProperty("api_key_env") String apiKeyEnv,
    @JsonProperty("api_key_cmd") String apiKeyCmd,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("azure") Azure azure,
    @JsonProperty("timeouts") Timeouts timeouts,
    @JsonProperty("max_retries") Integer maxRetries,
    @JsonProperty("concurrency") Integer concurrency,
    @JsonProperty("prices") Prices prices,
    @JsonProperty("context_window") Integer contextWindow) {

  public Profile {
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** {@code azure: {deployment, api_version}}: the profile talks to an Azure OpenAI resource. */
  public record Azure(
      @JsonProperty("deployment") String deployment,
      @JsonProperty("api_version") String apiVersion) {}

  /** {@code timeouts: {connect, idle}}, either may be null. */
  public record Timeouts(
      @JsonProperty("connect") Duration connect, @JsonProperty("idle") Duration idle) {}
}
