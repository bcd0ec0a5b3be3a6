package dev.draft.template;

import dev.draft.text.DidYouMean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the values a user gave into the values a template is rendered with. */
public final class TemplateValues {
  private TemplateValues() {}

  /**
   * Applies defaults, checks required variables and choices.
   *
   * @param given values by variable name (options and {@code -V}); a name written with {@code -}
   *     instead of {@code _} is accepted, as the option spells it that way
   * @return values by variable name, in declaration order; a variable with neither a value nor a
   *     default is left out, and renders as empty
   * @throws TemplateUsageException for an unknown name, missing required variables (all of them in
   *     one message) or a value outside the choices
   */
  public static Map<String, String> resolve(Template template, Map<String, String> given) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : given.entrySet()) {
      String name = entry.getKey().replace('-', '_');
      if (!template.variables().containsKey(name)) {
        throw unknown(template, entry.getKey());
      }
      if (entry.getValue() != null) {
        byName.put(name, entry.getValue());
      }
    }

    for (Variable variable : template.variables().values()) {
      String value = byName.get(variable.name());
      if (variable.required() && value != null && value.isBlank()) {
        throw new TemplateUsageException(
            variable.optionName()
                + " is required and cannot be empty; give it a value, e.g. "
                + variable.optionName()
                + " \"...\"");
      }
    }

    List<String> missing = new ArrayList<>();
    for (Variable variable : template.variables().values()) {
      if (variable.required() && !byName.containsKey(variable.name())) {
        String description = variable.description();
        missing.add(
            variable.optionName()
                + (description == null || description.isBlank() ? "" : " (" + description + ")"));
      }
    }
    if (!missing.isEmpty()) {
      throw new TemplateUsageException(
          missing.size() == 1
              ? "missing required variable: "
                  + missing.get(0)
                  + "; pass it as an option or with -V name=value"
              : "missing required variables: "
                  + String.join(", ", missing)
                  + "; pass them as options or with -V name=value");
    }

    Map<String, String> values = new LinkedHashMap<>();
    for (Variable variable : template.variables().values()) {
      String value = byName.getOrDefault(variable.name(), variable.defaultValue());
      if (value == null) {
        continue;
      }
      if (!variable.choices().isEmpty() && !variable.choices().contains(value)) {
        throw new TemplateUsageException(
            variable.optionName()
                + " must be one of "
                + String.join(", ", variable.choices())
                + "; got '"
                + value
                + "'");
      }
      values.put(variable.name(), value);
    }
    return Collections.unmodifiableMap(values);
  }

  private static TemplateUsageException unknown(Template template, String name) {
    String start = "template '" + template.name() + "' has no variable '" + name + "'";
    if (name.equals(TemplateParser.INPUT)) {
      return new TemplateUsageException(
          start
              + "; its input comes from INPUT files or stdin, e.g. draft "
              + template.name()
              + " notes.md");
    }
    if (template.variables().isEmpty()) {
      return new TemplateUsageException(start + "; it takes no variables");
    }
    String hint =
        DidYouMean.closest(name.replace('-', '_'), template.variables().keySet())
            .map(k -> " (did you mean '" + k + "'?)")
            .orElse("");
    return new TemplateUsageException(
        start + hint + "; its variables: " + String.join(", ", template.variables().keySet()));
  }
}
