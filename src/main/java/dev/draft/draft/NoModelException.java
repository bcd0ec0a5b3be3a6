package dev.draft.draft;

/** No model was chosen and the endpoint does not serve exactly one: a usage error. */
public final class NoModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoModelException(String message) {
    super(message);
  }
}
