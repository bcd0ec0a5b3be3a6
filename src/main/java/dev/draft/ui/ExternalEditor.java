package dev.draft.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens a file in the user's editor and waits for it to close. The command is {@code $VISUAL}, else
 * {@code $EDITOR}, else the first of {@code vi} and {@code nano} on {@code PATH}. It is split into
 * words here, honouring simple quotes, and started without a shell, so nothing in it or in the
 * file's path is expanded or run: {@code "/opt/My Editor/bin/ed" -w} works as written.
 */
public final class ExternalEditor {
  private static final List<String> FALLBACKS = List.of("vi", "nano");

  private final Map<String, String> env;

  /**
   * @param env the environment: where the editor command and {@code PATH} are looked up, and what
   *     the editor process gets
   */
  public ExternalEditor(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Runs the editor on {@code file} with the terminal's standard streams and waits for it.
   *
   * @return the editor's exit code
   * @throws EditorException when no editor is set or found, or it does not start
   */
  public int edit(Path file) {
    return edit(file, null);
  }

  /**
   * Runs the editor on {@code file} with {@code tty} (the terminal device, {@code /dev/tty}) as its
   * input and output, for when draft's own stdin or stdout is a pipe or a file, as they are under
   * {@code cat notes | draft article -n 3 > piece.md}.
   *
   * @param tty the terminal device, or null to give the editor draft's standard streams
   */
  public int edit(Path file, java.io.File tty) {
    Command command = command();
    List<String> words = new ArrayList<>(command.words());
    words.set(0, resolve(words.get(0), command.origin()));
    words.add(file.toString());
    ProcessBuilder builder = new ProcessBuilder(words).inheritIO();
    if (tty != null) {
      builder.redirectInput(tty).redirectOutput(tty);
    }
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new EditorException(
          "cannot start the editor '"
              + command.words().get(0)
              + "' from "
              + command.origin()
              + ": "
              + e.getMessage()
              + " (set $VISUAL or $EDITOR to an editor that is installed)",
          e);
    }
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new EditorException("interrupted while waiting for the editor", e);
    }
  }

  /**
   * The editor command as words, before the file is added.
   *
   * @param words the program, then its arguments
   * @param origin where it came from, as messages name it: {@code $VISUAL}, {@code $EDITOR}, or
   *     {@code PATH} for a fallback
   */
  record Command(List<String> words, String origin) {}

  Command command() {
    for (String variable : List.of("VISUAL", "EDITOR")) {
      String value = env.get(variable);
      // An empty variable counts as unset, as it does for git and most shells' tools.
      if (value != null && !value.isBlank()) {
        return new Command(split(value, "$" + variable), "$" + variable);
      }
    }
    for (String fallback : FALLBACKS) {
      if (onPath(fallback) != null) {
        return new Command(List.of(fallback), "PATH");
      }
    }
    throw new EditorException(
        "no editor found: $VISUAL and $EDITOR are not set, and neither vi nor nano is on PATH"
            + " (set one, e.g. export EDITOR=nano)");
  }

  /**
   * Splits a command line into words the way a shell would for the simple cases: spaces separate,
   * single quotes keep everything, double quotes keep everything but {@code \"} and {@code \\}, and
   * a backslash outside quotes keeps the next character.
   */
  static List<String> split(String command, String origin) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < command.length()
            && (command.charAt(i + 1) == '"' || command.charAt(i + 1) == '\\')) {
          word.append(command.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new EditorException(
          origin
              + " has an unclosed "
              + (quote == '"' ? "double" : "single")
              + " quote: "
              + command);
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new EditorException(origin + " names no program: " + command);
    }
    return List.copyOf(words);
  }

  /**
   * The program to start. A bare name is looked up on this environment's {@code PATH}, which is not
   * necessarily the one draft runs with; a path is checked as it is.
   */
  private String resolve(String program, String origin) {
    if (program.contains(File.separator)) {
      if (!Files.isExecutable(Path.of(program))) {
        throw notFound(
            program,
            origin,
            Files.exists(Path.of(program)) ? "is not executable" : "does not exist");
      }
      return program;
    }
    if (env.get("PATH") == null) {
      return program; // nothing to search: let the system try, and report it if it fails
    }
    Path found = onPath(program);
    if (found == null) {
      throw notFound(program, origin, "is not on PATH");
    }
    return found.toString();
  }

  private Path onPath(String program) {
    String path = env.get("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static EditorException notFound(String program, String origin, String why) {
    return new EditorException(
        "the editor '"
            + program
            + "' from "
            + origin
            + " "
            + why
            + " (set $VISUAL or $EDITOR to an editor that is installed, e.g. export"
            + " VISUAL='code --wait')");
  }
}
