package dev.draft.history;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the history readable by its owner only: the prompts, inputs and drafts in it are often
 * private. On a file system without POSIX permissions nothing is enforced and nothing fails.
 */
final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /**
   * Creates the missing parent directories (0700) and the file (0600) before anything else opens
   * it, so it is never readable by others, not even for a moment. An existing file is set to 0600.
   */
  static void create(Path file) throws IOException {
    Path parent = file.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      try {
        Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } catch (UnsupportedOperationException e) {
        Files.createDirectories(parent);
      }
    }
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      restrict(file);
    }
  }

  /** Sets an existing file to 0600, quietly doing nothing where that is not possible. */
  static void restrict(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(file, FILE);
    } catch (UnsupportedOperationException | IOException e) {
      // Not POSIX, or a file of another user's that we may still read: nothing more to do.
    }
  }
}
