package dev.draft.batch;

/**
 * A batch cannot start or go on as asked: a source or destination draft cannot read or write, or
 * one given wrongly. The message is one line for the user, naming the fix; the command exits 2.
 */
public class BatchException extends RuntimeException {
  public BatchException(String message) {
    super(message);
  }

  public BatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
