package dev.draft.config;

import dev.draft.client.ApiKey;
import java.util.Map;

/**
 * Decides which API key, if any, goes with a resolved endpoint.
 *
 * <p>The rule exists so a key only ever reaches the host it was issued for:
 *
 * <ol>
 *   <li>When the base URL came from {@code --base-url} or {@code OPENAI_BASE_URL}, the user is
 *       following OpenAI's own convention, so {@code OPENAI_API_KEY} goes with it when set.
 *   <li>Otherwise the profile says where its key lives: {@code api_key_cmd}, then {@code
 *       api_key_env}.
 *   <li>Then the preset's conventional variable ({@code AZURE_OPENAI_API_KEY} for any Azure
 *       profile).
 *   <li>Only when neither the profile nor its preset names a variable does {@code OPENAI_API_KEY}
 *       apply.
 * </ol>
 *
 * A variable named by the profile or the preset that is not set leaves the key absent: falling back
 * to {@code OPENAI_API_KEY} there would send an OpenAI key to, say, {@code api.deepseek.com}.
 */
final class KeyChooser {
  private static final String OPENAI_API_KEY = "OPENAI_API_KEY";
  private static final String AZURE_API_KEY = "AZURE_OPENAI_API_KEY";

  /**
   * The outcome.
   *
   * @param key the key, or null when none is set
   * @param hint how the user sets the key, for messages; never the key
   * @param shown the key as {@code draft config show} may print it
   * @param origin where the key (or the variable that should hold it) was named
   */
  record Choice(ApiKey key, String hint, String shown, String origin) {}

  private final Map<String, String> env;
  private final KeyCommandRunner commands;

  KeyChooser(Map<String, String> env, KeyCommandRunner commands) {
    this.env = env;
    this.commands = commands;
  }

  /**
   * @param profileName the profile in use, or null
   * @param profile its settings (all null when there is no profile)
   * @param preset the profile's preset, or null
   * @param azure whether the endpoint is Azure OpenAI
   * @param urlFromOverride whether the base URL came from the flag or {@code OPENAI_BASE_URL}
   */
  Choice choose(
      String profileName, Profile profile, Preset preset, boolean azure, boolean urlFromOverride) {
    if (urlFromOverride && isSet(OPENAI_API_KEY)) {
      return fromVariable(OPENAI_API_KEY, Sourced.env(OPENAI_API_KEY));
    }
    if (profile.apiKeyCmd() != null) {
      String source = "api_key_cmd of profile '" + profileName + "'";
      ApiKey key = new ApiKey(commands.run(profileName, profile.apiKeyCmd()), source);
      return new Choice(key, source, key.redacted(), Sourced.profile(profileName));
    }
    if (profile.apiKeyEnv() != null) {
      return fromVariable(profile.apiKeyEnv(), Sourced.profile(profileName));
    }
    if (azure) {
      return fromVariable(AZURE_API_KEY, preset != null ? Sourced.preset(preset) : Sourced.DEFAULT);
    }
    if (preset != null && preset.keyVariable() != null) {
      return fromVariable(preset.keyVariable(), Sourced.preset(preset));
    }
    return fromVariable(OPENAI_API_KEY, Sourced.DEFAULT);
  }

  /**
   * The key in {@code variable}; when it is unset, no key, with {@code namedBy} as the origin so
   * {@code draft config show} tells the user which setting to look at.
   */
  private Choice fromVariable(String variable, String namedBy) {
    if (!isSet(variable)) {
      return new Choice(null, variable, "(none: $" + variable + " is not set)", namedBy);
    }
    ApiKey key = new ApiKey(env.get(variable).strip(), "$" + variable);
    return new Choice(key, variable, key.redacted(), Sourced.env(variable));
  }

  private boolean isSet(String variable) {
    String value = env.get(variable);
    return value != null && !value.isBlank();
  }
}
