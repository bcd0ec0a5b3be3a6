package dev.draft.draft;

import java.util.Objects;

/**
 * A draft's text with its number in its run ({@code draft 3}), as merging and judging take them.
 *
 * @param number the draft's number, from 1
 * @param text its current text (the user's latest edit, else what the model wrote)
 */
public record NumberedText(int number, String text) {
  public NumberedText {
    Objects.requireNonNull(text, "text");
  }
}
