package dev.draft.batch;

import java.util.Map;

/**
 * One item of a batch: what its prompt is rendered from.
 *
 * @param id stable from one run to the next: the {@code --id-field} value, else the file's path,
 *     else the line number and a hash of the line ({@code 12-3fa9c2d1})
 * @param where where the item is in the source, for messages: {@code line 17}, {@code posts/a.md}
 * @param variables the template variables it sets: a JSONL line's fields, a CSV row's columns; for
 *     a file, {@code name} (its file name) and {@code path} (relative to the source's root)
 * @param input the text for {@code {{input}}}, or null when the item gives none
 * @param path for an item read from a file, its path relative to the source's root (a directory
 *     destination keeps it, extension included); else null
 * @param problem why the item cannot be run (a line that is not a JSON object, say), with its
 *     {@code where}; null for an item that can
 */
public record BatchItem(
    String id,
    String where,
    Map<String, String> variables,
    String input,
    String path,
    String problem) {
  public BatchItem {
    variables = Map.copyOf(variables);
  }

  /** Whether the item can be run: it has no {@link #problem()}. */
  public boolean runnable() {
    return problem == null;
  }
}
