package dev.draft.session;

/** The user asked for something that cannot work as asked: exit 2 with the message. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
