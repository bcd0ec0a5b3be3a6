package dev.draft.template;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Fills a template in: a pure function of the template, its values and the input. Nothing is
 * HTML-escaped, and an empty or missing value is false in a {@code {{#name}}} section.
 */
public final class TemplateRenderer {
  private TemplateRenderer() {}

  /**
   * Renders the system message and the body with the same values.
   *
   * @param values from {@link TemplateValues#resolve}
   * @param input the INPUT text, bound to {@code {{input}}}, or null when there is none
   * @return the messages with surrounding blank lines trimmed; the system message is null when the
   *     template has none or it renders empty
   * @throws TemplateException when the template's Mustache does not compile (only for a template
   *     that did not go through {@link TemplateLoader})
   */
  public static Rendered render(Template template, Map<String, String> values, String input) {
    Map<String, Object> scope = new HashMap<>(values);
    scope.remove(TemplateParser.INPUT);
    if (input != null) {
      scope.put(TemplateParser.INPUT, input);
    }
    String user = run(template, template.body(), () -> template.bodyLine() - 1, scope);
    String system = null;
    if (template.system() != null) {
      // Finding the system message's line means reading the front matter again: only on failure.
      system =
          run(
              template,
              template.system(),
              () -> TemplateLint.Lines.of(template).systemOffset(),
              scope);
      system = system.isEmpty() ? null : system;
    }
    return new Rendered(system, user);
  }

  private static String run(
      Template template, String text, IntSupplier offset, Map<String, Object> scope) {
    MustacheCompiler.Compiled compiled;
    try {
      compiled = MustacheCompiler.compile(text);
    } catch (MustacheCompiler.Invalid invalid) {
      throw new TemplateException(
          template.location(), offset.getAsInt() + invalid.line(), invalid.getMessage(), invalid);
    }
    StringWriter out = new StringWriter();
    compiled.mustache().execute(out, scope);
    // Blank lines around the text come from section tags and the file's layout, not the author's
    // intent; a model gets the text alone.
    return out.toString().strip();
  }
}
