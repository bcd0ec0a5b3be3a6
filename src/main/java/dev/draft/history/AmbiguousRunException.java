package dev.draft.history;

import java.util.List;

/** A run prefix that matches more than one run; the message lists them, newest first. */
public class AmbiguousRunException extends HistoryException {
  private static final long serialVersionUID = 1L;

  private final String prefix;
  private final List<String> matches;

  /**
   * @param matches the matching ids, newest first (possibly only the first few)
   * @param more whether there are more matches than listed
   */
  public AmbiguousRunException(String prefix, List<String> matches, boolean more) {
    super(
        "'"
            + prefix
            + "' matches several runs: "
            + String.join(", ", matches)
            + (more ? " and more" : "")
            + "; type more of the id");
    this.prefix = prefix;
    this.matches = List.copyOf(matches);
  }

  public String prefix() {
    return prefix;
  }

  /** The matching run ids, newest first. */
  public List<String> matches() {
    return matches;
  }
}
