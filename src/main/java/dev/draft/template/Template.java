package dev.draft.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A template file, parsed. Optional front-matter settings are null when the file leaves them out.
 *
 * @param name the file name without {@code .md}
 * @param location the file path, or {@code prompts/NAME.md (built-in)}, as messages show it
 * @param variables the declared variables in file order
 * @param input whether the template takes INPUT text; see {@link InputMode} for the default
 * @param system the system message, a Mustache template like the body, or null
 * @param longInput {@code map-reduce}, {@code refine} or {@code error}, or null
 * @param body the user message, a Mustache template
 * @param bodyLine the 1-based file line of the body's first line
 * @param text the whole file as read
 */
public record Template(
    String name,
    Source source,
    String location,
    String description,
    Map<String, Variable> variables,
    InputMode input,
    String system,
    String model,
    Integer n,
    Double temperature,
    Integer maxTokens,
    String longInput,
    String body,
    int bodyLine,
    String text) {

  public Template {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(body, "body");
    // Map.copyOf would lose the file order, which --help and messages follow.
    variables =
        Collections.unmodifiableMap(new LinkedHashMap<>(variables == null ? Map.of() : variables));
    input = input == null ? InputMode.NONE : input;
  }
}
