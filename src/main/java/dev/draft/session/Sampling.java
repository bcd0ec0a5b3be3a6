package dev.draft.session;

import dev.draft.history.RunParams;

/**
 * How a request samples, as the user asked for it on the command line: each value null when not
 * given, so that a template's or a parent run's value can stand in ({@link Requests}).
 *
 * @param stream whether to ask for a streamed answer (the default) rather than one JSON answer
 */
public record Sampling(Double temperature, Integer maxTokens, Long seed, boolean stream) {
  /** Nothing asked for: every value from the template, the parent run or the server. */
  public static final Sampling NONE = new Sampling(null, null, null, true);

  /** A past run's sampling, asked for again as it was ({@code draft redo}). */
  public static Sampling of(RunParams params) {
    return new Sampling(params.temperature(), params.maxTokens(), params.seed(), true);
  }
}
