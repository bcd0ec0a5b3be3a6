package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateLintTest {

  private static List<Problem> lint(String text) {
    return TemplateLint.problems(TemplateParser.parse("t", Source.USER, "t.md", text));
  }

  @Test
  void aCleanTemplateHasNoProblems() {
    assertThat(
            lint(
                """
                ---
                description: d
                variables:
                  topic: {description: t, required: true}
                  angle: {description: a}
                input: optional
                system: |
                  Write about {{topic}}.
                ---
                {{#angle}}Angle: {{angle}}{{/angle}}
                {{#input}}{{input}}{{/input}}
                """))
        .isEmpty();
  }

  @Test
  void undeclaredVariableInTheBodyIsReportedOnItsLineWithASuggestion() {
    assertThat(
            lint(
                """
                ---
                description: d
                variables:
                  topic: {description: t}
                ---
                About {{topic}}.

                More about {{topc}}.
                """))
        .containsExactly(
            new Problem(
                8,
                "{{topc}} is not a declared variable (declare it under variables, or did you mean"
                    + " 'topic'?)"));
  }

  @Test
  void undeclaredSectionIsShownAsASection() {
    assertThat(lint("---\ndescription: d\n---\n{{#extra}}x{{/extra}}\n"))
        .containsExactly(
            new Problem(4, "{{#extra}} is not a declared variable (declare it under variables)"));
  }

  @Test
  void undeclaredVariableInABlockSystemIsReportedOnItsFileLine() {
    assertThat(
            lint(
                """
                ---
                description: d
                variables:
                  topic: {description: t}
                system: |
                  You are an editor.
                  Readers: {{audiance}}
                ---
                {{topic}}
                """))
        .containsExactly(
            new Problem(
                7,
                "{{audiance}} in system is not a declared variable (declare it under variables)"));
  }

  @Test
  void undeclaredVariableInAOneLineSystemIsReportedOnThatLine() {
    assertThat(lint("---\ndescription: d\nsystem: \"Be {{tone}}.\"\n---\nx\n"))
        .extracting(Problem::line)
        .containsExactly(3);
  }

  @Test
  void declaredButUnusedVariableIsReportedWhereItIsDeclared() {
    assertThat(
            lint(
                """
                ---
                description: d
                variables:
                  topic: {description: t}
                  words: {description: w, default: 900}
                ---
                {{topic}}
                """))
        .containsExactly(
            new Problem(
                5,
                "variable 'words' is declared but never used (put {{words}} in the prompt or the"
                    + " system message, or remove it)"));
  }

  @Test
  void variableUsedOnlyInSystemCountsAsUsed() {
    assertThat(
            lint(
                "---\ndescription: d\nvariables:\n  a: {description: x}\nsystem: Be {{a}}\n---\nx\n"))
        .isEmpty();
  }

  @Test
  void inputUsedWithInputNoneIsReportedWhereItIsUsed() {
    assertThat(lint("---\ndescription: d\ninput: none\n---\nHello.\n\n{{input}}\n"))
        .containsExactly(
            new Problem(
                7,
                "{{input}} is used but the template says input: none (set input: optional or"
                    + " required, or remove it)"));
  }

  @Test
  void inputRequiredButNeverUsedIsReportedOnTheInputLine() {
    assertThat(lint("---\ndescription: d\ninput: required\n---\nHello.\n"))
        .containsExactly(
            new Problem(
                3,
                "input: required but {{input}} is never used (put {{input}} where the text"
                    + " belongs, or set input: none)"));
  }

  @Test
  void inputOptionalButNeverUsedIsReported() {
    assertThat(lint("---\ndescription: d\ninput: optional\n---\nHello.\n"))
        .extracting(Problem::line)
        .containsExactly(3);
  }

  @Test
  void partialIsReportedOnItsLine() {
    assertThat(lint("---\ndescription: d\n---\nline one\n{{> header}}\n"))
        .containsExactly(
            new Problem(
                5,
                "{{> header}} includes a partial, which templates cannot use (write its text here"
                    + " instead)"));
  }

  @Test
  void inheritanceIsReportedOnItsLine() {
    assertThat(lint("---\ndescription: d\n---\n{{< base}}{{/base}}\n"))
        .extracting(Problem::line, Problem::message)
        .containsExactly(
            tuple(
                4,
                "{{< base}} is template inheritance, which templates cannot use (write the text"
                    + " out in full)"));
  }

  @Test
  void unclosedSectionIsReportedOnTheLineThatOpensIt() {
    assertThat(
            lint(
                """
                ---
                description: d
                variables:
                  angle: {description: a}
                ---
                First line.
                {{#angle}}
                Angle: {{angle}}
                """))
        .containsExactly(
            new Problem(7, "section 'angle' is never closed (add {{/angle}} where it ends)"));
  }

  @Test
  void unclosedSectionInSystemIsReportedOnItsFileLine() {
    assertThat(
            lint(
                """
                ---
                description: d
                variables:
                  angle: {description: a}
                system: |
                  Line one.
                  {{#angle}}{{angle}}
                ---
                x
                """))
        .containsExactly(
            new Problem(
                7, "system: section 'angle' is never closed (add {{/angle}} where it ends)"));
  }

  @Test
  void mismatchedCloseIsReportedOnTheClosingLine() {
    assertThat(
            lint(
                "---\ndescription: d\nvariables:\n  a: {description: x}\n---\n{{#a}}\n{{a}}\n{{/b}}\n"))
        .containsExactly(
            new Problem(
                8, "{{/b}} does not match the open section 'a' (close that first with {{/a}})"));
  }

  @Test
  void closeWithoutOpenIsReported() {
    assertThat(lint("---\ndescription: d\n---\nx\n{{/a}}\n"))
        .containsExactly(
            new Problem(
                5, "{{/a}} closes a section that is not open (remove it, or open it with {{#a}})"));
  }

  @Test
  void unterminatedTagIsReported() {
    assertThat(lint("---\ndescription: d\n---\nx\nJSON: {{ oops\n"))
        .extracting(Problem::line)
        .containsExactly(5);
  }

  @Test
  void missingDescriptionIsReportedOnLine1() {
    assertThat(lint("---\nn: 2\n---\nHello.\n"))
        .containsExactly(
            new Problem(
                1,
                "no description (add description: with one line saying what the template writes;"
                    + " draft templates list shows it)"));
  }

  @Test
  void missingVariableDescriptionIsReportedOnTheVariable() {
    assertThat(lint("---\ndescription: d\nvariables:\n  a: {default: x}\n---\n{{a}}\n"))
        .containsExactly(
            new Problem(
                4, "variable 'a' has no description (add description: to it; --help shows it)"));
  }

  @Test
  void emptyBodyIsReported() {
    assertThat(lint("---\ndescription: d\n---\n\n"))
        .containsExactly(
            new Problem(4, "the prompt is empty (write the user message below the closing '---')"));
  }

  @Test
  void dottedNameIntoAVariableIsReported() {
    assertThat(lint("---\ndescription: d\nvariables:\n  a: {description: x}\n---\n{{a.b}}\n"))
        .containsExactly(
            new Problem(6, "{{a.b}} looks inside 'a', but variables are plain text (write {{a}})"));
  }

  @Test
  void implicitIteratorAndCommentsAreNotVariables() {
    assertThat(
            lint(
                "---\ndescription: d\nvariables:\n  a: {description: x}\n---\n{{! a note }}{{#a}}{{.}}{{/a}}\n"))
        .isEmpty();
  }

  @Test
  void problemsComeInLineOrder() {
    List<Problem> problems =
        lint(
            """
            ---
            variables:
              unused: {description: u}
            ---
            {{first}}
            {{second}}
            """);

    assertThat(problems).extracting(Problem::line).containsExactly(1, 3, 5, 6);
  }

  @Test
  void loaderNamesTheFirstProblemAndHowManyMore() {
    String text = "---\nvariables:\n  unused: {description: u}\n---\n{{first}}\n";

    assertThatThrownBy(() -> TemplateLoader.load("t", Source.USER, "t.md", text))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "t.md:1: no description (add description: with one line saying what the template"
                + " writes; draft templates list shows it) (+2 more: draft templates lint t)");
  }

  @Test
  void loaderWithOneProblemNamesOnlyIt() {
    assertThatThrownBy(
            () ->
                TemplateLoader.load("t", Source.USER, "t.md", "---\ndescription: d\n---\n{{x}}\n"))
        .hasMessage("t.md:4: {{x}} is not a declared variable (declare it under variables)");
  }

  @Test
  void loaderPassesParseErrorsThrough() {
    assertThatThrownBy(
            () ->
                TemplateLoader.load(
                    "t", Source.USER, "t.md", "---\ndescription: d\nnn: 1\n---\nx\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("t.md:3: unknown key 'nn' (did you mean 'n'?)");
  }

  @Test
  void templateBuiltInCodeIsLintedWithoutAFile() {
    Template t =
        new Template(
            "t",
            Source.USER,
            "t.md",
            "d",
            Map.of(),
            InputMode.NONE,
            null,
            null,
            null,
            null,
            null,
            null,
            "{{x}}",
            1,
            null);

    assertThat(TemplateLint.problems(t)).extracting(Problem::line).containsExactly(1);
  }
}
