package dev.draft.config;

import static dev.draft.config.Sourced.first;

import dev.draft.client.EndpointSettings;
import dev.draft.client.RedactedUrl;
import dev.draft.text.DidYouMean;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Turns flags, environment, the chosen profile and its preset into one endpoint. For every setting
 * the first source that sets it wins, in this order: flag, environment ({@code OPENAI_BASE_URL},
 * {@code OPENAI_API_KEY}, {@code DRAFT_MODEL}, {@code DRAFT_PROFILE}), profile, preset, default.
 * The API key follows a stricter rule, described on {@link KeyChooser}.
 */
public final class EndpointResolver {
  /** The Azure OpenAI API version used when a profile's {@code azure:} block names none. */
  public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

  private static final Profile NO_PROFILE =
      new Profile(null, null, null, null, null, null, null, null, null, null, null, null);
  private static final Profile.Timeouts NO_TIMEOUTS = new Profile.Timeouts(null, null);

  private final Config config;
  private final Map<String, String> env;
  private final KeyChooser keys;

  /**
   * @param config the loaded configuration
   * @param env the environment variables (usually {@code System.getenv()})
   * @param keyCommands runs {@code api_key_cmd}; only called when the chosen profile has one
   */
  public EndpointResolver(Config config, Map<String, String> env, KeyCommandRunner keyCommands) {
    this.config = config;
    this.env = env;
    this.keys = new KeyChooser(env, keyCommands);
  }

  /**
   * Resolves the endpoint, running the profile's {@code api_key_cmd} if it has one.
   *
   * @throws NoEndpointException when no profile and no base URL are given anywhere
   * @throws ConfigException when a flag or variable names a profile that does not exist, a base URL
   *     is not http(s), or the key command fails
   */
  public ResolvedEndpoint resolve(EndpointFlags flags) {
    Sourced<String> chosen = chooseProfile(flags);
    String name = chosen == null ? null : chosen.value();
    Profile profile = name == null ? NO_PROFILE : config.profiles().get(name);
    Preset preset = presetOf(name, profile);
    String fromProfile = Sourced.profile(name);

    Sourced<String> baseUrl =
        first(
            Sourced.of(flags.baseUrl(), Sourced.FLAG),
            fromEnv("OPENAI_BASE_URL"),
            Sourced.of(profile.baseUrl(), fromProfile),
            preset == null ? null : Sourced.of(preset.baseUrl(), Sourced.preset(preset)));
    if (baseUrl == null && name == null && present(env.get("OPENAI_API_KEY"))) {
      // Like the OpenAI SDKs and the tools our users know: a key alone means OpenAI.
      Preset openai = Preset.named("openai").orElseThrow();
      baseUrl = Sourced.of(openai.baseUrl(), Sourced.preset(openai));
    }
    if (baseUrl == null) {
      if (name == null) {
        throw new NoEndpointException();
      }
      throw new ConfigException(
          "profile '" + name + "' has no base_url: add one, or a preset such as 'preset: openai'");
    }
    String url = checkedUrl(baseUrl);
    boolean urlFromOverride =
        baseUrl.origin().equals(Sourced.FLAG)
            || baseUrl.origin().equals(Sourced.env("OPENAI_BASE_URL"));

    Sourced<String> model =
        first(
            Sourced.of(flags.model(), Sourced.FLAG),
            fromEnv("DRAFT_MODEL"),
            Sourced.of(profile.model(), fromProfile));
    EndpointSettings.Azure azure = azureOf(name, profile, preset);
    KeyChooser.Choice key = keys.choose(name, profile, preset, azure != null, urlFromOverride);

    Profile.Timeouts timeouts = profile.timeouts() == null ? NO_TIMEOUTS : profile.timeouts();
    Sourced<Duration> connect =
        orDefault(
            Sourced.of(timeouts.connect(), fromProfile), EndpointSettings.DEFAULT_CONNECT_TIMEOUT);
    Sourced<Duration> idle =
        orDefault(
            first(
                Sourced.of(flags.timeout(), Sourced.FLAG),
                Sourced.of(timeouts.idle(), fromProfile)),
            EndpointSettings.DEFAULT_IDLE_TIMEOUT);
    Sourced<Integer> maxRetries =
        orDefault(
            Sourced.of(profile.maxRetries(), fromProfile), EndpointSettings.DEFAULT_MAX_RETRIES);
    Sourced<Integer> concurrency =
        orDefault(
            Sourced.of(profile.concurrency(), fromProfile), EndpointSettings.DEFAULT_CONCURRENCY);

    EndpointSettings settings =
        new EndpointSettings(
            name,
            url,
            key.key(),
            key.hint(),
            profile.headers(),
            azure,
            connect.value(),
            idle.value(),
            maxRetries.value(),
            concurrency.value());

    ShowRows rows =
        new ShowRows()
            .add("profile", chosen, "(none)")
            .add("base_url", RedactedUrl.of(url), baseUrl.origin())
            .add("model", model, "(not set)")
            .add("api_key", key.shown(), key.origin());
    if (azure != null) {
      boolean versionGiven = profile.azure() != null && profile.azure().apiVersion() != null;
      rows.add("azure.deployment", azure.deployment(), fromProfile)
          .add(
              "azure.api_version",
              azure.apiVersion(),
              versionGiven ? fromProfile : Sourced.DEFAULT);
    }
    rows.headers(profile.headers(), fromProfile)
        .add("timeouts.connect", connect.map(DurationText::format), null)
        .add("timeouts.idle", idle.map(DurationText::format), null)
        .add("max_retries", maxRetries, null)
        .add("concurrency", concurrency, null)
        .prices(profile.prices(), fromProfile);
    if (profile.contextWindow() != null) {
      rows.add("context_window", String.valueOf(profile.contextWindow()), fromProfile);
    }
    return new ResolvedEndpoint(
        settings,
        model == null ? null : model.value(),
        name,
        profile.prices(),
        profile.contextWindow(),
        rows.rows());
  }

