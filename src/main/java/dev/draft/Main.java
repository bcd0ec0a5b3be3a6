package dev.draft;

import dev.draft.cli.Cli;
import dev.draft.cli.ExitCode;
import dev.draft.session.Context;
import dev.draft.session.Interrupts;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry point: wires the real console and environment into the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            false);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    Interrupts interrupts =
        new Interrupts(
            code -> {
              out.flush();
              err.flush();
              System.exit(code);
            });
    onSignal("INT", ExitCode.INTERRUPTED, interrupts);
    onSignal("TERM", ExitCode.TERMINATED, interrupts);
    Context context =
        Context.builder(out, err)
            .interrupts(interrupts)
            .in(System.in)
            .env(System.getenv())
            .terminals(isTerminal(0), isTerminal(1), isTerminal(2))
            .screens(dev.draft.ui.TerminalScreen::system)
            .build();
    int code = new Cli(context).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The first Ctrl-C (SIGINT) or SIGTERM stops a running generation, which then ends with its
   * partial drafts kept and printed, and exits {@code code} (130, 143); one with nothing to stop,
   * or a second one, exits at once.
   */
  @SuppressWarnings("sunapi")
  private static void onSignal(String name, int code, Interrupts interrupts) {
    try {
      sun.misc.Signal.handle(
          new sun.misc.Signal(name),
          signal -> {
            if (!interrupts.fire(code)) {
              interrupts.exit();
            }
          });
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      // No signal support here: the signal keeps the JVM's default (exit without the drafts).
    }
  }

  /**
   * Whether a standard stream is a terminal. Java has no isatty: on Linux the descriptor's link
   * names the device; elsewhere {@link System#console()} tells for stdin and stdout together.
   */
  static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    if (Files.exists(Path.of("/proc/self/fd"))) {
      try {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (Exception e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
