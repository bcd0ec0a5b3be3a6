package dev.draft.config;

import java.util.List;
import java.util.Map;

/**
 * How messages name a place in the config file and what value it expects. A path is the list of
 * keys from the document root, e.g. {@code [profiles, local, timeouts, idle]}.
 */
final class ConfigKeys {
  private static final String DURATION =
      "a duration greater than zero such as 500ms, 10s, 2m, 1h, or a number of seconds";
  private static final String PRICE = "a number ≥ 0 (US dollars per million tokens)";

  private static final Map<String, String> TOP_LEVEL =
      Map.of(
          "default_profile", "the name of a profile",
          "profiles", "a map from profile names to their settings",
          "history", "on or off");

  private static final Map<String, String> IN_PROFILE =
      Map.ofEntries(
          Map.entry("preset", "the name of a built-in preset"),
          Map.entry("base_url", "a URL such as http://127.0.0.1:8080/v1"),
          Map.entry("model", "a model name"),
          Map.entry("api_key_env", "the name of an environment variable"),
          Map.entry("api_key_cmd", "a shell command that prints the key"),
          Map.entry("headers", "a map from header names to values"),
          Map.entry("headers.*", "text"),
          Map.entry("azure", "a map such as {deployment: NAME, api_version: \"2024-10-21\"}"),
          Map.entry("azure.deployment", "a deployment name"),
          Map.entry("azure.api_version", "a version such as \"2024-10-21\""),
          Map.entry("timeouts", "a map such as {connect: 10s, idle: 120s}"),
          Map.entry("timeouts.connect", DURATION),
          Map.entry("timeouts.idle", DURATION),
          Map.entry("max_retries", "a whole number ≥ 0"),
          Map.entry("concurrency", "a whole number ≥ 1"),
          Map.entry("prices", "a map such as {input: 0.27, output: 1.10}"),
          Map.entry("prices.input", PRICE),
          Map.entry("prices.output", PRICE),
          Map.entry("context_window", "the model's context window in tokens, a whole number ≥ 1"));

  private ConfigKeys() {}

  /** The profile a path lies in, or null for top-level keys. */
  static String profile(List<String> path) {
    return inProfile(path) ? path.get(1) : null;
  }

  /** The key as the user wrote it, relative to its profile: {@code timeouts.idle}. */
  static String name(List<String> path) {
    return String.join(".", inProfile(path) ? path.subList(2, path.size()) : path);
  }

  /** "in profile 'local'", "in 'timeouts' of profile 'local'", or "at the top level". */
  static String where(List<String> parent) {
    if (!inProfile(parent)) {
      return parent.isEmpty() ? "at the top level" : "in '" + String.join(".", parent) + "'";
    }
    String profile = "profile '" + parent.get(1) + "'";
    return parent.size() == 2 ? "in " + profile : "in '" + name(parent) + "' of " + profile;
  }

  /** What the value at this path must be, as a phrase that follows "must be". */
  static String expected(List<String> path) {
    if (path.isEmpty()) {
      return "a map of settings (default_profile, profiles, history)";
    }
    if (!inProfile(path)) {
      return TOP_LEVEL.getOrDefault(path.get(0), "something else");
    }
    if (path.size() == 2) {
      return "a map of settings such as base_url and model";
    }
    String key = name(path);
    if (key.startsWith("headers.")) {
      key = "headers.*";
    }
    return IN_PROFILE.getOrDefault(key, "something else");
  }

  /** {@code 'max_retries' must be a whole number ≥ 0, got "two"}. */
  static String mustBe(List<String> path, String shown) {
    String subject;
    if (path.isEmpty()) {
      subject = "the file";
    } else if (inProfile(path) && path.size() == 2) {
      subject = "profile '" + path.get(1) + "'";
    } else {
      subject = "'" + name(path) + "'";
    }
    return subject + " must be " + expected(path) + ", got " + shown;
  }

  private static boolean inProfile(List<String> path) {
    return path.size() >= 2 && path.get(0).equals("profiles");
  }
}
