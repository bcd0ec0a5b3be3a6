package dev.draft.client;

/**
 * What one endpoint was found to support. A null field is not known yet: the client then tries the
 * feature and records what the server said.
 *
 * @param nativeN whether the endpoint returns several choices for {@code n > 1}
 * @param streamOptions whether it accepts {@code stream_options: {include_usage: true}}
 */
public record Capabilities(Boolean nativeN, Boolean streamOptions) {
  public static final Capabilities UNKNOWN = new Capabilities(null, null);

  public Capabilities withNativeN(boolean value) {
    return new Capabilities(value, streamOptions);
  }

  public Capabilities withStreamOptions(boolean value) {
    return new Capabilities(nativeN, value);
  }
}
