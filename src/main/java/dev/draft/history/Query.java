package dev.draft.history;

import java.time.Instant;

/**
 * What {@link HistoryStore#list(Query)} returns: runs matching every filter that is set, newest
 * first. Start from {@link #all()} and narrow it with the {@code with} methods.
 *
 * @param text words that must each appear somewhere in the run (prompt, input or a draft); taken
 *     literally, never as FTS5 syntax, except that {@code "two words"} is a phrase and a trailing
 *     {@code *} matches a prefix; null for no text filter
 * @param template only runs of this template, or null
 * @param model only runs of this model, or null
 * @param since only runs created at or after this time, or null
 * @param pickedOnly only runs where the user picked a draft
 * @param limit at most this many runs, or null for all
 */
public record Query(
    String text, String template, String model, Instant since, boolean pickedOnly, Integer limit) {

  public Query {
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
  }

  public static Query all() {
    return new Query(null, null, null, null, false, null);
  }

  public Query withText(String value) {
    return new Query(value, template, model, since, pickedOnly, limit);
  }

  public Query withTemplate(String value) {
    return new Query(text, value, model, since, pickedOnly, limit);
  }

  public Query withModel(String value) {
    return new Query(text, template, value, since, pickedOnly, limit);
  }

  public Query withSince(Instant value) {
    return new Query(text, template, model, value, pickedOnly, limit);
  }

  public Query withPickedOnly(boolean value) {
    return new Query(text, template, model, since, value, limit);
  }

  public Query withLimit(Integer value) {
    return new Query(text, template, model, since, pickedOnly, value);
  }
}
