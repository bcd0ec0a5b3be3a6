package dev.draft.session;

import dev.draft.draft.DraftText;
import dev.draft.ui.ExternalEditor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One edit of a draft's text in the user's editor, as {@code draft edit} and the pick view's {@code
 * e} both do it: the text in a temporary {@code RUN-K.md}, the editor started without a shell, the
 * file read back. It records nothing; the caller decides.
 */
public final class DraftEditing {
  private DraftEditing() {}

  /**
   * How an edit ended.
   *
   * @param text the text after editing (the editor's own final newline taken off), or null when the
   *     edit is not to be kept
   * @param changed whether {@code text} differs from the text before
   * @param problem why the edit is not kept (the editor failed, the file was emptied), or null
   * @param editorFailed whether the editor exited non-zero (the text is left in its file then)
   */
  public record Result(String text, boolean changed, String problem, boolean editorFailed) {}

  /**
   * @param name the draft as the user names it, e.g. {@code r2qp0/3}, for messages and the file
   * @param before the text to edit
   * @param tty the terminal device for the editor's input and output, or null for draft's own
   *     standard streams
   */
  public static Result edit(Context context, String name, String before, File tty)
      throws IOException {
    Path dir = Files.createTempDirectory("draft-edit-");
    Path file = dir.resolve(name.replace('/', '-') + ".md");
    boolean keep = false;
    String after;
    try {
      Files.writeString(file, DraftText.withNewline(before), StandardCharsets.UTF_8);
      context.out().flush();
      context.err().flush();
      int exit = new ExternalEditor(context.env()).edit(file, tty);
      if (exit != 0) {
        keep = true;
        return new Result(
            null,
            false,
            "the editor exited with "
                + exit
                + ", so your edit of "
                + name
                + " was not saved; the text is in "
                + file,
            true);
      }
      // Kept until it reads back as text: an edit saved in another encoding stays in the file.
      keep = true;
      after = InputText.decode(Files.readAllBytes(file), file.toString());
      keep = false;
    } finally {
      if (!keep) {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    }
    // Editors end a file with a newline; that one is not an edit.
    String edited = before.endsWith("\n") || !after.endsWith("\n") ? after : chompNewline(after);
    if (edited.isBlank()) {
      return new Result(
          null, false, "the file was empty, so your edit of " + name + " was not saved", false);
    }
    return new Result(edited, !edited.stripTrailing().equals(before.stripTrailing()), null, false);
  }

  private static String chompNewline(String text) {
    String once = text.substring(0, text.length() - 1);
    return once.endsWith("\r") ? once.substring(0, once.length() - 1) : once;
  }
}
