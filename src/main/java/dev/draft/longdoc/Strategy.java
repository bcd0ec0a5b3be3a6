package dev.draft.longdoc;

import java.util.Locale;

/**
 * What draft does with an input longer than the model's window ({@code long_input} in a template,
 * {@code --long-input} on the command line).
 */
public enum Strategy {
  /** Notes on every part in parallel, combined in rounds until they fit, then the result. */
  MAP_REDUCE("map-reduce"),
  /** The parts in order, carrying notes from one to the next: for narratives and manuscripts. */
  REFINE("refine"),
  /** Only the start that fits; the user is told how much was dropped. */
  TRUNCATE("truncate"),
  /** Refuse, with the numbers and these options. */
  ERROR("error");

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  /** The name users write: {@code map-reduce}, {@code refine}, {@code truncate}, {@code error}. */
  public String label() {
    return label;
  }

  /**
   * The strategy {@code name} names.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Strategy named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (Strategy strategy : values()) {
      if (strategy.label.equals(wanted)) {
        return strategy;
      }
    }
    throw new IllegalArgumentException(name);
  }
}
