package dev.draft.cli;

import java.util.Map;

/**
 * What a run was made from, for the history: the template (name and exact file text), the values of
 * its variables and the input. A raw prompt ({@code draft ask}) has no template.
 *
 * @param inputRef where the input came from (file names or {@code stdin}), or null
 * @param parentRun the run this one redoes (or later refines), or null
 * @param kind {@code generate}, {@code redo}, …
 */
record RunOrigin(
    String template,
    String templateText,
    Map<String, String> variables,
    String inputRef,
    String input,
    String parentRun,
    String kind) {

  RunOrigin(
      String template,
      String templateText,
      Map<String, String> variables,
      String inputRef,
      String input) {
    this(template, templateText, variables, inputRef, input, null, "generate");
  }

  static RunOrigin rawPrompt() {
    return new RunOrigin(null, null, Map.of(), null, null);
  }
}
