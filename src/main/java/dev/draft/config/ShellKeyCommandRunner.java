package dev.draft.config;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code api_key_cmd} through {@code /bin/sh -c}. The key travels only through memory: stdout
 * is read into a buffer, never logged, and left out of every error message, as is stderr.
 */
public final class ShellKeyCommandRunner implements KeyCommandRunner {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  // After the shell exits, a background child it started may still hold the pipes open.
  private static final long DRAIN_MILLIS = 2000;

  private final Duration limit;

  /** A runner that gives each command 30 seconds. */
  public ShellKeyCommandRunner() {
    this(LIMIT);
  }

  ShellKeyCommandRunner(Duration limit) {
    this.limit = limit;
  }

  @Override
  public String run(String profile, String command) {
    String what = "api_key_cmd of profile '" + profile + "'";
    Process process;
    try {
      // stdin is /dev/null so the command cannot swallow a prompt piped into draft.
      process =
          new ProcessBuilder("/bin/sh", "-c", command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new ConfigException("could not start the " + what + ": " + e.getMessage(), e);
    }
    Drain stdout = new Drain(process.getInputStream());
    Drain stderr = new Drain(process.getErrorStream());
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new ConfigException(
            "the "
                + what
                + " did not finish within "
                + DurationText.format(limit)
                + "; run it in a shell to see what it waits for");
      }
      if (process.exitValue() != 0) {
        // What a failing key command prints may be the key itself (a script run with set -x, a
        // store that echoes what it read): no part of it is shown, however it looks.
        throw new ConfigException(
            "the "
                + what
                + " failed (exit "
                + process.exitValue()
                + ")"
                + (firstLine(stderr.text()).isEmpty()
                    ? " without an error message; run the command in a shell to check it"
                    : "; its error output is not shown, as it may hold the key: run the command"
                        + " in a shell to see it"));
      }
      String key = firstLine(stdout.text());
      if (key.isEmpty()) {
        throw new ConfigException(
            "the " + what + " printed nothing; it must print the API key on stdout");
      }
      return key;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while running the " + what, e);
    }
  }

  // Password stores print the secret on the first line and notes after it (pass's convention).
  private static String firstLine(String text) {
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
  }

  /** Reads one of the process's streams on a daemon thread, so neither pipe fills and blocks. */
  private static final class Drain {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    Drain(InputStream in) {
      thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[4096];
                try (in) {
                  for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (bytes) {
                      bytes.write(buffer, 0, n);
                    }
                  }
                } catch (IOException closed) {
                  // The process was killed; what arrived so far is all there is.
                }
              },
              "api-key-cmd-drain");
      thread.setDaemon(true);
      thread.start();
    }

    String text() throws InterruptedException {
      thread.join(DRAIN_MILLIS);
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
