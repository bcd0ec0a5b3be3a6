package dev.draft.template;

/**
 * A template file cannot be used (the CLI exits with 3). The message is one line worded like a
 * compiler error, {@code <location>:<line>: <problem> (<fix>)}, so editors can jump to it.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final int line;

  /**
   * @param location the file path, or {@code prompts/NAME.md (built-in)}
   * @param line the 1-based line, or 0 when the problem is the file as a whole (it cannot be read)
   * @param problem what is wrong, followed by the fix in parentheses
   */
  public TemplateException(String location, int line, String problem) {
    this(location, line, problem, null);
  }

  public TemplateException(String location, int line, String problem, Throwable cause) {
    super(line > 0 ? location + ":" + line + ": " + problem : location + ": " + problem, cause);
    this.location = location;
    this.line = line;
  }

  public String location() {
    return location;
  }

  /** The 1-based line, or 0 when no line applies. */
  public int line() {
    return line;
  }
}
