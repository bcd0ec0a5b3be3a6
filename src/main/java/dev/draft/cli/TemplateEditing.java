package dev.draft.cli;

import dev.draft.session.Context;
import dev.draft.session.UsageException;
import dev.draft.template.Problem;
import dev.draft.template.Source;
import dev.draft.template.TemplateCheck;
import dev.draft.template.TemplateFiles;
import dev.draft.ui.EditorException;
import dev.draft.ui.ExternalEditor;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of {@code draft templates new} and {@code edit}: the file in the user's editor, then lint
 * on what they saved. The editor needs the terminal, so without one the user is told where the file
 * is instead.
 */
final class TemplateEditing {
  private TemplateEditing() {}

  /**
   * Opens the file when stdin and stdout are terminals, then lints it.
   *
   * @param pathPrinted whether the path is already on stdout (a script may be reading it)
   * @return {@link ExitCode#CONFIG} when lint finds problems, else {@link ExitCode#OK}
   */
  static int openAndLint(Context context, String name, Path file, boolean pathPrinted) {
    if (!context.stdinTerminal() || !context.stdoutTerminal()) {
      if (!pathPrinted) {
        context.out().println(file);
      }
      context
          .err()
          .println(
              "draft: not on a terminal, so no editor was opened; edit the file, then check it"
                  + " with 'draft templates lint "
                  + name
                  + "'");
      return ExitCode.OK;
    }
    context.out().flush();
    int exit;
    try {
      exit = new ExternalEditor(context.env()).edit(file);
    } catch (EditorException e) {
      // Cli maps the domain exceptions it knows; the editor's is a usage problem of the same kind.
      throw new UsageException(e.getMessage());
    }
    if (exit != 0) {
      context.err().println("draft: the editor exited with " + exit + "; checking the file anyway");
    }
    return lint(context, name, file);
  }

  private static int lint(Context context, String name, Path file) {
    String location = file.toString();
    List<Problem> problems = TemplateCheck.problems(TemplateFiles.ref(file, Source.USER, location));
    if (problems.isEmpty()) {
      context.out().println("ok");
      return ExitCode.OK;
    }
    for (Problem problem : problems) {
      context.out().println(TemplateCheck.shown(location, problem));
    }
    context
        .err()
        .println(
            "draft: "
                + name
                + " has "
                + count(problems.size())
                + "; fix "
                + (problems.size() == 1 ? "it" : "them")
                + " with 'draft templates edit "
                + name
                + "'");
    return ExitCode.CONFIG;
  }

  static String count(int problems) {
    return problems == 1 ? "1 problem" : problems + " problems";
  }
}
