package dev.draft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draft.client.EndpointSettings;
import dev.draft.config.ResolvedEndpoint.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointResolverTest {
  private static final String OPENAI_KEY = "sk-openai-000000000000aaaa";
  private static final String DEEPSEEK_KEY = "sk-deepseek-11111111111bbbb";
  private static final String OWN_KEY = "sk-own-2222222222222222cccc";

  /** Fails the test if resolution runs a key command it should not. */
  private static final KeyCommandRunner NO_COMMANDS =
      (profile, command) -> {
        throw new AssertionError("api_key_cmd should not run, but ran for " + profile);
      };

  private static final String PROFILES =
      """
      profiles:
        local:
          base_url: http://127.0.0.1:8080/v1/
          model: qwen2.5-7b-instruct
        ds:
          preset: deepseek
          model: deepseek-chat
        proxied:
          preset: deepseek
          base_url: https://proxy.example.com/deepseek/v1
        own:
          preset: deepseek
          api_key_env: MY_DS_KEY
        cmd:
          preset: deepseek
          api_key_cmd: pass show deepseek
          api_key_env: MY_DS_KEY
        ollama:
          preset: ollama
        work:
          preset: azure
          base_url: https://res.openai.azure.com
          azure: {deployment: gpt-4o}
        tuned:
          base_url: http://gpu-box:8000/v1
          headers: {X-Team: writers, X-Api-Key: team-secret}
          timeouts: {connect: 3s, idle: 5m}
          max_retries: 0
          concurrency: 16
          prices: {input: 0.27, output: 1.10}
      """;

  private final Map<String, String> env = new HashMap<>();

  private static Config config(String yaml) {
    return ConfigLoader.parse(yaml, Path.of("config.yaml"));
  }

  private ResolvedEndpoint resolve(String yaml, EndpointFlags flags) {
    return resolve(yaml, flags, NO_COMMANDS);
  }

  private ResolvedEndpoint resolve(String yaml, EndpointFlags flags, KeyCommandRunner commands) {
    return new EndpointResolver(config(yaml), env, commands).resolve(flags);
  }

  private static EndpointFlags profileFlag(String profile) {
    return new EndpointFlags(profile, null, null, null);
  }

  private static Row row(ResolvedEndpoint endpoint, String setting) {
    return endpoint.rows().stream()
        .filter(r -> r.setting().equals(setting))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + setting + " in " + endpoint.rows()));
  }

  private static String keyOf(ResolvedEndpoint endpoint) {
    return endpoint.settings().apiKey() == null ? null : endpoint.settings().apiKey().value();
  }

  // --- profile choice ---

  @Test
  void profileFlagBeatsEnvironmentAndDefault() {
    env.put("DRAFT_PROFILE", "ds");
    ResolvedEndpoint endpoint =
        resolve("default_profile: ollama\n" + PROFILES, profileFlag("local"));

    assertThat(endpoint.profile()).isEqualTo("local");
    assertThat(row(endpoint, "profile")).isEqualTo(new Row("profile", "local", "flag"));
  }

  @Test
  void draftProfileVariableBeatsDefaultProfile() {
    env.put("DRAFT_PROFILE", "ds");
    ResolvedEndpoint endpoint =
        resolve("default_profile: ollama\n" + PROFILES, EndpointFlags.none());

    assertThat(endpoint.profile()).isEqualTo("ds");
    assertThat(row(endpoint, "profile").origin()).isEqualTo("env $DRAFT_PROFILE");
  }

  @Test
  void defaultProfileIsUsedWhenNothingElsePicksOne() {
    ResolvedEndpoint endpoint =
        resolve("default_profile: ollama\n" + PROFILES, EndpointFlags.none());

    assertThat(endpoint.profile()).isEqualTo("ollama");
    assertThat(endpoint.settings().profile()).isEqualTo("ollama");
    assertThat(row(endpoint, "profile").origin()).isEqualTo("default");
  }

  @Test
  void soleProfileIsUsedWithoutDefaultProfile() {
    ResolvedEndpoint endpoint =
        resolve("profiles:\n  only: {preset: vllm}\n", EndpointFlags.none());

    assertThat(endpoint.profile()).isEqualTo("only");
    assertThat(endpoint.settings().baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
  }

  @Test
  void severalProfilesWithoutDefaultMeanNoProfile() {
    env.put("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1");
    ResolvedEndpoint endpoint = resolve(PROFILES, EndpointFlags.none());

    assertThat(endpoint.profile()).isNull();
    assertThat(endpoint.settings().profile()).isNull();
    assertThat(row(endpoint, "profile")).isEqualTo(new Row("profile", "(none)", "default"));
  }

  @Test
  void unknownProfileFromFlagListsTheProfilesThatExist() {
    assertThatThrownBy(() -> resolve(PROFILES, profileFlag("loacl")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown profile 'loacl' (from --profile) (did you mean 'local'?); profiles: local, ds,"
                + " proxied, own, cmd, ollama, work, tuned");
  }

  @Test
  void unknownProfileFromEnvironmentSaysSo() {
    env.put("DRAFT_PROFILE", "gone");
    assertThatThrownBy(() -> resolve(PROFILES, EndpointFlags.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown profile 'gone' (from $DRAFT_PROFILE); profiles: local,");
  }

  @Test
  void unknownProfileWithoutAnyProfilesSuggestsInit() {
    assertThatThrownBy(() -> resolve("", profileFlag("work")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("has no profiles; run 'draft config init'");
  }

  @Test
  void nothingConfiguredIsNoEndpoint() {
    assertThatThrownBy(() -> resolve("", EndpointFlags.none()))
        .isInstanceOf(NoEndpointException.class)
        .hasMessage(
            "no endpoint configured: run 'draft config init', set OPENAI_BASE_URL, or pass"
                + " --base-url ('draft doctor' looks for local servers)");
  }

  @Test
  void keyAloneWithNothingConfiguredMeansOpenAi() {
    env.put("OPENAI_API_KEY", "sk-alone-0123456789wxyz");
    ResolvedEndpoint endpoint = resolve("", EndpointFlags.none());
    assertThat(endpoint.settings().baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(endpoint.settings().apiKey().value()).isEqualTo("sk-alone-0123456789wxyz");
    assertThat(endpoint.rows())
        .contains(
            new ResolvedEndpoint.Row("base_url", "https://api.openai.com/v1", "preset openai"));
  }

  // --- base URL ---

  @Test
  void baseUrlFlagBeatsEnvironmentProfileAndPreset() {
    env.put("OPENAI_BASE_URL", "http://env.example/v1");
    ResolvedEndpoint endpoint =
        resolve(PROFILES, new EndpointFlags("proxied", "http://flag.example/v1", null, null));

    assertThat(endpoint.settings().baseUrl()).isEqualTo("http://flag.example/v1");
    assertThat(row(endpoint, "base_url").origin()).isEqualTo("flag");
  }

  @Test
  void baseUrlFromEnvironmentBeatsProfile() {
    env.put("OPENAI_BASE_URL", "http://env.example/v1");
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("proxied"));

    assertThat(endpoint.settings().baseUrl()).isEqualTo("http://env.example/v1");
    assertThat(row(endpoint, "base_url").origin()).isEqualTo("env $OPENAI_BASE_URL");
  }

  @Test
  void profileBaseUrlBeatsPreset() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("proxied"));

    assertThat(endpoint.settings().baseUrl()).isEqualTo("https://proxy.example.com/deepseek/v1");
    assertThat(row(endpoint, "base_url").origin()).isEqualTo("profile proxied");
  }

  @Test
  void presetSuppliesBaseUrlWhenProfileHasNone() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("ds"));

    assertThat(endpoint.settings().baseUrl()).isEqualTo("https://api.deepseek.com/v1");
    assertThat(row(endpoint, "base_url").origin()).isEqualTo("preset deepseek");
  }

  @Test
  void trailingSlashesAreRemoved() {
    assertThat(resolve(PROFILES, profileFlag("local")).settings().baseUrl())
        .isEqualTo("http://127.0.0.1:8080/v1");
    assertThat(
            resolve("", new EndpointFlags(null, "http://h/v1//", null, null)).settings().baseUrl())
        .isEqualTo("http://h/v1");
  }

  @Test
  void baseUrlFlagWorksWithoutAnyConfig() {
    ResolvedEndpoint endpoint =
        resolve("", new EndpointFlags(null, "http://h:1234/v1", null, null));

    assertThat(endpoint.profile()).isNull();
    assertThat(endpoint.settings().baseUrl()).isEqualTo("http://h:1234/v1");
  }

  @Test
  void baseUrlWithoutSchemeFromEnvironmentIsRejected() {
    env.put("OPENAI_BASE_URL", "localhost:8080/v1");
    assertThatThrownBy(() -> resolve("", EndpointFlags.none()))
        .isInstanceOf(BadFlagException.class)
        // Issue 9: a usage error (exit 2) that names the fix.
        .hasMessage(
            "OPENAI_BASE_URL must start with http:// or https://, got 'localhost:8080/v1'; add"
                + " the scheme: OPENAI_BASE_URL=http://localhost:8080/v1");
  }

  // --- model ---

  @Test
  void modelFlagBeatsEnvironmentAndProfile() {
    env.put("DRAFT_MODEL", "env-model");
    ResolvedEndpoint endpoint =
        resolve(PROFILES, new EndpointFlags("local", null, "flag-model", null));

    assertThat(endpoint.model()).isEqualTo("flag-model");
    assertThat(row(endpoint, "model").origin()).isEqualTo("flag");
  }

  @Test
  void modelFromEnvironmentBeatsProfile() {
    env.put("DRAFT_MODEL", "env-model");
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("local"));

    assertThat(endpoint.model()).isEqualTo("env-model");
    assertThat(row(endpoint, "model").origin()).isEqualTo("env $DRAFT_MODEL");
  }

  @Test
  void modelFromProfile() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("local"));

    assertThat(endpoint.model()).isEqualTo("qwen2.5-7b-instruct");
    assertThat(row(endpoint, "model").origin()).isEqualTo("profile local");
  }

  @Test
  void modelIsLeftUnsetWhenNothingNamesOne() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("ollama"));

    assertThat(endpoint.model()).isNull();
    assertThat(row(endpoint, "model")).isEqualTo(new Row("model", "(not set)", "default"));
  }

  // --- API key ---

  @Test
  void keyCommandBeatsApiKeyEnvAndPresetVariable() {
    env.put("MY_DS_KEY", OWN_KEY);
    env.put("DEEPSEEK_API_KEY", DEEPSEEK_KEY);
    ResolvedEndpoint endpoint =
        resolve(
            PROFILES,
            profileFlag("cmd"),
            (profile, command) -> {
              assertThat(profile).isEqualTo("cmd");
              assertThat(command).isEqualTo("pass show deepseek");
              return "sk-from-command-3333dddd";
            });

    assertThat(keyOf(endpoint)).isEqualTo("sk-from-command-3333dddd");
    assertThat(endpoint.settings().apiKey().source()).isEqualTo("api_key_cmd of profile 'cmd'");
    assertThat(row(endpoint, "api_key")).isEqualTo(new Row("api_key", "sk-...dddd", "profile cmd"));
  }

  @Test
  void apiKeyEnvBeatsPresetVariable() {
    env.put("MY_DS_KEY", OWN_KEY);
    env.put("DEEPSEEK_API_KEY", DEEPSEEK_KEY);
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("own"));

    assertThat(keyOf(endpoint)).isEqualTo(OWN_KEY);
    assertThat(endpoint.settings().keyHint()).isEqualTo("MY_DS_KEY");
    assertThat(row(endpoint, "api_key").origin()).isEqualTo("env $MY_DS_KEY");
  }

  @Test
  void openAiKeyIsNotSentToThePresetHostWhenTheProfileNamesItsOwnVariable() {
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    env.put("DEEPSEEK_API_KEY", DEEPSEEK_KEY);
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("own"));

    assertThat(endpoint.settings().apiKey()).isNull();
    assertThat(endpoint.settings().keyHint()).isEqualTo("MY_DS_KEY");
    assertThat(row(endpoint, "api_key"))
        .isEqualTo(new Row("api_key", "(none: $MY_DS_KEY is not set)", "profile own"));
  }

  @Test
  void presetVariableSuppliesTheKey() {
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    env.put("DEEPSEEK_API_KEY", DEEPSEEK_KEY);
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("ds"));

    assertThat(keyOf(endpoint)).isEqualTo(DEEPSEEK_KEY);
    assertThat(endpoint.settings().apiKey().source()).isEqualTo("$DEEPSEEK_API_KEY");
  }

  @Test
  void unsetPresetVariableLeavesTheKeyAbsentRatherThanBorrowingOpenAis() {
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("ds"));

    assertThat(endpoint.settings().apiKey()).isNull();
    assertThat(endpoint.settings().keyHint()).isEqualTo("DEEPSEEK_API_KEY");
    assertThat(row(endpoint, "api_key").origin()).isEqualTo("preset deepseek");
  }

  @Test
  void profileWithOnlyABaseUrlUsesOpenAiKey() {
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("local"));

    assertThat(keyOf(endpoint)).isEqualTo(OPENAI_KEY);
    assertThat(endpoint.settings().keyHint()).isEqualTo("OPENAI_API_KEY");
  }

  @Test
  void localPresetWithoutKeyNeedsNone() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("ollama"));

    assertThat(endpoint.settings().apiKey()).isNull();
    assertThat(endpoint.settings().baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
  }

  @Test
  void baseUrlFlagTakesOpenAiKeyOverTheProfilesOwnKey() {
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    env.put("MY_DS_KEY", OWN_KEY);
    ResolvedEndpoint endpoint =
        resolve(PROFILES, new EndpointFlags("cmd", "http://elsewhere/v1", null, null));

    assertThat(keyOf(endpoint)).isEqualTo(OPENAI_KEY);
    assertThat(row(endpoint, "api_key").origin()).isEqualTo("env $OPENAI_API_KEY");
  }

  @Test
  void baseUrlFromEnvironmentTakesOpenAiKeyOverThePresetVariable() {
    env.put("OPENAI_BASE_URL", "http://elsewhere/v1");
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    env.put("DEEPSEEK_API_KEY", DEEPSEEK_KEY);
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("ds"));

    assertThat(keyOf(endpoint)).isEqualTo(OPENAI_KEY);
  }

  @Test
  void overriddenBaseUrlWithoutOpenAiKeyKeepsTheProfilesKey() {
    env.put("MY_DS_KEY", OWN_KEY);
    ResolvedEndpoint endpoint =
        resolve(PROFILES, new EndpointFlags("own", "http://elsewhere/v1", null, null));

    assertThat(keyOf(endpoint)).isEqualTo(OWN_KEY);
  }

  @Test
  void noProfileWithEnvironmentOnlyIsTheOpenAiConvention() {
    env.put("OPENAI_BASE_URL", "https://api.example.com/v1/");
    env.put("OPENAI_API_KEY", " " + OPENAI_KEY + "\n");
    ResolvedEndpoint endpoint = resolve("", EndpointFlags.none());

    assertThat(endpoint.settings().baseUrl()).isEqualTo("https://api.example.com/v1");
    assertThat(keyOf(endpoint)).isEqualTo(OPENAI_KEY);
  }

  @Test
  void emptyVariablesCountAsUnset() {
    env.put("OPENAI_BASE_URL", "");
    env.put("DRAFT_PROFILE", "");
    env.put("DEEPSEEK_API_KEY", "");
    ResolvedEndpoint endpoint = resolve("default_profile: ds\n" + PROFILES, EndpointFlags.none());

    assertThat(endpoint.profile()).isEqualTo("ds");
    assertThat(endpoint.settings().baseUrl()).isEqualTo("https://api.deepseek.com/v1");
    assertThat(endpoint.settings().apiKey()).isNull();
  }

  @Test
  void keyCommandRunsThroughARealShell() {
    ResolvedEndpoint endpoint =
        resolve(
            "profiles:\n  p:\n    preset: openai\n    api_key_cmd: printf 'sk-test-123456789abcd'\n",
            EndpointFlags.none(),
            KeyCommandRunner.shell());

    assertThat(keyOf(endpoint)).isEqualTo("sk-test-123456789abcd");
    assertThat(row(endpoint, "api_key").value()).isEqualTo("sk-...abcd");
  }

  @Test
  void keyNeverAppearsInRowsOrToString() {
    String secret = "sk-secret-value-4444444444wxyz";
    env.put("OPENAI_BASE_URL", "http://h/v1");
    env.put("OPENAI_API_KEY", secret);
    ResolvedEndpoint fromEnv = resolve("", EndpointFlags.none());
    ResolvedEndpoint fromCommand =
        resolve(PROFILES, profileFlag("cmd"), (profile, command) -> secret);
    env.remove("OPENAI_BASE_URL");

    for (ResolvedEndpoint endpoint : new ResolvedEndpoint[] {fromEnv, fromCommand}) {
      assertThat(keyOf(endpoint)).isEqualTo(secret);
      assertThat(endpoint.toString()).doesNotContain("secret-value");
      assertThat(endpoint.settings().toString()).doesNotContain("secret-value");
      assertThat(endpoint.rows())
          .allSatisfy(
              r -> assertThat(r.value() + r.origin() + r.setting()).doesNotContain("secret-value"));
      assertThat(row(endpoint, "api_key").value())
          .isEqualTo(endpoint.settings().apiKey().redacted());
    }
  }

  // --- Azure ---

  @Test
  void azurePresetSetsDeploymentWithDefaultApiVersionAndAzureKey() {
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    env.put("AZURE_OPENAI_API_KEY", OWN_KEY);
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("work"));

    assertThat(endpoint.settings().azure())
        .isEqualTo(
            new EndpointSettings.Azure("gpt-4o", EndpointResolver.DEFAULT_AZURE_API_VERSION));
    assertThat(endpoint.settings().baseUrl()).isEqualTo("https://res.openai.azure.com");
    assertThat(keyOf(endpoint)).isEqualTo(OWN_KEY);
    assertThat(row(endpoint, "azure.deployment"))
        .isEqualTo(new Row("azure.deployment", "gpt-4o", "profile work"));
    assertThat(row(endpoint, "azure.api_version").origin()).isEqualTo("default");
  }

  @Test
  void azureBlockWithoutPresetStillReadsTheAzureKeyVariable() {
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    ResolvedEndpoint endpoint =
        resolve(
            """
            profiles:
              az:
                base_url: https://res.openai.azure.com
                azure: {deployment: d1, api_version: "2025-01-01-preview"}
            """,
            EndpointFlags.none());

    assertThat(endpoint.settings().azure())
        .isEqualTo(new EndpointSettings.Azure("d1", "2025-01-01-preview"));
    assertThat(endpoint.settings().apiKey()).isNull();
    assertThat(endpoint.settings().keyHint()).isEqualTo("AZURE_OPENAI_API_KEY");
  }

  @Test
  void ordinaryProfileIsNotAzure() {
    assertThat(resolve(PROFILES, profileFlag("ds")).settings().isAzure()).isFalse();
  }

  // --- timeouts, retries, concurrency, headers, prices ---

  @Test
  void defaultsComeFromEndpointSettings() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("ds"));
    EndpointSettings settings = endpoint.settings();

    assertThat(settings.connectTimeout()).isEqualTo(EndpointSettings.DEFAULT_CONNECT_TIMEOUT);
    assertThat(settings.idleTimeout()).isEqualTo(EndpointSettings.DEFAULT_IDLE_TIMEOUT);
    assertThat(settings.maxRetries()).isEqualTo(EndpointSettings.DEFAULT_MAX_RETRIES);
    assertThat(settings.concurrency()).isEqualTo(EndpointSettings.DEFAULT_CONCURRENCY);
    assertThat(settings.headers()).isEmpty();
    assertThat(endpoint.prices()).isNull();
    assertThat(row(endpoint, "timeouts.idle")).isEqualTo(new Row("timeouts.idle", "2m", "default"));
  }

  @Test
  void profileSettingsOverrideDefaults() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("tuned"));
    EndpointSettings settings = endpoint.settings();

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.maxRetries()).isZero();
    assertThat(settings.concurrency()).isEqualTo(16);
    assertThat(settings.headers()).containsEntry("X-Team", "writers");
    assertThat(endpoint.prices())
        .isEqualTo(new Prices(new BigDecimal("0.27"), new BigDecimal("1.10")));
    assertThat(row(endpoint, "max_retries"))
        .isEqualTo(new Row("max_retries", "0", "profile tuned"));
    assertThat(row(endpoint, "prices").value())
        .isEqualTo("input $0.27, output $1.10 per million tokens");
  }

  @Test
  void timeoutFlagSetsTheIdleTimeoutOnly() {
    ResolvedEndpoint endpoint =
        resolve(PROFILES, new EndpointFlags("tuned", null, null, Duration.ofSeconds(30)));

    assertThat(endpoint.settings().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(endpoint.settings().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(row(endpoint, "timeouts.idle")).isEqualTo(new Row("timeouts.idle", "30s", "flag"));
  }

  @Test
  void headerValuesThatLookLikeCredentialsAreMaskedInRows() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("tuned"));

    assertThat(row(endpoint, "headers").value()).isEqualTo("X-Team: writers, X-Api-Key: ****");
    assertThat(endpoint.settings().headers()).containsEntry("X-Api-Key", "team-secret");
  }

  @Test
  void rowsComeInDisplayOrder() {
    ResolvedEndpoint endpoint = resolve(PROFILES, profileFlag("tuned"));

    assertThat(endpoint.rows().stream().map(Row::setting))
        .containsExactly(
            "profile",
            "base_url",
            "model",
            "api_key",
            "headers",
            "timeouts.connect",
            "timeouts.idle",
            "max_retries",
            "concurrency",
            "prices");
  }
}
