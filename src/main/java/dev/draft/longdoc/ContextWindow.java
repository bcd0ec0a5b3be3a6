package dev.draft.longdoc;

import java.util.function.Supplier;

/**
 * The context window a prompt is measured against, and where draft learned it.
 *
 * @param tokens the window in tokens, 0 when unknown
 */
public record ContextWindow(int tokens, Source source) {
  /** Where a window comes from, strongest first. */
  public enum Source {
    /** The profile's {@code context_window}: the user knows best. */
    PROFILE("context_window in the profile"),
    /** A window the server named when it refused a prompt as too long. */
    LEARNED("learned from the server's refusal"),
    /** The server's model list ({@code n_ctx}, {@code max_model_len}, {@code context_length}). */
    SERVER("the server's model list"),
    /** {@link ContextWindows}, the windows of well-known model families. */
    TABLE("draft's built-in table"),
    UNKNOWN("unknown");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    /** How the user is told where the window came from. */
    public String label() {
      return label;
    }
  }

  public static final ContextWindow UNKNOWN = new ContextWindow(0, Source.UNKNOWN);

  public boolean known() {
    return tokens > 0;
  }

  /**
   * The window for {@code model}: the profile's, else the one the server named in a refusal, else
   * the one its model list reports, else the built-in table's.
   *
   * @param served the window the server's model list reports, or null; asked only when neither the
   *     profile nor a refusal decides, and null itself when the list is not worth asking for
   */
  public static ContextWindow choose(
      Integer profile, Integer learned, Supplier<Integer> served, String model) {
    if (profile != null && profile > 0) {
      return new ContextWindow(profile, Source.PROFILE);
    }
    if (learned != null && learned > 0) {
      return new ContextWindow(learned, Source.LEARNED);
    }
    Integer reported = served == null ? null : served.get();
    if (reported != null && reported > 0) {
      return new ContextWindow(reported, Source.SERVER);
    }
    int table = ContextWindows.of(model);
    return table > 0 ? new ContextWindow(table, Source.TABLE) : UNKNOWN;
  }
}
