package dev.draft.config;

/**
 * Runs a profile's {@code api_key_cmd} and returns the key it prints. {@link ShellKeyCommandRunner}
 * is the real one; an interface so tests can supply the key without starting processes.
 */
@FunctionalInterface
public interface KeyCommandRunner {

  /**
   * Runs {@code command} for {@code profile}.
   *
   * @return the key: the first line the command printed, trimmed; never empty
   * @throws ConfigException when the command fails, times out or prints nothing; the message names
   *     the profile and the exit code, and never contains what the command printed
   */
  String run(String profile, String command);

  /** The real runner: {@code /bin/sh -c}, 30 seconds per command. */
  static KeyCommandRunner shell() {
    return new ShellKeyCommandRunner();
  }
}
