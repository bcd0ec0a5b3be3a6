package dev.draft.session;

import java.util.Map;

/**
 * What a run was made from, for the history: the template (name and exact file text), the values of
 * its variables and the input. A raw prompt ({@code draft ask}) has no template.
 *
 * @param inputRef where the input came from (file names or {@code stdin}), or null
 * @param parentRun the run this one redoes, refines or merges, or null
 * @param parentDraft the draft of {@code parentRun} this one refines, or null (a redo or a merge)
 * @param kind {@code generate}, {@code redo}, {@code refine} or {@code merge}
 * @param notes how a long input was read (a {@code notes} event's JSON payload: the notes on its
 *     parts, docs/history-schema.md), or null
 */
public record RunOrigin(
    String template,
    String templateText,
    Map<String, String> variables,
    String inputRef,
    String input,
    String parentRun,
    Integer parentDraft,
    String kind,
    String notes) {

  public RunOrigin(
      String template,
      String templateText,
      Map<String, String> variables,
      String inputRef,
      String input,
      String parentRun,
      Integer parentDraft,
      String kind) {
    this(template, templateText, variables, inputRef, input, parentRun, parentDraft, kind, null);
  }

  /** This origin, with the notes a long input was read into. */
  public RunOrigin withNotes(String payload) {
    return new RunOrigin(
        template, templateText, variables, inputRef, input, parentRun, parentDraft, kind, payload);
  }

  public RunOrigin(
      String template,
      String templateText,
      Map<String, String> variables,
      String inputRef,
      String input) {
    this(template, templateText, variables, inputRef, input, null, null, "generate");
  }

  public static RunOrigin rawPrompt() {
    return new RunOrigin(null, null, Map.of(), null, null);
  }

  /**
   * A run made from a template of the tool's own ({@code _refine}, {@code _merge}) on a past run.
   */
  public static RunOrigin revision(
      String template,
      String templateText,
      Map<String, String> variables,
      String parentRun,
      Integer parentDraft,
      String kind) {
    return new RunOrigin(
        template, templateText, variables, null, null, parentRun, parentDraft, kind);
  }
}
