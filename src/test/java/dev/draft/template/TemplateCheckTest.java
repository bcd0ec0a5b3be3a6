package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateCheckTest {
  private static TemplateRef ref(String text) {
    return new TemplateRef("t", Source.USER, "t.md", () -> text);
  }

  @Test
  void listsEveryLintProblemNotJustTheFirst() {
    List<Problem> problems =
        TemplateCheck.problems(
            ref(
                "---\ndescription: d\nvariables:\n  audience: {description: A}\n---\n{{subject}} {{length}}\n"));

    assertThat(problems).hasSize(3);
    assertThat(problems.stream().map(p -> TemplateCheck.shown("t.md", p)))
        .containsExactly(
            "t.md:4: variable 'audience' is declared but never used (put {{audience}} in the prompt or the"
                + " system message, or remove it)",
            "t.md:6: {{subject}} is not a declared variable (declare it under variables)",
            "t.md:6: {{length}} is not a declared variable (declare it under variables)");
  }

  @Test
  void aFileThatDoesNotParseIsOneProblemWithoutTheLocationTwice() {
    List<Problem> problems = TemplateCheck.problems(ref("---\ndescripton: d\n---\nHi\n"));

    assertThat(problems).hasSize(1);
    assertThat(TemplateCheck.shown("t.md", problems.get(0)))
        .isEqualTo("t.md:2: unknown key 'descripton' (did you mean 'description'?)");
  }

  @Test
  void aFileThatCannotBeReadIsAProblemWithoutALine() {
    TemplateRef unreadable =
        new TemplateRef(
            "t",
            Source.USER,
            "t.md",
            () -> {
              throw new TemplateException("t.md", 0, "cannot read: gone");
            });

    assertThat(TemplateCheck.problems(unreadable))
        .singleElement()
        .satisfies(
            p -> assertThat(TemplateCheck.shown("t.md", p)).isEqualTo("t.md: cannot read: gone"));
  }

  @Test
  void aCleanTemplateHasNoProblems() {
    assertThat(TemplateCheck.problems(ref("---\ndescription: d\n---\nHello\n"))).isEmpty();
  }
}
