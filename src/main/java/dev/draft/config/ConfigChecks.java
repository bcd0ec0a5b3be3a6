package dev.draft.config;

import dev.draft.client.RedactedUrl;
import dev.draft.text.DidYouMean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules binding cannot express: how settings relate to each other and which numbers make sense.
 * Runs after binding, so it takes lines from the {@link SourceMap}.
 */
final class ConfigChecks {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // RFC 9110 "token": what an HTTP client will accept as a header name.
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final Path file;
  private final SourceMap source;

  ConfigChecks(Path file, SourceMap source) {
    this.file = file;
    this.source = source;
  }

  void check(Config config) {
    for (Map.Entry<String, Profile> entry : config.profiles().entrySet()) {
      checkProfile(entry.getKey(), entry.getValue());
    }
    String defaultProfile = config.defaultProfile();
    if (defaultProfile != null && !config.profiles().containsKey(defaultProfile)) {
      List<String> names = new ArrayList<>(config.profiles().keySet());
      String hint = DidYouMean.hint(defaultProfile, names);
      throw fail(
          List.of("default_profile"),
          "default_profile '"
              + defaultProfile
              + "' is not a profile in this file"
              + hint
              + (names.isEmpty()
                  ? "; add it under 'profiles:'"
                  : "; profiles: " + String.join(", ", names)));
    }
  }

  private void checkProfile(String name, Profile profile) {
    List<String> at = List.of("profiles", name);
    if (profile == null) {
      throw fail(at, "profile '" + name + "' is empty: give it a preset or a base_url");
    }
    Preset preset = checkPreset(name, profile.preset());
    if (preset == null && profile.baseUrl() == null) {
      throw fail(
          at,
          "profile '"
              + name
              + "' needs a preset or a base_url, e.g. 'preset: openai' or"
              + " 'base_url: http://127.0.0.1:8080/v1'");
    }
    if (profile.baseUrl() != null && !isHttpUrl(profile.baseUrl())) {
      throw fail(
          key(name, "base_url"),
          "'base_url' must start with http:// or https://, got "
              + "\""
              + RedactedUrl.of(profile.baseUrl())
              + "\"");
    }
    if (profile.apiKeyEnv() != null && !VARIABLE_NAME.matcher(profile.apiKeyEnv()).matches()) {
      // Never echo the value: the usual mistake is pasting the key itself here.
      throw fail(
          key(name, "api_key_env"),
          "'api_key_env' must be the name of an environment variable, such as OPENAI_API_KEY,"
              + " not the key itself");
    }
    if (profile.apiKeyCmd() != null && profile.apiKeyCmd().isBlank()) {
      throw fail(
          key(name, "api_key_cmd"),
          "'api_key_cmd' is empty: give a command that prints the key, or remove the line");
    }
    checkHeaders(name, profile.headers());
    checkAzure(name, profile, preset);
    if (profile.maxRetries() != null && profile.maxRetries() < 0) {
      throw mustBe(key(name, "max_retries"));
    }
    if (profile.concurrency() != null && profile.concurrency() < 1) {
      throw mustBe(key(name, "concurrency"));
    }
    checkPrices(name, profile.prices());
    if (profile.contextWindow() != null && profile.contextWindow() < 1) {
      throw mustBe(key(name, "context_window"));
    }
  }

  private Preset checkPreset(String profile, String presetName) {
    if (presetName == null) {
      return null;
    }
    return Preset.named(presetName)
        .orElseThrow(
            () ->
                fail(
                    key(profile, "preset"),
                    "unknown preset '"
                        + presetName
                        + "' in profile '"
                        + profile
                        + "'"
                        + DidYouMean.hint(presetName, Preset.names())
                        + "; presets: "
                        + String.join(", ", Preset.names())));
  }

  // Caught here rather than by the HTTP client, which would fail later and without a line number.
  private void checkHeaders(String profile, Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      List<String> path = key(profile, "headers", header.getKey());
      if (!HEADER_NAME.matcher(header.getKey()).matches()) {
        throw fail(
            path,
            "'"
                + header.getKey()
                + "' in profile '"
                + profile
                + "' is not a valid HTTP header name: use letters, digits and '-'");
      }
      if (header.getValue() == null) {
        throw mustBe(path);
      }
      if (header.getValue().indexOf('\n') >= 0 || header.getValue().indexOf('\r') >= 0) {
        throw fail(path, "'" + ConfigKeys.name(path) + "' must be a single line");
      }
    }
  }

  private void checkAzure(String name, Profile profile, Preset preset) {
    Profile.Azure azure = profile.azure();
    if (azure != null && (azure.deployment() == null || azure.deployment().isBlank())) {
      throw fail(
          key(name, "azure"),
          "'azure' in profile '"
              + name
              + "' needs a deployment: azure: {deployment: NAME, api_version: \"2024-10-21\"}");
    }
    if (azure == null && preset != null && preset.azure()) {
      throw fail(
          key(name, "preset"),
          "profile '"
              + name
              + "' uses the azure preset but names no deployment: add"
              + " azure: {deployment: NAME, api_version: \"2024-10-21\"}");
    }
    if ((azure != null || (preset != null && preset.azure())) && profile.baseUrl() == null) {
      throw fail(
          List.of("profiles", name),
          "profile '"
              + name
              + "' talks to Azure but has no base_url: add"
              + " base_url: https://RESOURCE.openai.azure.com");
    }
  }

  private void checkPrices(String name, Prices prices) {
    if (prices == null) {
      return;
    }
    if (prices.input() == null || prices.output() == null) {
      throw fail(
          key(name, "prices"),
          "'prices' in profile '"
              + name
              + "' needs both input and output, e.g. "
              + "prices: {input: 0.27, output: 1.10}");
    }
    if (prices.input().signum() < 0) {
      throw mustBe(key(name, "prices", "input"));
    }
    if (prices.output().signum() < 0) {
      throw mustBe(key(name, "prices", "output"));
    }
  }

  private static boolean isHttpUrl(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  private static List<String> key(String profile, String... keys) {
    List<String> path = new ArrayList<>(List.of("profiles", profile));
    path.addAll(List.of(keys));
    return List.copyOf(path);
  }

  private ConfigException mustBe(List<String> path) {
    return fail(path, ConfigKeys.mustBe(path, source.spot(path).shown()));
  }

  private ConfigException fail(List<String> path, String problem) {
    return ConfigException.at(file, source.line(path), problem);
  }
}
