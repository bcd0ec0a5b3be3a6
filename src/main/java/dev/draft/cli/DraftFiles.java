package dev.draft.cli;

import dev.draft.draft.Draft;
import dev.draft.draft.DraftText;
import dev.draft.session.UsageException;
import dev.draft.text.IoProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes drafts to files for {@code -o} and {@code --out-dir}: one draft to the file named, several
 * to numbered siblings ({@code piece.md} → {@code piece-1.md}, {@code piece-2.md}).
 */
final class DraftFiles {
  private DraftFiles() {}

  /** The files that {@code drafts} go to; {@code single} when one file holds the one draft. */
  static List<Path> targets(OutputOptions options, Path cwd, String run, List<Draft> drafts) {
    List<Path> paths = new ArrayList<>();
    boolean single = drafts.size() == 1;
    for (Draft draft : drafts) {
      if (options.output != null) {
        Path file = cwd.resolve(options.output);
        paths.add(single ? file : numbered(file, draft.index()));
      } else {
        paths.add(
            cwd.resolve(options.outDir).resolve(run + (single ? "" : "-" + draft.index()) + ".md"));
      }
    }
    return paths;
  }

  static Path numbered(Path file, int index) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : ".md";
    return file.resolveSibling(stem + "-" + index + ext);
  }

  static void write(Path path, String text) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(path, DraftText.withNewline(text), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(
          "cannot write " + path + ": " + IoProblems.reason(e) + "; choose another -o/--out-dir");
    }
  }
}
