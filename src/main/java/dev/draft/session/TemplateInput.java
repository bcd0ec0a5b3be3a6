package dev.draft.session;

import dev.draft.template.InputMode;
import dev.draft.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a template works from: INPUT files ({@code -} for stdin), or piped stdin; several files
 * are joined with their names as headings. Binary, invalid UTF-8 and oversized input are refused.
 */
public final class TemplateInput {
  private TemplateInput() {}

  /** The input, or null when there is none. */
  public static String read(Context context, Template template, List<String> files)
      throws IOException {
    if (template.input() == InputMode.NONE) {
      if (!files.isEmpty()) {
        throw new UsageException(
            "template '"
                + template.name()
                + "' takes no input, but got "
                + String.join(", ", files)
                + "; give its variables as options instead (draft "
                + template.name()
                + " --help)");
      }
      return null;
    }
    String input;
    if (files.isEmpty()) {
      input = context.stdinTerminal() ? null : InputText.read(context.in(), "standard input");
    } else if (files.size() == 1) {
      input = readOne(context, files.get(0));
    } else {
      List<String> parts = new ArrayList<>();
      for (String file : files) {
        parts.add("## " + file + "\n\n" + readOne(context, file).strip());
      }
      input = String.join("\n\n", parts);
    }
    if (input != null && input.isBlank()) {
      input = null;
    }
    if (input == null && template.input() == InputMode.REQUIRED) {
      throw new UsageException(
          "template '"
              + template.name()
              + "' needs input: pass a file (draft "
              + template.name()
              + " FILE) or pipe text on standard input");
    }
    return input;
  }

  private static String readOne(Context context, String name) throws IOException {
    if (name.equals("-")) {
      return InputText.read(context.in(), "standard input");
    }
    Path path = context.cwd().resolve(name);
    if (Files.isDirectory(path)) {
      throw new UsageException(
          name + " is a directory: pass the files in it (e.g. " + name + "/*.md)");
    }
    long size;
    try {
      size = Files.size(path);
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + name);
    }
    if (size > InputText.MAX_BYTES) {
      throw new UsageException(
          name
              + " is "
              + (size >> 20)
              + " MiB, more than the "
              + (InputText.MAX_BYTES >> 20)
              + " MiB draft reads: split it first");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return InputText.read(in, name);
    }
  }
}
