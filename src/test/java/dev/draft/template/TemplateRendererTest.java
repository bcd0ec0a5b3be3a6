package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

  private static Template load(String text) {
    return TemplateLoader.load("t", Source.USER, "t.md", text);
  }

  private static final Template ARTICLE =
      load(
          """
          ---
          description: An article
          variables:
            topic:    {description: What it is about, required: true}
            audience: {description: Who reads it, default: curious readers}
            angle:    {description: The slant}
          system: |
            You write for {{audience}}.
          ---
          Write about {{topic}}.
          {{#angle}}
          Angle: {{angle}}
          {{/angle}}
          {{#input}}
          Notes:
          {{input}}
          {{/input}}
          {{^input}}
          You have no notes.
          {{/input}}
          """);

  private static Rendered render(Template t, Map<String, String> given, String input) {
    return TemplateRenderer.render(t, TemplateValues.resolve(t, given), input);
  }

  @Test
  void sectionIsKeptWhenItsVariableHasAValue() {
    Rendered r = render(ARTICLE, Map.of("topic", "rivers", "angle", "floods"), null);

    assertThat(r.user()).isEqualTo("Write about rivers.\nAngle: floods\nYou have no notes.");
  }

  @Test
  void sectionIsDroppedWhenItsVariableHasNoValue() {
    Rendered r = render(ARTICLE, Map.of("topic", "rivers"), null);

    assertThat(r.user()).isEqualTo("Write about rivers.\nYou have no notes.");
  }

  @Test
  void emptyValueIsFalseInASection() {
    Rendered r = render(ARTICLE, Map.of("topic", "rivers", "angle", ""), "");

    assertThat(r.user()).isEqualTo("Write about rivers.\nYou have no notes.");
  }

  @Test
  void inputIsBoundToInput() {
    Rendered r = render(ARTICLE, Map.of("topic", "rivers"), "- they flood\n- they feed");

    assertThat(r.user()).isEqualTo("Write about rivers.\nNotes:\n- they flood\n- they feed");
  }

  @Test
  void systemIsRenderedWithTheSameValues() {
    assertThat(render(ARTICLE, Map.of("topic", "t"), null).system())
        .isEqualTo("You write for curious readers.");
    assertThat(render(ARTICLE, Map.of("topic", "t", "audience", "engineers"), null).system())
        .isEqualTo("You write for engineers.");
  }

  @Test
  void noSystemMeansNull() {
    Template t = load("---\ndescription: d\n---\nHello\n");

    assertThat(render(t, Map.of(), null)).isEqualTo(new Rendered(null, "Hello"));
  }

  @Test
  void systemThatRendersEmptyIsNull() {
    Template t =
        load(
            "---\ndescription: d\nvariables:\n  role: {description: r}\nsystem: \"{{role}}\"\n---\nHello\n");

    assertThat(render(t, Map.of(), null).system()).isNull();
  }

  @Test
  void valuesAreNeverHtmlEscaped() {
    Template t =
        load(
            "---\ndescription: d\nvariables:\n  a: {description: x}\n---\n{{a}} | {{{a}}} | {{&a}} | {{input}}\n");

    Rendered r = render(t, Map.of("a", "<b> & \"x\""), "it's <i>");

    assertThat(r.user()).isEqualTo("<b> & \"x\" | <b> & \"x\" | <b> & \"x\" | it's <i>");
  }

  @Test
  void setDelimiterLetsABodyWriteLiteralBraces() {
    Template t =
        load(
            """
            ---
            description: d
            variables:
              topic: {description: t}
            ---
            {{=<% %>=}}
            Reply as JSON: {"title": "{{title}}", "about": "<%topic%>"}
            """);

    assertThat(render(t, Map.of("topic", "rivers"), null).user())
        .isEqualTo("Reply as JSON: {\"title\": \"{{title}}\", \"about\": \"rivers\"}");
  }

  @Test
  void namesInsideASectionAreVariablesNotMethodsOfTheText() {
    // With mustache.java's default handler {{empty}} inside {{#topic}} would be String.isEmpty().
    Template t =
        TemplateParser.parse(
            "t",
            Source.USER,
            "t.md",
            "---\ndescription: d\n---\n{{#topic}}{{.}}/{{empty}}/{{length}}{{/topic}}\n");

    Rendered r = TemplateRenderer.render(t, Map.of("topic", "rivers", "empty", "E"), null);

    assertThat(r.user()).isEqualTo("rivers/E/");
  }

  @Test
  void standaloneSectionTagsLeaveNoBlankLines() {
    assertThat(render(ARTICLE, Map.of("topic", "t", "angle", "a"), "n").user())
        .doesNotContain("\n\n");
  }

  @Test
  void renderingIsRepeatable() {
    Map<String, String> given = Map.of("topic", "rivers");

    assertThat(render(ARTICLE, given, "x")).isEqualTo(render(ARTICLE, given, "x"));
  }

  @Test
  void templateThatDoesNotCompileFailsWithItsLine() {
    Template broken =
        TemplateParser.parse("t", Source.USER, "t.md", "---\ndescription: d\n---\nok\n{{#a}}\n");

    assertThatThrownBy(() -> TemplateRenderer.render(broken, Map.of(), null))
        .isInstanceOf(TemplateException.class)
        .hasMessage("t.md:5: section 'a' is never closed (add {{/a}} where it ends)");
  }
}
