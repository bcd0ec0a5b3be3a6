package dev.draft.template;

import java.util.List;

/**
 * Every problem in a template file, for {@code draft templates lint}: unlike {@link
 * TemplateLoader}, which stops at the first, this lists them all, and a file that cannot be read or
 * parsed is one problem rather than an exception.
 */
public final class TemplateCheck {
  private TemplateCheck() {}

  /**
   * The problems of one template, in line order; empty when it loads.
   *
   * @return problems at line 0 when the file as a whole is wrong (it cannot be read)
   */
  public static List<Problem> problems(TemplateRef ref) {
    Template template;
    try {
      template = TemplateParser.parse(ref.name(), ref.source(), ref.location(), ref.text().get());
    } catch (TemplateException e) {
      return List.of(new Problem(e.line(), problem(e)));
    }
    return TemplateLint.problems(template);
  }

  /** A problem as lint prints it: {@code location:line: message}, without the line when 0. */
  public static String shown(String location, Problem problem) {
    return problem.line() > 0
        ? location + ":" + problem.line() + ": " + problem.message()
        : location + ": " + problem.message();
  }

  // The exception's message repeats the location and line that shown() adds back.
  private static String problem(TemplateException e) {
    String prefix = e.line() > 0 ? e.location() + ":" + e.line() + ": " : e.location() + ": ";
    String message = e.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
