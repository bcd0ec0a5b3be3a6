package dev.draft.cli;

import java.util.Map;

/**
 * What a run was made from, for the history: the template (name and exact file text), the values of
 * its variables and the input. A raw prompt ({@code draft ask}) has no template.
 *
 * @param inputRef where the input came from (file names or {@code stdin}), or null
 */
record RunOrigin(
    String template,
    String templateText,
    Map<String, String> variables,
    String inputRef,
    String input) {

  static RunOrigin rawPrompt() {
    return new RunOrigin(null, null, Map.of(), null, null);
  }
}
