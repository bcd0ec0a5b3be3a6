package dev.draft.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the known word a typo was probably meant to be: {@code base_ur} → {@code base_url}. */
public final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within two edits (one for short words), if any. */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    int limit = wanted.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
      if (distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** " (did you mean 'x'?)" or nothing, ready to append to a message. */
  public static String hint(String typed, Collection<String> candidates) {
    return closest(typed, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  // Levenshtein distance, one row at a time.
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
