package dev.draft.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --pick K|judge}: candidate K, or the one a judge model ranks best.
 *
 * @param number the candidate K as given (checked against N once N is known); 0 for a judge
 * @param judge whether a judge model chooses
 */
record Pick(int number, boolean judge) {
  /** What {@code --pick} takes besides a number: let a judge model choose. */
  static final String JUDGE = "judge";

  /** Reads {@code --pick}: a whole number or {@code judge}. */
  static final class Converter implements ITypeConverter<Pick> {
    @Override
    public Pick convert(String value) {
      String text = value.strip();
      if (text.toLowerCase(Locale.ROOT).equals(JUDGE)) {
        return new Pick(0, true);
      }
      try {
        return new Pick(Integer.parseInt(text), false);
      } catch (NumberFormatException e) {
        throw new FlagValueException(
            "takes a candidate number or '" + JUDGE + "', got '" + value + "'");
      }
    }
  }
}
