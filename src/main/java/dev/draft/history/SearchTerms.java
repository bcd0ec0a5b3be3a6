package dev.draft.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a user typed after {@code draft history} into FTS5 queries that cannot be syntax
 * errors: each word or {@code "quoted phrase"} becomes an FTS5 string (inside which nothing is an
 * operator), so {@code it's}, {@code river OR} and {@code NEAR(} are searched as words.
 */
final class SearchTerms {
  private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|[^\\s\"]+");

  private SearchTerms() {}

  /**
   * One FTS5 query per term, in order, without duplicates. A trailing {@code *} on a word keeps its
   * prefix meaning. Terms without a letter or digit are dropped: the tokenizer would find no word
   * in them, and an empty phrase matches nothing.
   */
  static List<String> of(String text) {
    if (text == null) {
      return List.of();
    }
    Set<String> terms = new LinkedHashSet<>();
    Matcher matcher = TERM.matcher(text);
    while (matcher.find()) {
      String phrase = matcher.group(1);
      String word = phrase != null ? phrase : matcher.group();
      boolean prefix = phrase == null && word.endsWith("*");
      while (word.endsWith("*")) {
        word = word.substring(0, word.length() - 1);
      }
      if (word.codePoints().anyMatch(Character::isLetterOrDigit)) {
        terms.add("\"" + word.replace("\"", "\"\"") + "\"" + (prefix ? "*" : ""));
      }
    }
    return new ArrayList<>(terms);
  }

  /** Whether the text was given but holds no searchable word, so nothing can match it. */
  static boolean nothingToFind(String text) {
    return text != null && !text.isBlank() && of(text).isEmpty();
  }
}
