package dev.draft.template;

import java.util.List;
import java.util.Objects;

/**
 * A variable declared in a template's front matter. Every variable becomes a command option.
 *
 * @param defaultValue the default as written in the file (a number stays text: {@code "900"}), or
 *     null when there is none
 * @param choices the allowed values, or empty when any value goes
 */
public record Variable(
    String name, String description, String defaultValue, boolean required, List<String> choices) {

  public Variable {
    Objects.requireNonNull(name, "name");
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** The command option that sets this variable: {@code max_words} → {@code --max-words}. */
  public String optionName() {
    return "--" + name.replace('_', '-');
  }
}
