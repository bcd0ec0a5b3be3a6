package dev.draft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterConfigTest {
  @TempDir Path dir;

  private AppDirs dirs() {
    return AppDirs.from(Map.of("DRAFT_HOME", dir.resolve("home").toString()));
  }

  @Test
  void starterLoadsWithALocalLlamaCppProfile() {
    Config config = ConfigLoader.parse(StarterConfig.text(), Path.of("config.yaml"));

    assertThat(config.defaultProfile()).isEqualTo("local");
    assertThat(config.profiles()).containsOnlyKeys("local");
    assertThat(config.history()).isTrue();
    ResolvedEndpoint endpoint =
        new EndpointResolver(config, Map.of(), (p, c) -> "unused").resolve(EndpointFlags.none());
    assertThat(endpoint.settings().baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
  }

  @Test
  void everyCommentedExampleLoadsOnceUncommented() {
    String text = StarterConfig.text();
    int profilesStart = text.indexOf("\nprofiles:\n");
    String uncommented =
        text.substring(0, profilesStart)
            + text.substring(profilesStart)
                .lines()
                .map(line -> line.startsWith("# ") ? "  " + line.substring(2) : line)
                .collect(Collectors.joining("\n", "\n", "\n"));

    Config config = ConfigLoader.parse(uncommented, Path.of("config.yaml"));

    assertThat(config.profiles())
        .containsOnlyKeys("local", "ollama", "openai", "deepseek", "openrouter", "azure");
    assertThat(config.profiles().get("azure").azure().deployment()).isEqualTo("gpt-4o");
  }

  @Test
  void starterShowsEverySetting() {
    assertThat(StarterConfig.text())
        .contains(
            "api_key_env:",
            "api_key_cmd:",
            "headers:",
            "timeouts:",
            "max_retries:",
            "concurrency:",
            "prices:",
            "azure:")
        .doesNotContain("api_key:");
  }

  @Test
  void initWritesTheStarterCreatingDirectories() throws IOException {
    Path written = ConfigFiles.init(dirs(), false);

    assertThat(written).isEqualTo(dir.resolve("home/config.yaml"));
    assertThat(Files.readString(written)).isEqualTo(StarterConfig.text());
  }

  @Test
  void initRefusesToOverwriteAndSaysHowTo() throws IOException {
    Path file = dirs().configFile();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "default_profile: mine\n");

    assertThatThrownBy(() -> ConfigFiles.init(dirs(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + " already exists; edit it, or run 'draft config init --force' to replace it with"
                + " the starter");
    assertThat(Files.readString(file)).isEqualTo("default_profile: mine\n");
  }

  @Test
  void initWithForceReplacesTheFile() throws IOException {
    Path file = dirs().configFile();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x".repeat(10_000));

    ConfigFiles.init(dirs(), true);

    assertThat(Files.readString(file)).isEqualTo(StarterConfig.text());
  }
}
