package dev.draft;

import dev.draft.cli.Cli;
import dev.draft.cli.ExitCode;
import dev.draft.session.Context;
import dev.draft.session.Interrupts;
import dev.draft.ui.TerminalScreen;
import dev.draft.ui.Terminals;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jline.utils.Signals;

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
    if (Cli.versionAlone(args, out)) {
      System.exit(ExitCode.OK);
    }
    Interrupts interrupts =
        new Interrupts(
            code -> {
              out.flush();
              err.flush();
              System.exit(code);
            },
            self -> {
              onSignal("INT", ExitCode.INTERRUPTED, self);
              onSignal("TERM", ExitCode.TERMINATED, self);
            });
    // A signal that comes before draft's handlers are installed ends the JVM its own way; what was
    // printed so far still goes out.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.flush();
                  err.flush();
                }));
    Context context =
        Context.builder(out, err)
            .interrupts(interrupts)
            .in(System.in)
            .env(System.getenv())
            .terminals(Terminals::standardStreams)
            .screens(TerminalScreen::system)
            .build();
    int code = new Cli(context).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The first Ctrl-C (SIGINT) or SIGTERM stops a running generation, which then ends with its
   * partial drafts kept and printed, and exits {@code code} (130, 143); one with nothing to stop,
   * or a second one, exits at once. Where the JVM has no signal support the signal keeps its
   * default (exit without the drafts): {@link Signals#register} then registers nothing.
   */
  private static void onSignal(String name, int code, Interrupts interrupts) {
    Signals.register(
        name,
        () -> {
          if (!interrupts.fire(code)) {
            interrupts.exit();
          }
        });
  }
}
