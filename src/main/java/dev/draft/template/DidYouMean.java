package dev.draft.template;

import java.util.Collection;
import java.util.Optional;

/** Suggests the name a typo was probably meant to be: {@code topc} → {@code topic}. */
final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within two edits (one for names of up to four letters), if any. */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    int limit = typed.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(typed, candidate);
      if (distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  // Levenshtein, keeping two rows of the table.
  private static int editDistance(String from, String to) {
    int[] above = new int[to.length() + 1];
    int[] row = new int[to.length() + 1];
    for (int j = 0; j <= to.length(); j++) {
      above[j] = j;
    }
    for (int i = 1; i <= from.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= to.length(); j++) {
        int replace = above[j - 1] + (from.charAt(i - 1) == to.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(replace, Math.min(above[j], row[j - 1]) + 1);
      }
      int[] done = above;
      above = row;
      row = done;
    }
    return above[to.length()];
  }
}