  /**
   * {@code --profile}, then {@code DRAFT_PROFILE}, then {@code default_profile}, then the sole one.
   */
  private Sourced<String> chooseProfile(EndpointFlags flags) {
    Map<String, Profile> profiles = config.profiles();
    String only = profiles.size() == 1 ? profiles.keySet().iterator().next() : null;
    Sourced<String> chosen =
        first(
            Sourced.of(flags.profile(), Sourced.FLAG),
            fromEnv("DRAFT_PROFILE"),
            Sourced.of(config.defaultProfile(), Sourced.DEFAULT),
            Sourced.of(only, Sourced.DEFAULT));
    if (chosen != null && profiles.get(chosen.value()) == null) {
      throw unknownProfile(chosen);
    }
    return chosen;
  }

  private ConfigException unknownProfile(Sourced<String> chosen) {
    String from =
        switch (chosen.origin()) {
          case Sourced.FLAG -> "--profile";
          case Sourced.DEFAULT -> "default_profile";
          default -> "$DRAFT_PROFILE";
        };
    List<String> names = List.copyOf(config.profiles().keySet());
    String known =
        names.isEmpty()
            ? ": the config file has no profiles; run 'draft config init' or add one under"
                + " 'profiles:'"
            : DidYouMean.hint(chosen.value(), names) + "; profiles: " + String.join(", ", names);
    return new ConfigException(
        "unknown profile '" + chosen.value() + "' (from " + from + ")" + known);
  }

  private static Preset presetOf(String name, Profile profile) {
    if (profile.preset() == null) {
      return null;
    }
    return Preset.named(profile.preset())
        .orElseThrow(
            () ->
                new ConfigException(
                    "unknown preset '"
                        + profile.preset()
                        + "' in profile '"
                        + name
                        + "'; presets: "
                        + String.join(", ", Preset.names())));
  }

  private static EndpointSettings.Azure azureOf(String name, Profile profile, Preset preset) {
    Profile.Azure block = profile.azure();
    if (block == null && (preset == null || !preset.azure())) {
      return null;
    }
    if (block == null || block.deployment() == null || block.deployment().isBlank()) {
      throw new ConfigException(
          "profile '"
              + name
              + "' uses Azure but names no deployment: add"
              + " azure: {deployment: NAME, api_version: \""
              + DEFAULT_AZURE_API_VERSION
              + "\"}");
    }
    String version = block.apiVersion() == null ? DEFAULT_AZURE_API_VERSION : block.apiVersion();
    return new EndpointSettings.Azure(block.deployment(), version);
  }

  private Sourced<String> fromEnv(String variable) {
    return Sourced.of(env.get(variable), Sourced.env(variable));
  }

  private static <T> Sourced<T> orDefault(Sourced<T> chosen, T fallback) {
    return chosen != null ? chosen : new Sourced<>(fallback, Sourced.DEFAULT);
  }

  /** The URL without trailing slashes, so paths can be appended with one. */
  private static String checkedUrl(Sourced<String> baseUrl) {
    String url = baseUrl.value().strip();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      boolean flag = baseUrl.origin().equals(Sourced.FLAG);
      boolean env = baseUrl.origin().equals(Sourced.env("OPENAI_BASE_URL"));
      String where =
          flag ? "--base-url" : env ? "OPENAI_BASE_URL" : "base_url of " + baseUrl.origin();
      String problem =
          where + " must start with http:// or https://, got '" + RedactedUrl.of(url) + "'";
      // A host and port without a scheme ("localhost:8080/v1") most likely meant http://.
      boolean schemeless = !url.contains("://") && !url.isEmpty();
      String suggestion = schemeless ? RedactedUrl.of("http://" + url) : "http://127.0.0.1:8080/v1";
      if (flag) {
        throw new BadFlagException(problem + "; add the scheme: --base-url " + suggestion);
      }
      if (env) {
        throw new BadFlagException(problem + "; add the scheme: OPENAI_BASE_URL=" + suggestion);
      }
      throw new ConfigException(problem);
    }
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
