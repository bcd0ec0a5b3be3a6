package dev.draft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** Asserts the load fails with a one-line message at {@code line}; returns the rest of it. */
  private AbstractStringAssert<?> errorAt(int line, String yaml) throws IOException {
    Path file = write(yaml);
    String prefix = file + ":" + line + ": ";
    Throwable thrown = catchThrowable(() -> ConfigLoader.load(file));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    String message = thrown.getMessage();
    assertThat(message).startsWith(prefix).doesNotContain("\n");
    return assertThat(message.substring(prefix.length()));
  }

  /** A file with one profile, 'local', whose settings start on line 3 and continue at line 4. */
  private static String profile(String... lines) {
    return "profiles:\n  local:\n    base_url: http://127.0.0.1:8080/v1\n"
        + Arrays.stream(lines).map(line -> "    " + line + "\n").collect(Collectors.joining());
  }

  @Test
  void missingFileIsAnEmptyConfig() {
    Config config = ConfigLoader.load(dir.resolve("nope.yaml"));

    assertThat(config.profiles()).isEmpty();
    assertThat(config.defaultProfile()).isNull();
    assertThat(config.history()).isTrue();
  }

  @Test
  void fileWithOnlyCommentsIsAnEmptyConfig() throws IOException {
    assertThat(ConfigLoader.load(write("# nothing yet\n"))).isEqualTo(Config.empty());
    assertThat(ConfigLoader.load(write(""))).isEqualTo(Config.empty());
  }

  @Test
  void readsEverySetting() throws IOException {
    Config config =
        ConfigLoader.load(
            write(
                """
                default_profile: work
                history: off
                profiles:
                  local:
                    base_url: http://127.0.0.1:8080/v1
                  work:
                    preset: azure
                    base_url: https://example-resource.openai.azure.com
                    model: gpt-4o
                    azure: {deployment: gpt-4o, api_version: "2024-10-21"}
                    api_key_env: WORK_KEY
                    api_key_cmd: pass show azure/openai
                    headers: {X-Team: writers}
                    timeouts: {connect: 500ms, idle: 2m}
                    max_retries: 0
                    concurrency: 8
                    prices: {input: 0.27, output: 1.10}
                """));

    assertThat(config.defaultProfile()).isEqualTo("work");
    assertThat(config.history()).isFalse();
    assertThat(config.profiles()).containsOnlyKeys("local", "work");
    assertThat(config.profiles().keySet()).containsExactly("local", "work");
    Profile work = config.profiles().get("work");
    assertThat(work.preset()).isEqualTo("azure");
    assertThat(work.baseUrl()).isEqualTo("https://example-resource.openai.azure.com");
    assertThat(work.model()).isEqualTo("gpt-4o");
    assertThat(work.azure()).isEqualTo(new Profile.Azure("gpt-4o", "2024-10-21"));
    assertThat(work.apiKeyEnv()).isEqualTo("WORK_KEY");
    assertThat(work.apiKeyCmd()).isEqualTo("pass show azure/openai");
    assertThat(work.headers()).isEqualTo(Map.of("X-Team", "writers"));
    assertThat(work.timeouts())
        .isEqualTo(new Profile.Timeouts(Duration.ofMillis(500), Duration.ofMinutes(2)));
    assertThat(work.maxRetries()).isZero();
    assertThat(work.concurrency()).isEqualTo(8);
    assertThat(work.prices()).isEqualTo(new Prices(new BigDecimal("0.27"), new BigDecimal("1.10")));
  }

  @Test
  void durationsAcceptUnitsAndBareSeconds() throws IOException {
    Config config = ConfigLoader.load(write(profile("timeouts:", "  connect: 10s", "  idle: 90")));

    assertThat(config.profiles().get("local").timeouts())
        .isEqualTo(new Profile.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(90)));
  }

  @Test
  void historyAcceptsOnOffAndBooleans() throws IOException {
    assertThat(ConfigLoader.load(write("history: on\n")).history()).isTrue();
    assertThat(ConfigLoader.load(write("history: off\n")).history()).isFalse();
    assertThat(ConfigLoader.load(write("history: false\n")).history()).isFalse();
  }

  @Test
  void unknownKeySuggestsTheClosestOne() throws IOException {
    errorAt(
            7,
            """
            default_profile: local
            history: on

            # the local server
            profiles:
              local:
                base_ur: http://127.0.0.1:8080/v1
            """)
        .isEqualTo("unknown key 'base_ur' in profile 'local' (did you mean 'base_url'?)");
  }

  @Test
  void unknownKeyWithoutNearMatchListsTheKnownKeys() throws IOException {
    errorAt(4, profile("colour: red"))
        .startsWith("unknown key 'colour' in profile 'local'; known keys: api_key_cmd,")
        .contains("base_url", "prices");
  }

  @Test
  void unknownTopLevelKeyIsReported() throws IOException {
    errorAt(2, "history: on\ndefalt_profile: local\n")
        .isEqualTo(
            "unknown key 'defalt_profile' at the top level (did you mean 'default_profile'?)");
  }

  @Test
  void unknownNestedKeyNamesItsBlock() throws IOException {
    errorAt(5, profile("timeouts:", "  conect: 5s"))
        .isEqualTo(
            "unknown key 'conect' in 'timeouts' of profile 'local' (did you mean 'connect'?)");
  }

  @Test
  void apiKeyInTheFileIsRefusedWithoutEchoingIt() throws IOException {
    errorAt(5, profile("model: m", "api_key: sk-live-1234567890abcdef"))
        .contains("'api_key' is not allowed in profile 'local'", "api_key_env", "api_key_cmd")
        .doesNotContain("sk-live");
  }

  @Test
  void badYamlSyntaxNamesTheLine() throws IOException {
    errorAt(3, "profiles:\n  local:\n    base_url: http://x: y\n")
        .startsWith("invalid YAML: mapping values are not allowed here");
  }

  @Test
  void unclosedQuoteNamesTheLineItOpensOn() throws IOException {
    errorAt(3, "profiles:\n  local:\n    base_url: 'http://x\n    model: m\n")
        .startsWith("invalid YAML:");
  }

  @Test
  void tabIndentationIsASyntaxError() throws IOException {
    errorAt(2, "profiles:\n\tlocal:\n").contains("TAB");
  }

  @Test
  void duplicateKeyNamesBothLines() throws IOException {
    errorAt(5, profile("model: a", "model: b"))
        .isEqualTo("duplicate key 'model' (first at line 4): keep only one");
  }

  @Test
  void wordWhereANumberBelongsIsQuoted() throws IOException {
    errorAt(3, "profiles:\n  local:\n    max_retries: two\n    base_url: http://x\n")
        .isEqualTo("'max_retries' must be a whole number ≥ 0, got \"two\"");
  }

  @Test
  void fractionWhereAWholeNumberBelongsIsRejected() throws IOException {
    errorAt(4, profile("concurrency: 2.5"))
        .isEqualTo("'concurrency' must be a whole number ≥ 1, got 2.5");
  }

  @Test
  void numberTooLargeForItsKeyIsRejected() throws IOException {
    errorAt(4, profile("max_retries: 99999999999"))
        .isEqualTo("'max_retries' must be a whole number ≥ 0, got 99999999999");
  }

  @Test
  void negativeRetriesAreRejected() throws IOException {
    errorAt(4, profile("max_retries: -1"))
        .isEqualTo("'max_retries' must be a whole number ≥ 0, got -1");
  }

  @Test
  void zeroConcurrencyIsRejected() throws IOException {
    errorAt(4, profile("concurrency: 0"))
        .isEqualTo("'concurrency' must be a whole number ≥ 1, got 0");
  }

  @Test
  void negativePriceIsRejected() throws IOException {
    errorAt(5, profile("prices:", "  input: -0.1", "  output: 1"))
        .isEqualTo("'prices.input' must be a number ≥ 0 (US dollars per million tokens), got -0.1");
  }

  @Test
  void priceWithoutBothHalvesIsRejected() throws IOException {
    errorAt(4, profile("prices: {input: 1}")).contains("needs both input and output");
  }

  @Test
  void listWhereAMapBelongsIsRejected() throws IOException {
    errorAt(4, profile("headers: [X-Team]"))
        .isEqualTo("'headers' must be a map from header names to values, got a list");
  }

  @Test
  void headerWithoutValueIsRejected() throws IOException {
    errorAt(5, profile("headers:", "  X-Team:"))
        .isEqualTo("'headers.X-Team' must be text, got nothing");
  }

  @Test
  void headerNameWithSpaceIsRejected() throws IOException {
    errorAt(4, profile("headers: {X Team: writers}"))
        .startsWith("'X Team' in profile 'local' is not a valid HTTP header name");
  }

  @Test
  void multiLineHeaderValueIsRejected() throws IOException {
    errorAt(5, profile("headers:", "  X-Note: |", "    one", "    two"))
        .isEqualTo("'headers.X-Note' must be a single line");
  }

  @Test
  void badDurationIsRejectedWithTheAcceptedForms() throws IOException {
    errorAt(5, profile("timeouts:", "  connect: ten"))
        .isEqualTo(
            "'timeouts.connect' must be a duration greater than zero such as 500ms, 10s, 2m, 1h,"
                + " or a number of seconds, got \"ten\"");
  }

  @Test
  void zeroDurationIsRejected() throws IOException {
    errorAt(4, profile("timeouts: {idle: 0}")).startsWith("'timeouts.idle' must be a duration");
  }

  @Test
  void historyOtherThanOnOrOffIsRejected() throws IOException {
    errorAt(2, "\nhistory: sometimes\n")
        .isEqualTo("'history' must be on or off, got \"sometimes\"");
  }

  @Test
  void scalarFileIsRejected() throws IOException {
    errorAt(1, "just some text\n").startsWith("the file must be a map of settings");
  }

  @Test
  void scalarProfileIsRejected() throws IOException {
    errorAt(2, "profiles:\n  local: 5\n")
        .isEqualTo("profile 'local' must be a map of settings such as base_url and model, got 5");
  }

  @Test
  void emptyProfileIsRejected() throws IOException {
    errorAt(2, "profiles:\n  other:\n  local: {preset: ollama}\n")
        .isEqualTo("profile 'other' is empty: give it a preset or a base_url");
  }

  @Test
  void unknownPresetSuggestsTheClosestAndListsAll() throws IOException {
    errorAt(3, "profiles:\n  ds:\n    preset: deepsek\n")
        .startsWith(
            "unknown preset 'deepsek' in profile 'ds' (did you mean 'deepseek'?); presets: openai,")
        .endsWith("llamacpp");
  }

  @Test
  void defaultProfileNamingAMissingProfileIsRejected() throws IOException {
    errorAt(3, "profiles:\n  local: {preset: llamacpp}\ndefault_profile: locl\n")
        .isEqualTo(
            "default_profile 'locl' is not a profile in this file (did you mean 'local'?);"
                + " profiles: local");
  }

  @Test
  void azureWithoutDeploymentIsRejected() throws IOException {
    errorAt(4, profile("azure: {api_version: \"2024-10-21\"}"))
        .startsWith("'azure' in profile 'local' needs a deployment");
  }

  @Test
  void azurePresetWithoutDeploymentIsRejected() throws IOException {
    errorAt(4, "profiles:\n  work:\n    base_url: https://r.openai.azure.com\n    preset: azure\n")
        .startsWith("profile 'work' uses the azure preset but names no deployment");
  }

  @Test
  void azureWithoutBaseUrlIsRejected() throws IOException {
    errorAt(2, "profiles:\n  work:\n    preset: azure\n    azure: {deployment: gpt-4o}\n")
        .contains("has no base_url");
  }

  @Test
  void profileWithNeitherPresetNorBaseUrlIsRejected() throws IOException {
    errorAt(5, "default_profile: m\nprofiles:\n  ok: {preset: ollama}\n\n  m:\n    model: x\n")
        .startsWith("profile 'm' needs a preset or a base_url");
  }

  @Test
  void baseUrlWithoutSchemeIsRejected() throws IOException {
    errorAt(3, "profiles:\n  local:\n    base_url: 127.0.0.1:8080/v1\n")
        .isEqualTo("'base_url' must start with http:// or https://, got \"127.0.0.1:8080/v1\"");
  }

  @Test
  void keyPastedIntoApiKeyEnvIsRejectedWithoutEchoingIt() throws IOException {
    errorAt(4, profile("api_key_env: sk-proj-abcdef1234567890"))
        .contains("must be the name of an environment variable")
        .doesNotContain("sk-proj");
  }
}
