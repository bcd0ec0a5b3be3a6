package dev.draft.batch;

import dev.draft.text.IoProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the destination of {@code draft batch --out DEST}: a JSONL file or a directory. */
public final class BatchSinks {
  private BatchSinks() {}

  /**
   * The sink for {@code dest}: an existing directory is a directory destination; a name ending in
   * {@code .jsonl} or {@code .ndjson}, or an existing regular file, a JSONL one (its parent
   * directories created); anything else a directory, created when missing. What it holds already is
   * resumed: its complete items are {@link BatchSink#done}, its failed ones forgotten so that they
   * run again.
   *
   * @param redo start over: forget (and for a JSONL file, erase) every earlier result
   * @param namePattern how a directory destination names its files ({@code {{id}}.md}, see {@link
   *     NamePattern}); null for {@code {{path}}}. Not for a JSONL destination.
   * @throws BatchException when the destination cannot be created, read or written, or the name
   *     pattern is wrong or given for a JSONL file
   */
  public static BatchSink open(Path dest, boolean redo, String namePattern) {
    boolean jsonl = !Files.isDirectory(dest) && (hasJsonlName(dest) || Files.isRegularFile(dest));
    try {
      if (jsonl) {
        if (namePattern != null) {
          throw new BatchException(
              "a file name pattern names the files of a directory destination, and "
                  + dest
                  + " is a JSONL file: drop the pattern, or give a directory");
        }
        Path parent = dest.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        return JsonlSink.open(dest, redo);
      }
      return DirectorySink.open(dest, redo, namePattern);
    } catch (IOException e) {
      throw new BatchException(
          "cannot write the batch's results to " + dest + ": " + IoProblems.reason(e), e);
    }
  }

  private static boolean hasJsonlName(Path dest) {
    Path name = dest.getFileName();
    if (name == null) {
      return false;
    }
    String lower = name.toString().toLowerCase(Locale.ROOT);
    return lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
  }
}
