package dev.draft.batch;

import dev.draft.text.IoProblems;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.PatternSyntaxException;

/**
 * Items from files, one a file: a directory's files, or the files a glob matches. The paths are
 * listed first, sorted, and each file is read only when {@link #next()} reaches it. Files and
 * directories whose names start with a dot are skipped, as a shell's {@code *} skips them.
 */
final class FileSource implements BatchSource {
  private static final int BINARY_PROBE = 8 * 1024;

  private final Listing listing;
  private final String description;
  private int next;

  /**
   * The files of a source, before any is read.
   *
   * @param root what the paths are relative to: the directory, or a glob's fixed leading part
   * @param paths the files' paths relative to {@code root}, with {@code /} between names, sorted
   */
  record Listing(Path root, List<String> paths) {}

  FileSource(Listing listing, String description) {
    this.listing = listing;
    this.description = description;
  }

  @Override
  public BatchItem next() {
    if (next >= listing.paths().size()) {
      return null;
    }
    String path = listing.paths().get(next++);
    int slash = path.lastIndexOf('/');
    Map<String, String> variables = Map.of("name", path.substring(slash + 1), "path", path);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(listing.root().resolve(path));
    } catch (IOException e) {
      // One unreadable file fails its own item, not the batch.
      return problem(path, variables, "cannot read it: " + IoProblems.reason(e));
    }
    for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
      if (bytes[i] == 0) {
        return problem(path, variables, "not a text file");
      }
    }
    int from = StrictUtf8.bomLength(bytes, bytes.length);
    String text;
    try {
      text = StrictUtf8.decode(bytes, from, bytes.length - from);
    } catch (CharacterCodingException e) {
      return problem(path, variables, "not valid UTF-8 text");
    }
    return new BatchItem(path, path, variables, text, path, null);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    // Each file is closed as soon as it is read.
  }

  private static BatchItem problem(String path, Map<String, String> variables, String problem) {
    return new BatchItem(path, path, variables, null, path, path + ": " + problem);
  }

  /**
   * Every regular file under {@code dir}, at any depth.
   *
   * @param name the directory as the user gave it, for messages
   * @throws BatchException when a directory in it cannot be read
   */
  static Listing directory(String name, Path dir) {
    return new Listing(dir, walk(name, dir, Integer.MAX_VALUE, path -> true));
  }

  /**
   * The regular files that {@code pattern} matches, relative to {@code cwd} unless it is absolute.
   * The paths are relative to the pattern's leading names without glob characters ({@code posts}
   * for {@code posts/*.md}). As in shells, {@code **}{@code /} matches no directory too: {@code
   * dir/**}{@code /*.txt} takes {@code dir/a.txt}.
   *
   * @throws BatchException when the pattern is not a valid glob or matches no file
   */
  static Listing glob(String pattern, Path cwd) {
    String[] names = pattern.split("/", -1);
    int fixed = 0;
    while (fixed < names.length - 1 && !BatchSources.hasGlobCharacters(names[fixed])) {
      fixed++;
    }
    String prefix = String.join("/", List.of(names).subList(0, fixed));
    if (prefix.isEmpty() && pattern.startsWith("/")) {
      prefix = "/";
    }
    String rest = String.join("/", List.of(names).subList(fixed, names.length));
    Path root = prefix.isEmpty() ? cwd : cwd.resolve(prefix);

    List<PathMatcher> matchers = new ArrayList<>();
    for (String variant : withoutDoubleStars(rest)) {
      try {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
      } catch (PatternSyntaxException e) {
        throw new BatchException(
            "'"
                + pattern
                + "' is not a valid glob ("
                + e.getDescription()
                + "): check its brackets");
      }
    }
    int depth = rest.contains("**") ? Integer.MAX_VALUE : names.length - fixed;
    List<String> paths =
        Files.isDirectory(root)
            ? walk(
                prefix.isEmpty() ? "." : prefix,
                root,
                depth,
                path -> matchers.stream().anyMatch(m -> m.matches(Path.of(path))))
            : List.of();
    if (paths.isEmpty()) {
      throw new BatchException(
          "no file matches '" + pattern + "': check the pattern and the directory it starts from");
    }
    return new Listing(root, paths);
  }

  /**
   * {@code pattern}, and each form of it with some of its {@code **}{@code /} taken out: Java's
   * globs read {@code a/**}{@code /b} as needing a directory between, shells as allowing none.
   */
  private static List<String> withoutDoubleStars(String pattern) {
    List<String> variants = new ArrayList<>();
    variants.add(pattern);
    int at = pattern.indexOf("**/");
    if (at >= 0) {
      String head = pattern.substring(0, at);
      for (String tail : withoutDoubleStars(pattern.substring(at + 3))) {
        if (!variants.contains(head + tail)) {
          variants.add(head + tail);
        }
        if (!variants.contains(head + "**/" + tail)) {
          variants.add(head + "**/" + tail);
        }
      }
    }
    return variants;
  }

  /** The regular files under {@code root}, as sorted {@code /}-separated relative paths. */
  private static List<String> walk(String name, Path root, int depth, Predicate<String> wanted) {
    List<String> paths = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.noneOf(FileVisitOption.class),
          depth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(root) && hidden(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              // A link to a file counts as the file; a link to a directory is not followed.
              if (!hidden(file) && (attrs.isRegularFile() || Files.isRegularFile(file))) {
                String path = relative(root, file);
                if (wanted.test(path)) {
                  paths.add(path);
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new BatchException("cannot list the files of " + name + ": " + IoProblems.reason(e));
    }
    paths.sort(null);
    return paths;
  }

  private static boolean hidden(Path path) {
    Path fileName = path.getFileName();
    return fileName != null && fileName.toString().startsWith(".");
  }

  private static String relative(Path root, Path file) {
    Path relative = root.relativize(file);
    List<String> names = new ArrayList<>();
    for (Path part : relative) {
      names.add(part.toString());
    }
    return String.join("/", names);
  }
}
