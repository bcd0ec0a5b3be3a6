package dev.draft.ui;

/**
 * Where the panes of N drafts go on a screen: side by side when every pane gets at least {@link
 * #MIN_COLUMNS} columns, stacked otherwise. When even stacked panes of two lines do not fit, a
 * window of them around the focused one is shown.
 *
 * @param sideBySide whether the panes stand in columns
 * @param paneWidth the columns of one pane (the full width when stacked)
 * @param paneHeight the lines of one pane, its title line included
 * @param first the index of the first pane shown
 * @param shown how many panes are shown
 */
public record PaneLayout(boolean sideBySide, int paneWidth, int paneHeight, int first, int shown) {
  /** The narrowest pane that still reads as prose. */
  public static final int MIN_COLUMNS = 30;

  /** The columns between two panes side by side: a space, a rule, a space. */
  public static final int GAP = 3;

  private static final int MIN_PANE_LINES = 2;

  /**
   * @param width the columns available
   * @param height the lines available for panes
   * @param count how many panes there are (at least one)
   * @param focus the index of the pane that must be shown
   */
  public static PaneLayout of(int width, int height, int count, int focus) {
    int panes = Math.max(1, count);
    int lines = Math.max(MIN_PANE_LINES, height);
    if (panes > 1 && (width - GAP * (panes - 1)) / panes >= MIN_COLUMNS) {
      return new PaneLayout(true, (width - GAP * (panes - 1)) / panes, lines, 0, panes);
    }
    int fit = Math.max(1, Math.min(panes, lines / MIN_PANE_LINES));
    int first = Math.max(0, Math.min(focus - fit / 2, panes - fit));
    if (focus < first || focus >= first + fit) {
      first = Math.max(0, Math.min(focus, panes - fit));
    }
    return new PaneLayout(
        false, Math.max(1, width), Math.max(MIN_PANE_LINES, lines / fit), first, fit);
  }
}
