package dev.draft.draft;

/** How a run's candidates differ (DESIGN §2 {@code --vary}); the name is what the history keeps. */
public enum Vary {
  /** The model's own sampling: one request, or a fan-out of the same request. */
  samples,
  /** The same request at temperatures spread around the asked one ({@link Variations}). */
  temperature,
  /** A distinct approach each, proposed by the model first ({@link Variations}). */
  angles;

  /** The vary of a past run as the history recorded it; {@code samples} when none was. */
  public static Vary recorded(String name) {
    return name == null ? samples : valueOf(name);
  }
}
