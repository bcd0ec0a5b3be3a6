package dev.draft.template;

/**
 * A template was called wrongly: a required variable is missing, a value is not one of the choices,
 * or a variable name is unknown (the CLI exits with 2). The message is one line naming the options
 * to fix.
 */
public final class TemplateUsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemplateUsageException(String message) {
    super(message);
  }
}
