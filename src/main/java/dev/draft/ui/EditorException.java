package dev.draft.ui;

/**
 * The user's editor cannot be used: none is set or found, its command cannot be split, or the
 * program does not start. The message is one line naming the variable to fix.
 */
public final class EditorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EditorException(String message) {
    super(message);
  }

  public EditorException(String message, Throwable cause) {
    super(message, cause);
  }
}
