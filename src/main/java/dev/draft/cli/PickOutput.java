package dev.draft.cli;

import dev.draft.draft.DraftText;
import dev.draft.session.Context;
import dev.draft.session.PickSession;
import dev.draft.session.UsageException;
import dev.draft.ui.Picker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Prints what the pick view ended with: the pick to stdout or {@code -o}, the notes to stderr. */
final class PickOutput {
  private PickOutput() {}

  /**
   * Ends {@code session} once the screen is closed: the pick is delivered and recorded, then what
   * went wrong in the view and which runs it made go to stderr.
   *
   * <p>When nothing was picked and nothing is in the history, every draft the view held is printed,
   * so that leaving never throws away what was paid for.
   *
   * @return the exit code: 0 whether or not a draft was picked; 2 when the pick could not be
   *     written to {@code output} (it went to stdout)
   */
  static int finish(Context context, PickSession session, Picker.Item picked, Path output) {
    PrintWriter err = context.err();
    boolean delivered = picked == null || deliver(context, PickSession.deliverable(picked), output);
    session.finish(picked);
    session.notes().forEach(err::println);
    if (picked == null) {
      if (session.recording()) {
        err.println("draft: nothing picked; every draft stays in the history");
      } else {
        err.println("draft: nothing picked, and the history is off: here are the drafts");
        printAll(context.out(), session.shown());
      }
      return ExitCode.OK;
    }
    err.println(
        "draft: picked draft "
            + picked.number()
            + (picked.edited() ? " (edited)" : "")
            + " = "
            + picked.entry().run()
            + "/"
            + picked.entry().draft().index());
    return delivered ? ExitCode.OK : ExitCode.USAGE;
  }

  /** Every draft the view held, as {@code --format text} prints several. */
  private static void printAll(PrintWriter out, List<Picker.Item> items) {
    for (Picker.Item item : items) {
      String origin = item.entry().origin();
      out.println(
          DraftText.header(
              item.number(), items.size(), origin == null ? List.of() : List.of(origin)));
      out.print(DraftText.withNewline(item.text()));
      out.println();
    }
    out.flush();
  }

  /**
   * A picked text to {@code -o FILE}, or to stdout, also when the file cannot be written (the
   * reason goes to stderr): a pick is never lost.
   *
   * @return false when {@code output} was given and could not be written
   */
  static boolean deliver(Context context, String text, Path output) {
    PrintWriter err = context.err();
    boolean written = false;
    if (output != null) {
      Path file = context.cwd().resolve(output);
      try {
        DraftFiles.write(file, text);
        err.println("draft: wrote " + file);
        written = true;
      } catch (UsageException unwritable) {
        err.println("draft: " + unwritable.getMessage() + "; the picked draft follows on stdout");
      }
    }
    if (!written) {
      context.out().print(DraftText.withNewline(text));
      context.out().flush();
    }
    return written || output == null;
  }
}
