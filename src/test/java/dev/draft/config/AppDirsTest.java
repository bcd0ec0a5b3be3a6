package dev.draft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

  @Test
  void draftHomeHoldsEverythingWithTheCacheBelowIt() {
    AppDirs dirs = AppDirs.from(Map.of("DRAFT_HOME", "/srv/draft", "HOME", "/home/u"));

    assertThat(dirs.configDir()).isEqualTo(Path.of("/srv/draft"));
    assertThat(dirs.dataDir()).isEqualTo(Path.of("/srv/draft"));
    assertThat(dirs.cacheDir()).isEqualTo(Path.of("/srv/draft/cache"));
  }

  @Test
  void draftHomeWinsOverXdgVariables() {
    AppDirs dirs =
        AppDirs.from(Map.of("DRAFT_HOME", "/srv/draft", "XDG_CONFIG_HOME", "/home/u/.cfg"));

    assertThat(dirs.configFile()).isEqualTo(Path.of("/srv/draft/config.yaml"));
  }

  @Test
  void emptyDraftHomeIsIgnored() {
    AppDirs dirs = AppDirs.from(Map.of("DRAFT_HOME", "", "HOME", "/home/u"));

    assertThat(dirs.configDir()).isEqualTo(Path.of("/home/u/.config/draft"));
  }

  @Test
  void withoutXdgVariablesDirectoriesDefaultUnderHome() {
    AppDirs dirs = AppDirs.from(Map.of("HOME", "/home/u"));

    assertThat(dirs.configDir()).isEqualTo(Path.of("/home/u/.config/draft"));
    assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/u/.local/share/draft"));
    assertThat(dirs.cacheDir()).isEqualTo(Path.of("/home/u/.cache/draft"));
  }

  @Test
  void xdgVariablesPlaceEachDirectory() {
    AppDirs dirs =
        AppDirs.from(
            Map.of(
                "HOME", "/home/u",
                "XDG_CONFIG_HOME", "/cfg",
                "XDG_DATA_HOME", "/data",
                "XDG_CACHE_HOME", "/cache"));

    assertThat(dirs.configDir()).isEqualTo(Path.of("/cfg/draft"));
    assertThat(dirs.dataDir()).isEqualTo(Path.of("/data/draft"));
    assertThat(dirs.cacheDir()).isEqualTo(Path.of("/cache/draft"));
  }

  @Test
  void relativeOrEmptyXdgValuesAreIgnoredAsTheSpecRequires() {
    AppDirs dirs =
        AppDirs.from(
            Map.of(
                "HOME", "/home/u",
                "XDG_CONFIG_HOME", "relative/cfg",
                "XDG_DATA_HOME", "",
                "XDG_CACHE_HOME", "./cache"));

    assertThat(dirs.configDir()).isEqualTo(Path.of("/home/u/.config/draft"));
    assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/u/.local/share/draft"));
    assertThat(dirs.cacheDir()).isEqualTo(Path.of("/home/u/.cache/draft"));
  }

  @Test
  void withoutHomeVariableTheJavaUserHomeIsUsed() {
    AppDirs dirs = AppDirs.from(Map.of());

    assertThat(dirs.configDir())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "draft"));
  }

  @Test
  void filesSitInTheirDirectories() {
    AppDirs dirs = new AppDirs(Path.of("/c"), Path.of("/d"), Path.of("/k"));

    assertThat(dirs.configFile()).isEqualTo(Path.of("/c/config.yaml"));
    assertThat(dirs.promptsDir()).isEqualTo(Path.of("/c/prompts"));
    assertThat(dirs.historyDb()).isEqualTo(Path.of("/d/history.db"));
    assertThat(dirs.capabilitiesFile()).isEqualTo(Path.of("/k/capabilities.json"));
  }
}
