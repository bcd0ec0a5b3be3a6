package dev.draft.ui;

import dev.draft.draft.Status;
import org.jline.utils.AttributedStyle;

/** The views' few styles; without colour ({@code NO_COLOR}) only bold, faint and inverse remain. */
final class Styles {
  private final boolean colour;

  Styles(boolean colour) {
    this.colour = colour;
  }

  AttributedStyle dim() {
    return AttributedStyle.DEFAULT.faint();
  }

  AttributedStyle streaming() {
    return colour
        ? AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)
        : AttributedStyle.DEFAULT;
  }

  AttributedStyle of(Status outcome) {
    if (!colour) {
      return outcome.delivered() ? AttributedStyle.DEFAULT : AttributedStyle.BOLD;
    }
    return switch (outcome) {
      case COMPLETE -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case TRUNCATED, FILTERED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
      case FAILED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
      case INTERRUPTED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    };
  }

  /** Inserted words in a diff: green and underlined, so they read without colour too. */
  AttributedStyle added() {
    AttributedStyle base = AttributedStyle.DEFAULT.underline();
    return colour ? base.foreground(AttributedStyle.GREEN) : base;
  }

  /** Removed words: red and struck through where the terminal can (faint without colour). */
  AttributedStyle removed() {
    return colour
        ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).crossedOut()
        : AttributedStyle.DEFAULT.faint().crossedOut();
  }

  AttributedStyle accent() {
    return colour
        ? AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW).bold()
        : AttributedStyle.BOLD;
  }
}
