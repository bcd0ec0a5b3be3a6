package dev.draft.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in editor: a shell script that logs its arguments one a line and appends a line to the
 * file it was given (its last argument). It lives in a folder whose name has a space, so a command
 * that went through a shell unquoted would not find it.
 */
public final class FakeEditor {
  private final Path script;

  private FakeEditor(Path script) {
    this.script = script;
  }

  /**
   * Writes the script under {@code dir}.
   *
   * @param line what it appends; no single quotes
   * @param exitCode what it exits with
   */
  public static FakeEditor write(Path dir, String line, int exitCode) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("fake editor"));
    Path script = folder.resolve("edit");
    // Only shell built-ins: the editor gets draft's environment, which in tests has no PATH.
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "for arg in \"$@\"; do printf '%s\\n' \"$arg\" >> \"${0%/*}/args.log\"; done\n"
            + "for last in \"$@\"; do :; done\n"
            + "printf '%s\\n' '"
            + line
            + "' >> \"$last\"\n"
            + "exit "
            + exitCode
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new FakeEditor(script);
  }

  public Path script() {
    return script;
  }

  /** The script's path quoted for $VISUAL, followed by {@code extra} words. */
  public String command(String extra) {
    return "'" + script + "'" + (extra.isEmpty() ? "" : " " + extra);
  }

  /** The arguments of every run so far, one a line; empty when it never ran. */
  public List<String> arguments() throws IOException {
    Path log = script.resolveSibling("args.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }
}
