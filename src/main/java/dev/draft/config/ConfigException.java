package dev.draft.config;

import java.nio.file.Path;

/**
 * The configuration cannot be used. The message is one line for the user: where the problem is
 * (file and line when it comes from the config file), what is wrong and how to fix it. It never
 * contains an API key.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A problem at a line of a file, worded like a compiler error: {@code file:line: problem}. */
  public static ConfigException at(Path file, int line, String problem) {
    return new ConfigException(file + ":" + line + ": " + problem);
  }
}
