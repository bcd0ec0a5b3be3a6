package dev.draft.template;

import java.util.List;

/** Loads a template for use: parses it and refuses it when lint finds any problem. */
public final class TemplateLoader {
  private TemplateLoader() {}

  /**
   * Parses and lints a template file.
   *
   * @throws TemplateException naming the first problem, and how many more {@code draft templates
   *     lint} would list
   */
  public static Template load(String name, Source source, String location, String text) {
    Template template = TemplateParser.parse(name, source, location, text);
    List<Problem> problems = TemplateLint.problems(template);
    if (problems.isEmpty()) {
      return template;
    }
    Problem first = problems.get(0);
    String more =
        problems.size() == 1
            ? ""
            : " (+" + (problems.size() - 1) + " more: draft templates lint " + name + ")";
    throw new TemplateException(location, first.line(), first.message() + more);
  }
}
