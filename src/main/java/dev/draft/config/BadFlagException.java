package dev.draft.config;

/**
 * A command-line flag or environment variable (not the config file) holds a value that cannot work,
 * such as {@code --base-url localhost:8080/v1} without its scheme: a usage error (exit 2), not a
 * broken config (exit 3). The message names the fix.
 */
public class BadFlagException extends ConfigException {
  private static final long serialVersionUID = 1L;

  public BadFlagException(String message) {
    super(message);
  }
}
