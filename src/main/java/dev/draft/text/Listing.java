package dev.draft.text;

import java.util.List;

/** Lists in running prose. */
public final class Listing {
  private Listing() {}

  /** {@code "A"}, {@code "A and B"}, {@code "A, B and C"}. */
  public static String and(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
