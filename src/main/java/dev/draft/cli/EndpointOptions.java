package dev.draft.cli;

import dev.draft.config.EndpointFlags;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which endpoint to talk to: flags that beat the environment, the profile and the preset. */
public final class EndpointOptions {
  @Option(
      names = {"-p", "--profile"},
      paramLabel = "NAME",
      description = "Profile from config.yaml (default: $DRAFT_PROFILE, then default_profile).")
  String profile;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Endpoint base URL, e.g. http://127.0.0.1:8080/v1 (beats $OPENAI_BASE_URL).")
  String baseUrl;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "MODEL",
      description = "Model to use (beats $DRAFT_MODEL and the profile's model).")
  String model;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Longest silence between two bytes of an answer, e.g. 300s or 5m (default 120s).")
  Duration timeout;

  /** The endpoint these flags ask for, for {@link dev.draft.session.EndpointSession}. */
  public EndpointFlags flags() {
    return new EndpointFlags(profile, baseUrl, model, timeout);
  }

  /** Uses {@code fallback} (a past run's model, say) unless {@code -m} named one. */
  void modelOr(String fallback) {
    if (model == null && fallback != null) {
      model = fallback;
    }
  }
}
