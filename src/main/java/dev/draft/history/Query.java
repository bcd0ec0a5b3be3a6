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
 * @param failedOnly only runs with a draft that failed or was cut short
 */
public record Query(
    String text,
    String template,
    String model,
    Instant since,
    boolean pickedOnly,
    Integer limit,
    boolean failedOnly) {

  public Query {
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
  }

  public static Query all() {
    return new Query(null, null, null, null, false, null, false);
  }

  public Query withText(String value) {
    return new Query(value, template, model, since, pickedOnly, limit, failedOnly);
  }

  public Query withTemplate(String value) {
    return new Query(text, value, model, since, pickedOnly, limit, failedOnly);
  }

  public Query withModel(String value) {
    return new Query(text, template, value, since, pickedOnly, limit, failedOnly);
  }

  public Query withSince(Instant value) {
    return new Query(text, template, model, value, pickedOnly, limit, failedOnly);
  }

  public Query withPickedOnly(boolean value) {
    return new Query(text, template, model, since, value, limit, failedOnly);
  }

  public Query withLimit(Integer value) {
    return new Query(text, template, model, since, pickedOnly, value, failedOnly);
  }

  public Query withFailedOnly(boolean value) {
    return new Query(text, template, model, since, pickedOnly, limit, value);
  }
}
