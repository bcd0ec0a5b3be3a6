package dev.draft.history;

/**
 * The history could not be read or written. The message is one line for the user: which file, what
 * went wrong and, where there is one, how to fix it.
 */
public class HistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HistoryException(String message) {
    super(message);
  }

  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
