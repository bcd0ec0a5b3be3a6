package dev.draft.ui;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Puts rendered panes on the screen: in columns with a rule between them, or one under another. */
final class Panes {
  private Panes() {}

  /**
   * @param panes the lines of each shown pane, each at most the layout's pane width wide
   */
  static List<AttributedString> compose(List<List<AttributedString>> panes, PaneLayout layout) {
    List<AttributedString> lines = new ArrayList<>();
    if (!layout.sideBySide()) {
      for (List<AttributedString> pane : panes) {
        for (int row = 0; row < layout.paneHeight(); row++) {
          lines.add(row < pane.size() ? pane.get(row) : AttributedString.EMPTY);
        }
      }
      return lines;
    }
    for (int row = 0; row < layout.paneHeight(); row++) {
      AttributedStringBuilder line = new AttributedStringBuilder();
      for (int i = 0; i < panes.size(); i++) {
        if (i > 0) {
          line.style(AttributedStyle.DEFAULT.faint()).append(" ┃ ");
        }
        List<AttributedString> pane = panes.get(i);
        AttributedString cell = row < pane.size() ? pane.get(row) : AttributedString.EMPTY;
        line.append(pad(cell, layout.paneWidth()));
      }
      lines.add(line.toAttributedString());
    }
    return lines;
  }

  /** {@code cell} cut or padded with spaces to exactly {@code width} columns. */
  static AttributedString pad(AttributedString cell, int width) {
    AttributedString cut = cell.columnLength() > width ? cell.columnSubSequence(0, width) : cell;
    int missing = width - cut.columnLength();
    if (missing <= 0) {
      return cut;
    }
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.append(cut);
    b.style(AttributedStyle.DEFAULT).append(" ".repeat(missing));
    return b.toAttributedString();
  }
}
