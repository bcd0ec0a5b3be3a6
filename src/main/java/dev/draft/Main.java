package dev.draft;

import dev.draft.cli.Cli;
import dev.draft.cli.ExitCode;
import dev.draft.client.Version;
import dev.draft.history.NativeSqlite;
import dev.draft.session.Context;
import dev.draft.session.Interrupts;
import dev.draft.ui.TerminalScreen;
import dev.draft.ui.Terminals;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.utils.Signals;

/** Entry point: wires the real console and environment into the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Before anything else is loaded: scripts that check the version run it often.
      print(stdout, (Version.line() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }
    Path cwd = cwd();
    Optional<HelpCache> help = HelpCache.forArgs(args, System.getenv(), cwd);
    Optional<byte[]> known = help.isPresent() ? help.get().read() : Optional.empty();
    if (known.isPresent()) {
      print(stdout, known.get());
    }
    HelpCache.Tee tee = help.isPresent() ? new HelpCache.Tee(stdout) : null;
    HelpCache.Watched stderr = new HelpCache.Watched(new FileOutputStream(FileDescriptor.err));
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(tee != null ? tee : stdout, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
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
            .cwd(cwd)
            .build();
    NativeSqlite.cacheIn(context.dirs().cacheDir());
    int code = new Cli(context).run(args);
    out.flush();
    err.flush();
    // Help that could not be printed whole (a closed pipe, a closed stdout) is not kept.
    if (tee != null && code == ExitCode.OK && !stderr.written() && !out.checkError()) {
      help.get().write(tee.copied());
    }
    System.exit(code);
  }

  /** The directory draft was started in. */
  static Path cwd() {
    return Path.of("").toAbsolutePath();
  }

  /** Prints {@code text} and exits 0, as picocli's help and version do (a closed pipe included). */
  private static void print(FileOutputStream stdout, byte[] text) {
    try {
      stdout.write(text);
    } catch (IOException e) {
      // Nobody reads it any more: nothing to tell.
    }
    System.exit(ExitCode.OK);
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
