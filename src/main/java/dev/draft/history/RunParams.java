package dev.draft.history;

/**
 * The generation parameters of a run, stored as the JSON of the {@code params} column. Optional
 * ones are null when not set, as in the request.
 *
 * @param n how many candidates were asked for
 * @param vary how candidates were made to differ ({@code samples}, {@code temperature}, {@code
 *     angles}), or null
 */
public record RunParams(int n, Double temperature, Integer maxTokens, Long seed, String vary) {
  public RunParams {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
  }

  /** Only the number of candidates; every other parameter left to the server. */
  public static RunParams of(int n) {
    return new RunParams(n, null, null, null, null);
  }
}
