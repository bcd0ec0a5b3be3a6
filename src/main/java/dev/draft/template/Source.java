package dev.draft.template;

/** Where a template comes from, in lookup order: a later source overrides an earlier one. */
public enum Source {
  BUILTIN("built-in"),
  USER("user"),
  PROJECT("project");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  /** How {@code draft templates list} names the source. */
  public String label() {
    return label;
  }
}
