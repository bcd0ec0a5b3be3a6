package dev.draft.ui;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Which of draft's standard streams are terminals, and the terminal device to fall back on when
 * they are not. Java has no {@code isatty}, and {@link System#console()} answers for stdin and
 * stdout together, so this asks JLine's terminal provider, the one {@link TerminalScreen} opens the
 * screen with. It calls {@code isatty} on each descriptor, through FFM on Java 22+ and through
 * JLine's JNI library (extracted to the temporary directory and loaded) on Java 17 to 21; the exec
 * provider, the last resort, runs {@code test -t} once per stream, which costs more at start-up.
 */
public final class Terminals {
  private static final File TTY = new File("/dev/tty");

  private Terminals() {}

  /** Whether each standard stream is a terminal (not a pipe, a file or {@code /dev/null}). */
  public record Streams(boolean stdin, boolean stdout, boolean stderr) {
    /** None of them is a terminal. */
    public static final Streams NONE = new Streams(false, false, false);
  }

  /**
   * Asks the system's terminal provider about draft's standard streams; with no provider that loads
   * (all of them turned off), none counts as a terminal.
   */
  public static Streams standardStreams() {
    TerminalProvider provider = systemProvider();
    return provider == null ? Streams.NONE : standardStreams(provider);
  }

  /** What {@code provider} says about the three standard streams. */
  static Streams standardStreams(TerminalProvider provider) {
    return new Streams(
        provider.isSystemStream(SystemStream.Input),
        provider.isSystemStream(SystemStream.Output),
        provider.isSystemStream(SystemStream.Error));
  }

  /**
   * The provider {@link TerminalBuilder} would open the system terminal with: the one {@value
   * TerminalBuilder#PROP_PROVIDER} names, or else the first in the order of {@value
   * TerminalBuilder#PROP_PROVIDERS} (by default ffm, jni, exec) that is not turned off by its own
   * property ({@value TerminalBuilder#PROP_JNI}{@code =false}, ...) and loads here. Unlike the
   * builder it loads no more than that one, so a start-up that finds the JNI provider runs no
   * process. Null when none loads.
   */
  static TerminalProvider systemProvider() {
    String forced = System.getProperty(TerminalBuilder.PROP_PROVIDER);
    String order =
        forced != null
            ? forced
            : System.getProperty(
                TerminalBuilder.PROP_PROVIDERS, TerminalBuilder.PROP_PROVIDERS_DEFAULT);
    for (String name : order.split(",")) {
      name = name.strip();
      if (name.isEmpty() || (forced == null && !enabled(name))) {
        continue;
      }
      try {
        return TerminalProvider.load(name);
      } catch (IOException | RuntimeException | LinkageError e) {
        // Not on this JVM (ffm before Java 22) or its native library cannot load: try the next.
      }
    }
    return null;
  }

  private static boolean enabled(String provider) {
    String value = System.getProperty("org.jline.terminal." + provider);
    return value == null || Boolean.parseBoolean(value);
  }

  /**
   * The terminal device an editor should run on when draft's own stdin or stdout is not the
   * terminal (piped in, redirected to a file): {@code /dev/tty}. Null when both are terminals (the
   * editor inherits them), or when there is no terminal device to open (no controlling terminal, as
   * under cron or {@code setsid}, or not a Unix system).
   *
   * @param stdinTerminal whether draft's stdin is a terminal
   * @param stdoutTerminal whether draft's stdout is a terminal
   */
  public static File editorTty(boolean stdinTerminal, boolean stdoutTerminal) {
    return editorTty(stdinTerminal, stdoutTerminal, TTY);
  }

  /** {@link #editorTty(boolean, boolean)} with {@code device} in place of {@code /dev/tty}. */
  static File editorTty(boolean stdinTerminal, boolean stdoutTerminal, File device) {
    if (stdinTerminal && stdoutTerminal) {
      return null;
    }
    // Opening is the test: /dev/tty exists even without a controlling terminal, and then fails
    // to open (ENXIO).
    try (FileInputStream probe = new FileInputStream(device)) {
      return device;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
