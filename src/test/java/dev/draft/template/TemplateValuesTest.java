package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateValuesTest {
  private static final Template ARTICLE =
      TemplateLoader.load(
          "article",
          Source.BUILTIN,
          "prompts/article.md (built-in)",
          """
          ---
          description: An article
          variables:
            topic:     {description: What the article is about, required: true}
            audience:  {description: Who reads it, required: true}
            words:     {description: Target length in words, default: 900}
            structure: {description: Shape, choices: [three-act, heros-journey, save-the-cat]}
            angle:     {description: The slant}
          ---
          {{topic}} {{audience}} {{words}} {{structure}} {{angle}}
          """);

  @Test
  void appliesDefaultsAndKeepsGivenValuesInDeclarationOrder() {
    Map<String, String> values =
        TemplateValues.resolve(ARTICLE, Map.of("audience", "editors", "topic", "rivers"));

    assertThat(values)
        .containsExactly(
            Map.entry("topic", "rivers"),
            Map.entry("audience", "editors"),
            Map.entry("words", "900"));
  }

  @Test
  void givenValueBeatsTheDefault() {
    assertThat(
            TemplateValues.resolve(ARTICLE, Map.of("topic", "t", "audience", "a", "words", "1200")))
        .containsEntry("words", "1200");
  }

  @Test
  void optionalVariableWithoutValueOrDefaultIsLeftOut() {
    assertThat(TemplateValues.resolve(ARTICLE, Map.of("topic", "t", "audience", "a")))
        .doesNotContainKeys("angle", "structure");
  }

  @Test
  void everyMissingRequiredVariableIsNamedInOneMessage() {
    assertThatThrownBy(() -> TemplateValues.resolve(ARTICLE, Map.of()))
        .isInstanceOf(TemplateUsageException.class)
        .hasMessage(
            "missing required variables: --topic (What the article is about), --audience (Who"
                + " reads it); pass them as options or with -V name=value");
  }

  @Test
  void oneMissingRequiredVariableIsNamedInTheSingular() {
    assertThatThrownBy(() -> TemplateValues.resolve(ARTICLE, Map.of("topic", "t")))
        .hasMessage(
            "missing required variable: --audience (Who reads it); pass it as an option or with"
                + " -V name=value");
  }

  @Test
  void nullValueCountsAsNotGiven() {
    Map<String, String> given = new HashMap<>(Map.of("topic", "t"));
    given.put("audience", null);

    assertThatThrownBy(() -> TemplateValues.resolve(ARTICLE, given))
        .hasMessageStartingWith("missing required variable: --audience");
  }

  @Test
  void valueOutsideTheChoicesIsRefused() {
    assertThatThrownBy(
            () ->
                TemplateValues.resolve(
                    ARTICLE, Map.of("topic", "t", "audience", "a", "structure", "five-act")))
        .isInstanceOf(TemplateUsageException.class)
        .hasMessage(
            "--structure must be one of three-act, heros-journey, save-the-cat; got 'five-act'");
  }

  @Test
  void valueAmongTheChoicesIsAccepted() {
    assertThat(
            TemplateValues.resolve(
                ARTICLE, Map.of("topic", "t", "audience", "a", "structure", "save-the-cat")))
        .containsEntry("structure", "save-the-cat");
  }

  @Test
  void unknownNameSuggestsTheClosestVariable() {
    assertThatThrownBy(() -> TemplateValues.resolve(ARTICLE, Map.of("topc", "t")))
        .isInstanceOf(TemplateUsageException.class)
        .hasMessage(
            "template 'article' has no variable 'topc' (did you mean 'topic'?); its variables:"
                + " topic, audience, words, structure, angle");
  }

  @Test
  void unknownNameOnATemplateWithoutVariablesSaysSo() {
    Template plain =
        TemplateLoader.load("plain", Source.USER, "p.md", "---\ndescription: d\n---\nHello\n");

    assertThatThrownBy(() -> TemplateValues.resolve(plain, Map.of("x", "1")))
        .hasMessage("template 'plain' has no variable 'x'; it takes no variables");
  }

  @Test
  void inputIsNotAVariable() {
    assertThatThrownBy(() -> TemplateValues.resolve(ARTICLE, Map.of("input", "text")))
        .hasMessage(
            "template 'article' has no variable 'input'; its input comes from INPUT files or"
                + " stdin, e.g. draft article notes.md");
  }

  @Test
  void nameSpelledLikeItsOptionIsAccepted() {
    Template t =
        TemplateLoader.load(
            "t",
            Source.USER,
            "t.md",
            "---\ndescription: d\nvariables:\n  reading_level: {description: r}\n---\n{{reading_level}}\n");

    assertThat(TemplateValues.resolve(t, Map.of("reading-level", "easy")))
        .containsExactly(Map.entry("reading_level", "easy"));
  }
}
