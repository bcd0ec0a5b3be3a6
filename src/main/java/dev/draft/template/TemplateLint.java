package dev.draft.template;

import dev.draft.template.MustacheCompiler.Tag;
import dev.draft.template.YamlNode.Entry;
import dev.draft.template.YamlNode.Mapping;
import dev.draft.template.YamlNode.Scalar;
import dev.draft.text.DidYouMean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a parsed template can be used as written: its Mustache compiles, every name it uses
 * is declared and every declared variable is used, {@code {{input}}} agrees with {@code input:},
 * and the descriptions that {@code --help} and {@code draft templates list} show are there.
 */
public final class TemplateLint {
  private TemplateLint() {}

  /** Every problem, in line order; empty when the template is fine. */
  public static List<Problem> problems(Template template) {
    Lines lines = Lines.of(template);
    List<Problem> problems = new ArrayList<>();
    if (isBlank(template.description())) {
      problems.add(
          new Problem(
              lines.description(),
              "no description (add description: with one line saying what the template writes;"
                  + " draft templates list shows it)"));
    }
    for (Variable variable : template.variables().values()) {
      if (isBlank(variable.description())) {
        problems.add(
            new Problem(
                lines.variable(variable.name()),
                "variable '"
                    + variable.name()
                    + "' has no description (add description: to it; --help shows it)"));
      }
    }
    if (template.body().isBlank()) {
      problems.add(
          new Problem(
              template.bodyLine(),
              "the prompt is empty (write the user message below the closing '---')"));
    }

    Usage usage = new Usage(template, problems);
    boolean compiled = usage.scan(template.body(), template.bodyLine() - 1, "");
    if (template.system() != null) {
      compiled &= usage.scan(template.system(), lines.systemOffset(), " in system");
    }
    // A part that does not compile hides its tags, so nothing can be said about what is unused.
    if (compiled) {
      usage.checkUnused(lines);
      usage.checkInput(lines);
    }
    problems.sort(Comparator.comparingInt(Problem::line));
    return List.copyOf(problems);
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private record InputUse(int line, String shown) {}

  /** The names a template's body and system use, and the problems found on the way. */
  private static final class Usage {
    private final Template template;
    private final List<Problem> problems;
    private final Set<String> used = new HashSet<>();
    private final List<InputUse> inputUses = new ArrayList<>();

    Usage(Template template, List<Problem> problems) {
      this.template = template;
      this.problems = problems;
    }

    /**
     * Records the tags of one Mustache text whose line 1 is file line {@code offset + 1}.
     *
     * @return whether it compiled
     */
    boolean scan(String text, int offset, String where) {
      List<Tag> tags;
      try {
        tags = MustacheCompiler.compile(text).tags();
      } catch (MustacheCompiler.Invalid invalid) {
        String prefix = where.isEmpty() ? "" : "system: ";
        problems.add(new Problem(offset + invalid.line(), prefix + invalid.getMessage()));
        return false;
      }
      for (Tag tag : tags) {
        check(tag, offset + tag.line(), where);
      }
      return true;
    }

    private void check(Tag tag, int line, String where) {
      String shown = tag.kind().shown(tag.name()) + where;
      switch (tag.kind()) {
        case PARTIAL ->
            problems.add(
                new Problem(
                    line,
                    shown
                        + " includes a partial, which templates cannot use (write its text here"
                        + " instead)"));
        case INHERITANCE, BLOCK ->
            problems.add(
                new Problem(
                    line,
                    shown
                        + " is template inheritance, which templates cannot use (write the text"
                        + " out in full)"));
        case PRAGMA ->
            problems.add(
                new Problem(line, shown + " is a pragma, which templates cannot use (remove it)"));
        case VALUE, SECTION, INVERTED -> checkName(tag, line, shown);
      }
    }

    private void checkName(Tag tag, int line, String shown) {
      String name = tag.name();
      if (name.equals(".")) {
        return; // the current section's value
      }
      if (name.equals(TemplateParser.INPUT)) {
        inputUses.add(new InputUse(line, shown));
        return;
      }
      Map<String, Variable> declared = template.variables();
      if (declared.containsKey(name)) {
        used.add(name);
        return;
      }
      int dot = name.indexOf('.');
      String first = dot < 0 ? name : name.substring(0, dot);
      if (declared.containsKey(first)) {
        used.add(first);
        problems.add(
            new Problem(
                line,
                shown
                    + " looks inside '"
                    + first
                    + "', but variables are plain text (write {{"
                    + first
                    + "}})"));
        return;
      }
      List<String> known = new ArrayList<>(declared.keySet());
      known.add(TemplateParser.INPUT);
      String hint =
          DidYouMean.closest(name, known).map(k -> ", or did you mean '" + k + "'?").orElse("");
      problems.add(
          new Problem(
              line,
              shown + " is not a declared variable (declare it under variables" + hint + ")"));
    }

    void checkUnused(Lines lines) {
      for (String name : template.variables().keySet()) {
        if (!used.contains(name)) {
          problems.add(
              new Problem(
                  lines.variable(name),
                  "variable '"
                      + name
                      + "' is declared but never used (put {{"
                      + name
                      + "}} in the prompt or the system message, or remove it)"));
        }
      }
    }

    void checkInput(Lines lines) {
      if (template.input() == InputMode.NONE && !inputUses.isEmpty()) {
        InputUse first = inputUses.get(0);
        problems.add(
            new Problem(
                first.line(),
                first.shown()
                    + " is used but the template says input: none (set input: optional or"
                    + " required, or remove it)"));
      } else if (template.input() != InputMode.NONE && inputUses.isEmpty()) {
        String mode = template.input().name().toLowerCase(Locale.ROOT);
        problems.add(
            new Problem(
                lines.input(),
                "input: "
                    + mode
                    + " but {{input}} is never used (put {{input}} where the text belongs, or"
                    + " set input: none)"));
      }
    }
  }

  /**
   * Where things are in the file, found again from the front matter: the template keeps values, not
   * positions. Falls back to line 1 when the text does not have them (a template built in code).
   *
   * @param systemOffset added to a line of the system message to get its file line
   */
  record Lines(int description, Map<String, Integer> variables, int input, int systemOffset) {

    int variable(String name) {
      return variables.getOrDefault(name, 1);
    }

    static Lines of(Template template) {
      Mapping root;
      try {
        TemplateParser.Parts parts = TemplateParser.split(template.location(), template.text());
        root = TemplateParser.frontMatter(template.location(), parts);
      } catch (RuntimeException notAFile) {
        return new Lines(1, Map.of(), 1, 0);
      }
      Map<String, Integer> variables = new HashMap<>();
      Optional<Entry> declared = root.get("variables");
      if (declared.isPresent() && declared.get().value() instanceof Mapping mapping) {
        for (Entry entry : mapping.entries()) {
          variables.putIfAbsent(entry.key(), entry.line());
        }
      }
      int systemOffset =
          root.get("system")
              .map(Entry::value)
              .map(v -> v.line() - 1 + (v instanceof Scalar s && s.block() ? 1 : 0))
              .orElse(0);
      return new Lines(
          root.get("description").map(Entry::line).orElse(1),
          variables,
          root.get("input").map(Entry::line).orElse(1),
          systemOffset);
    }
  }
}
