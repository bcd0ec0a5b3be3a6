package dev.draft.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of {@code config.yaml}, as {@link ConfigLoader} read and checked them.
 *
 * @param defaultProfile the profile used when no flag or variable picks one, or null
 * @param profiles the profiles in the order the file lists them
 * @param history whether runs are recorded in the history ({@code history: on|off}, default on)
 */
public record Config(
    @JsonProperty("default_profile") String defaultProfile,
    @JsonProperty("profiles") Map<String, Profile> profiles,
    @JsonProperty("history") @JsonDeserialize(using = OnOffDeserializer.class) boolean history) {

  public Config {
    // LinkedHashMap keeps the file's order for listings; it also tolerates the null an empty
    // profile binds to, which the loader reports with its line.
    profiles =
        profiles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
  }

  /** The configuration of a missing or empty file: no profiles, history on. */
  public static Config empty() {
    return new Config(null, Map.of(), true);
  }
}
