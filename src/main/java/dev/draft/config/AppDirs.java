package dev.draft.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The directories that hold all of draft's user state. Built once from the environment and handed
 * to whatever needs a file, so nothing deeper reads globals and tests can point it at a temp dir.
 */
public record AppDirs(Path configDir, Path dataDir, Path cacheDir) {

  /**
   * {@code DRAFT_HOME} puts everything in one directory (with the cache in {@code cache/} below
   * it); otherwise the XDG base directories apply, each defaulting under {@code HOME}.
   */
  public static AppDirs from(Map<String, String> env) {
    String draftHome = env.get("DRAFT_HOME");
    if (draftHome != null && !draftHome.isEmpty()) {
      Path home = Path.of(draftHome);
      return new AppDirs(home, home, home.resolve("cache"));
    }
    Path home = Path.of(nonEmpty(env.get("HOME"), System.getProperty("user.home")));
    return new AppDirs(
        xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("draft"),
        xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("draft"),
        xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("draft"));
  }

  public Path configFile() {
    return configDir.resolve("config.yaml");
  }

  public Path promptsDir() {
    return configDir.resolve("prompts");
  }

  public Path historyDb() {
    return dataDir.resolve("history.db");
  }

  public Path capabilitiesFile() {
    return cacheDir.resolve("capabilities.json");
  }

  // The XDG spec says a relative path in these variables is invalid and must be ignored.
  private static Path xdg(Map<String, String> env, String variable, Path fallback) {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    Path path = Path.of(value);
    return path.isAbsolute() ? path : fallback;
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
