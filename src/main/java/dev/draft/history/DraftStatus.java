package dev.draft.history;

import dev.draft.draft.Status;
import java.util.Locale;

/**
 * The {@code status} of a stored draft: a draft's {@link Status}, or {@code streaming} while the
 * process that writes it is still receiving it. The lower-case name is what the database holds.
 */
public enum DraftStatus {
  /** Still arriving; shown as interrupted once its process is gone. */
  STREAMING,
  COMPLETE,
  TRUNCATED,
  FILTERED,
  FAILED,
  INTERRUPTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DraftStatus of(Status outcome) {
    return valueOf(outcome.name());
  }

  /**
   * The outcome this status amounts to when the draft is shown or reused: a draft still streaming
   * is partial, so it counts as interrupted.
   */
  public Status outcome() {
    return this == STREAMING ? Status.INTERRUPTED : Status.valueOf(name());
  }

  /**
   * @throws HistoryException for a label this version does not know
   */
  static DraftStatus parse(String label) {
    for (DraftStatus status : values()) {
      if (status.label().equals(label)) {
        return status;
      }
    }
    throw new HistoryException("unknown draft status '" + label + "' in the history database");
  }
}
