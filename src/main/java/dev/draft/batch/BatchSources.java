package dev.draft.batch;

import dev.draft.text.IoProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Opens the source that {@code draft batch --in} names, telling its kind from the argument: {@code
 * -} is JSONL on standard input; a directory gives every file under it; a {@code .jsonl} or {@code
 * .ndjson} file is JSONL, a {@code .csv} file CSV; an argument with glob characters gives the files
 * it matches. Every source is read as a stream.
 */
public final class BatchSources {
  private static final String KINDS =
      "use a .jsonl or .csv file, a directory, or a glob such as 'posts/*.md'";

  private BatchSources() {}

  /**
   * How a source's fields make an item. Each is null when not given.
   *
   * @param inputField {@code --input-field}: the JSONL field whose value is the input, instead of a
   *     field named {@code input}
   * @param inputColumn {@code --input-column}: the CSV column whose value is the input, instead of
   *     a column named {@code input}
   * @param idField {@code --id-field}: the JSONL field or CSV column whose value is the item's id,
   *     instead of its line number and a hash of the line
   */
  public record Options(String inputField, String inputColumn, String idField) {
    /** No option given. */
    public static final Options NONE = new Options(null, null, null);
  }

  private enum Kind {
    STDIN,
    JSONL,
    CSV,
    DIRECTORY,
    GLOB
  }

  /**
   * The source {@code in} names, ready for its first {@link BatchSource#next()}. A CSV source has
   * read its header; a directory or glob has listed its files but read none.
   *
   * @param in the {@code --in} argument
   * @param options how fields make items; null for none
   * @param cwd what a relative {@code in} is relative to
   * @param stdin read for {@code -}; the source does not close it
   * @throws BatchException when the source does not exist, cannot be read, is of no kind a batch
   *     reads, has a broken CSV header, or does not go with the options
   */
  public static BatchSource open(String in, Options options, Path cwd, InputStream stdin) {
    Options o = options == null ? Options.NONE : options;
    Kind kind = kind(in, cwd);
    check(kind, o);
    return switch (kind) {
      case STDIN -> new JsonlSource(stdin, false, "standard input", o.inputField(), o.idField());
      case JSONL -> new JsonlSource(read(in, cwd), true, in, o.inputField(), o.idField());
      case CSV -> {
        try {
          yield CsvSource.open(in, read(in, cwd), o.inputColumn(), o.idField());
        } catch (IOException e) {
          throw new BatchException("cannot read " + in + ": " + IoProblems.reason(e), e);
        }
      }
      case DIRECTORY -> {
        FileSource.Listing listing = FileSource.directory(in, cwd.resolve(in));
        yield new FileSource(listing, in + " (a directory of " + files(listing) + ")");
      }
      case GLOB -> {
        FileSource.Listing listing = FileSource.glob(in, cwd);
        yield new FileSource(listing, "'" + in + "' (" + files(listing) + ")");
      }
    };
  }

  /**
   * How many items {@code in} holds, for a progress total: one pass over a JSONL or CSV file
   * without keeping it, or the listing of a directory or glob. Empty for standard input, which can
   * be read only once, and for a file that cannot be read to its end (reading its items then says
   * why).
   *
   * @throws BatchException as {@link #open} does
   */
  public static OptionalLong count(String in, Options options, Path cwd) {
    Options o = options == null ? Options.NONE : options;
    Kind kind = kind(in, cwd);
    check(kind, o);
    return switch (kind) {
      case STDIN -> OptionalLong.empty();
      case JSONL, CSV -> {
        try (InputStream stream = read(in, cwd)) {
          yield OptionalLong.of(
              kind == Kind.JSONL ? JsonlSource.count(stream) : CsvSource.count(in, stream));
        } catch (IOException e) {
          yield OptionalLong.empty();
        }
      }
      case DIRECTORY -> OptionalLong.of(FileSource.directory(in, cwd.resolve(in)).paths().size());
      case GLOB -> OptionalLong.of(FileSource.glob(in, cwd).paths().size());
    };
  }

  /** Whether {@code text} holds a character that makes it a glob: {@code * ? [ {}. */
  static boolean hasGlobCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  private static Kind kind(String in, Path cwd) {
    if (in == null || in.isBlank()) {
      throw new BatchException(
          "--in names no source: " + KINDS + ", or - for JSONL on standard input");
    }
    if (in.equals("-")) {
      return Kind.STDIN;
    }
    Path path;
    try {
      path = cwd.resolve(in);
    } catch (InvalidPathException e) {
      throw new BatchException("'" + in + "' is not a valid path: " + KINDS);
    }
    if (Files.isDirectory(path)) {
      return Kind.DIRECTORY;
    }
    if (Files.exists(path)) {
      String lower = in.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
        return Kind.JSONL;
      }
      if (lower.endsWith(".csv")) {
        return Kind.CSV;
      }
      throw new BatchException("cannot tell what kind of source " + in + " is: " + KINDS);
    }
    // Checked after the file itself: a file may have a '[' in its name.
    if (hasGlobCharacters(in)) {
      return Kind.GLOB;
    }
    throw new BatchException(in + " does not exist: check the path, or " + KINDS);
  }

  /** Refuses an option that the kind of source has no use for, rather than ignore it. */
  private static void check(Kind kind, Options o) {
    switch (kind) {
      case STDIN, JSONL -> {
        if (o.inputColumn() != null) {
          throw new BatchException(
              "--input-column names a CSV column: for a JSONL source use --input-field");
        }
      }
      case CSV -> {
        if (o.inputField() != null) {
          throw new BatchException(
              "--input-field names a JSONL field: for a CSV source use --input-column");
        }
      }
      case DIRECTORY, GLOB -> {
        String given =
            o.idField() != null
                ? "--id-field"
                : o.inputField() != null
                    ? "--input-field"
                    : o.inputColumn() != null ? "--input-column" : null;
        if (given != null) {
          throw new BatchException(
              given
                  + " is for JSONL and CSV sources: a file's text is its input and its path its"
                  + " id");
        }
      }
    }
  }

  private static InputStream read(String in, Path cwd) {
    try {
      return Files.newInputStream(cwd.resolve(in));
    } catch (IOException e) {
      throw new BatchException("cannot read " + in + ": " + IoProblems.reason(e), e);
    }
  }

  private static String files(FileSource.Listing listing) {
    int n = listing.paths().size();
    return n == 1 ? "1 file" : n + " files";
  }
}
