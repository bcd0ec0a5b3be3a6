package dev.draft.batch;

import dev.draft.text.Moves;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Files that appear whole or not at all: written to a temporary file beside the target, forced to
 * the disk, then renamed over it, so that a reader (or a kill -9) never meets half a file.
 */
final class WholeFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private WholeFiles() {}

  /** Writes {@code bytes} as the whole of {@code target}, creating its parent directories. */
  static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = tempBeside(target);
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writeFully(channel, ByteBuffer.wrap(bytes));
        channel.force(false);
      }
      Moves.replace(tmp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * A new empty file beside {@code target} (its parent directories created), hidden and named after
   * it: {@code .a.md.3f9c2d1e.tmp}. Created with the usual permissions, not the owner-only ones of
   * {@link Files#createTempFile}, since it becomes the user's file.
   */
  /** The name {@link #tempBeside} gives: {@code .NAME.8HEX.tmp}. */
  private static final java.util.regex.Pattern TEMP =
      java.util.regex.Pattern.compile("\\..+\\.[0-9a-f]{8}\\.tmp");

  /**
   * Deletes the temporary files a killed process left under {@code dir} (a kill -9 between a file's
   * write and its rename): only names {@link #tempBeside} makes, never the user's files.
   */
  static void removeLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && TEMP.matcher(file.getFileName().toString()).matches()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  static Path tempBeside(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    byte[] random = new byte[4];
    RANDOM.nextBytes(random);
    Path tmp =
        dir.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
    return Files.createFile(tmp);
  }

  static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
