package dev.draft.client;

/**
 * The endpoint could not be used. The message is one line for the user: what happened and how to
 * fix it. It never contains an API key.
 */
public class EndpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, so callers can react (fall back, tell the user) without parsing text. */
  public enum Kind {
    UNREACHABLE,
    TIMEOUT,
    AUTH,
    MODEL_NOT_FOUND,
    CONTEXT_LENGTH,
    INSUFFICIENT_BALANCE,
    RATE_LIMITED,
    SERVER_ERROR,
    BAD_REQUEST,
    NOT_FOUND,
    PROXY_PAGE,
    BAD_RESPONSE,
    /** The user stopped the request (Ctrl-C) before it produced anything. */
    INTERRUPTED
  }

  private final Kind kind;
  private final int status;
  private final String rejectedParameter;
  private final Integer limit;

  public EndpointException(Kind kind, int status, String message) {
    this(kind, status, message, null, null);
  }

  public EndpointException(
      Kind kind, int status, String message, String rejectedParameter, Throwable cause) {
    this(kind, status, message, rejectedParameter, null, cause);
  }

  /**
   * @param limit the limit the server named: with {@code rejectedParameter} {@code n}, the largest
   *     {@code n} it accepts; with {@link Kind#CONTEXT_LENGTH}, its context window in tokens; else
   *     null
   */
  public EndpointException(
      Kind kind,
      int status,
      String message,
      String rejectedParameter,
      Integer limit,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.rejectedParameter = rejectedParameter;
    this.limit = limit;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /**
   * The request parameter the server said it does not accept ({@code n}, {@code stream_options}),
   * or null.
   */
  public String rejectedParameter() {
    return rejectedParameter;
  }

  /**
   * The limit the server named: the largest {@code n} it accepts when it rejected {@code n}, or its
   * context window in tokens when it refused a prompt as too long; null when it named none.
   */
  public Integer limit() {
    return limit;
  }
}
