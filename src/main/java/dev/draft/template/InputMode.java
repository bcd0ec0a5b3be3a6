package dev.draft.template;

/**
 * Whether a template takes INPUT text (files or stdin) as {@code {{input}}}. Written in the front
 * matter as {@code input: required | optional | none}; when the key is left out it is {@link
 * #OPTIONAL} if the template uses {@code {{input}}} and {@link #NONE} if it does not.
 */
public enum InputMode {
  REQUIRED,
  OPTIONAL,
  NONE
}
