package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateParserTest {
  private static final String ARTICLE =
      """
      ---
      description: Turn a topic into an article
      variables:
        topic:    {description: What the article is about, required: true}
        audience: {description: Who will read it, default: curious general readers}
        words:    {description: Target length in words, default: 900}
        tone:     {description: Voice of the piece, default: warm, choices: [warm, formal]}
      input: optional
      system: |
        You write for {{audience}}.
      model: gpt-4o-mini
      n: 3
      temperature: 0.9
      max_tokens: 2000
      long_input: map-reduce
      ---
      Write a {{words}}-word article about {{topic}} in a {{tone}} voice.
      {{#input}}
      Notes:
      {{input}}
      {{/input}}
      """;

  private static Template parse(String text) {
    return TemplateParser.parse("t", Source.USER, "t.md", text);
  }

  /** The one-line message parsing {@code text} fails with. */
  private static String errorOf(String text) {
    return assertThrows(TemplateException.class, () -> parse(text)).getMessage();
  }

  @Test
  void parsesEveryKeyOfAFullTemplate() {
    Template t = TemplateParser.parse("article", Source.PROJECT, "/p/article.md", ARTICLE);

    assertThat(t.name()).isEqualTo("article");
    assertThat(t.source()).isEqualTo(Source.PROJECT);
    assertThat(t.location()).isEqualTo("/p/article.md");
    assertThat(t.description()).isEqualTo("Turn a topic into an article");
    assertThat(t.variables().keySet()).containsExactly("topic", "audience", "words", "tone");
    assertThat(t.variables().get("topic"))
        .isEqualTo(new Variable("topic", "What the article is about", null, true, List.of()));
    assertThat(t.variables().get("tone"))
        .isEqualTo(
            new Variable("tone", "Voice of the piece", "warm", false, List.of("warm", "formal")));
    assertThat(t.input()).isEqualTo(InputMode.OPTIONAL);
    assertThat(t.system()).isEqualTo("You write for {{audience}}.\n");
    assertThat(t.model()).isEqualTo("gpt-4o-mini");
    assertThat(t.n()).isEqualTo(3);
    assertThat(t.temperature()).isEqualTo(0.9);
    assertThat(t.maxTokens()).isEqualTo(2000);
    assertThat(t.longInput()).isEqualTo("map-reduce");
    assertThat(t.body()).startsWith("Write a {{words}}-word article").endsWith("{{/input}}\n");
    assertThat(t.bodyLine()).isEqualTo(17);
    assertThat(t.text()).isEqualTo(ARTICLE);
  }

  @Test
  void numberDefaultIsKeptAsWritten() {
    Template t = parse(ARTICLE);

    assertThat(t.variables().get("words").defaultValue()).isEqualTo("900");
  }

  @Test
  void leftOutSettingsAreNull() {
    Template t = parse("---\ndescription: d\n---\nHello\n");

    assertThat(t.variables()).isEmpty();
    assertThat(t.system()).isNull();
    assertThat(t.model()).isNull();
    assertThat(t.n()).isNull();
    assertThat(t.temperature()).isNull();
    assertThat(t.maxTokens()).isNull();
    assertThat(t.longInput()).isNull();
    assertThat(t.bodyLine()).isEqualTo(4);
  }

  @Test
  void inputDefaultsToOptionalWhenTheBodyUsesIt() {
    assertThat(parse("---\ndescription: d\n---\n{{#input}}{{input}}{{/input}}\n").input())
        .isEqualTo(InputMode.OPTIONAL);
  }

  @Test
  void inputDefaultsToNoneWhenNothingUsesIt() {
    assertThat(parse("---\ndescription: d\n---\nNo input here.\n").input())
        .isEqualTo(InputMode.NONE);
  }

  @Test
  void explicitInputModeIsKept() {
    assertThat(parse("---\ndescription: d\ninput: required\n---\n{{input}}\n").input())
        .isEqualTo(InputMode.REQUIRED);
  }

  @Test
  void windowsLineEndingsAndAByteOrderMarkAreAccepted() {
    Template t = parse("\uFEFF---\r\ndescription: d\r\n---\r\nHello\r\n");

    assertThat(t.description()).isEqualTo("d");
    assertThat(t.body()).isEqualTo("Hello\n");
    assertThat(t.bodyLine()).isEqualTo(4);
  }

  @Test
  void booleanLookingDefaultsAndChoicesAreKeptAsWritten() {
    Template t =
        parse(
            """
            ---
            description: d
            variables:
              strict: {description: s, default: yes, choices: [yes, no]}
            ---
            {{strict}}
            """);

    assertThat(t.variables().get("strict").defaultValue()).isEqualTo("yes");
    assertThat(t.variables().get("strict").choices()).containsExactly("yes", "no");
  }

  @Test
  void missingFrontMatterIsAnErrorOnLine1() {
    assertThat(errorOf("Write about {{topic}}.\n"))
        .isEqualTo(
            "t.md:1: no front matter (start the file with a line '---', then description: ..."
                + " and the other settings, then a line '---' above the prompt)");
  }

  @Test
  void unclosedFrontMatterIsAnErrorOnLine1() {
    assertThat(errorOf("---\ndescription: d\nWrite.\n"))
        .isEqualTo(
            "t.md:1: the front matter opened here is never closed (add a line '---' between the"
                + " settings and the prompt)");
  }

  @Test
  void badYamlSyntaxNamesTheFileLine() {
    assertThat(errorOf("---\ndescription: d\nmodel: a: b\n---\nx\n"))
        .startsWith("t.md:3: invalid YAML: mapping values are not allowed here (check the");
  }

  @Test
  void unclosedQuoteNamesTheLineItOpenedOn() {
    assertThat(errorOf("---\ndescription: \"never closed\nmodel: m\n---\nx\n"))
        .startsWith("t.md:2: invalid YAML: while scanning a quoted scalar");
  }

  @Test
  void tabIndentationIsAYamlErrorOnItsLine() {
    assertThat(errorOf("---\ndescription: d\nvariables:\n\ttopic: {description: t}\n---\nx\n"))
        .startsWith("t.md:4: invalid YAML: ");
  }

  @Test
  void frontMatterThatIsNotAMapIsAnError() {
    assertThat(errorOf("---\n- a\n- b\n---\nx\n"))
        .isEqualTo(
            "t.md:2: the front matter is a list (write 'key: value' lines, starting with"
                + " description: ...)");
  }

  @Test
  void unknownKeySuggestsTheClosestKnownOne() {
    assertThat(errorOf("---\ndescription: d\ntemprature: 1\n---\nx\n"))
        .isEqualTo("t.md:3: unknown key 'temprature' (did you mean 'temperature'?)");
  }

  @Test
  void unknownKeyWithNothingCloseListsTheKnownKeys() {
    assertThat(errorOf("---\ndescription: d\nprompt: p\n---\nx\n"))
        .isEqualTo(
            "t.md:3: unknown key 'prompt' (known keys: description, variables, input, system,"
                + " model, n, temperature, max_tokens, long_input)");
  }

  @Test
  void unknownVariableKeySaysWhichVariable() {
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  topic:\n    description: t\n    defualt: x\n---\n{{topic}}\n"))
        .isEqualTo("t.md:6: unknown key 'defualt' in variable 'topic' (did you mean 'default'?)");
  }

  @Test
  void duplicateKeyNamesBothLines() {
    assertThat(errorOf("---\ndescription: d\nn: 2\nn: 3\n---\nx\n"))
        .isEqualTo("t.md:4: duplicate key 'n' (it is already on line 3; keep one)");
  }

  @Test
  void duplicateVariableIsAnError() {
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  a: {description: x}\n  a: {description: y}\n---\n{{a}}\n"))
        .isEqualTo("t.md:5: duplicate key 'a' under variables (it is already on line 4; keep one)");
  }

  @Test
  void nMustBeAWholeNumberInRange() {
    assertThat(errorOf("---\ndescription: d\nn: 40\n---\nx\n"))
        .isEqualTo("t.md:3: 'n' is 40 (use a whole number from 1 to 32)");
    assertThat(errorOf("---\ndescription: d\nn: three\n---\nx\n"))
        .isEqualTo("t.md:3: 'n' is \"three\" (use a whole number from 1 to 32)");
    assertThat(errorOf("---\ndescription: d\nn: 2.5\n---\nx\n"))
        .isEqualTo("t.md:3: 'n' is 2.5 (use a whole number from 1 to 32)");
    assertThat(errorOf("---\ndescription: d\nn: 99999999999999999999\n---\nx\n"))
        .isEqualTo("t.md:3: 'n' is 99999999999999999999 (use a whole number from 1 to 32)");
  }

  @Test
  void temperatureMustBeFrom0To2() {
    assertThat(errorOf("---\ndescription: d\ntemperature: 2.5\n---\nx\n"))
        .isEqualTo("t.md:3: 'temperature' is 2.5 (use a number from 0 to 2)");
    assertThat(parse("---\ndescription: d\ntemperature: 1\n---\nx\n").temperature()).isEqualTo(1.0);
  }

  @Test
  void maxTokensMustBePositive() {
    assertThat(errorOf("---\ndescription: d\nmax_tokens: 0\n---\nx\n"))
        .isEqualTo("t.md:3: 'max_tokens' is 0 (use a whole number of 1 or more)");
  }

  @Test
  void inputMustBeOneOfThreeModes() {
    assertThat(errorOf("---\ndescription: d\ninput: maybe\n---\nx\n"))
        .isEqualTo("t.md:3: 'input' is \"maybe\" (use required, optional or none)");
  }

  @Test
  void longInputMustBeAKnownStrategy() {
    assertThat(errorOf("---\ndescription: d\nlong_input: chunk\n---\nx\n"))
        .isEqualTo("t.md:3: 'long_input' is \"chunk\" (use map-reduce, refine, truncate or error)");
  }

  @Test
  void emptyValueIsAnError() {
    assertThat(errorOf("---\ndescription: d\nmodel:\n---\nx\n"))
        .isEqualTo("t.md:3: 'model' is empty (name a model, or remove the line)");
  }

  @Test
  void textKeyGivenAListIsAnError() {
    assertThat(errorOf("---\ndescription: [a, b]\n---\nx\n"))
        .isEqualTo(
            "t.md:2: 'description' is a list (write text, quoted if it contains ': ', or as a"
                + " block after 'description: |')");
  }

  @Test
  void variablesMustBeAMap() {
    assertThat(errorOf("---\ndescription: d\nvariables: [topic]\n---\nx\n"))
        .isEqualTo(
            "t.md:3: 'variables' is a list (write one 'name: {description: ...}' line per"
                + " variable under it)");
  }

  @Test
  void variableMustBeAMap() {
    assertThat(errorOf("---\ndescription: d\nvariables:\n  topic: The topic\n---\n{{topic}}\n"))
        .isEqualTo(
            "t.md:4: variable 'topic' is \"The topic\" (write it as topic: {description: ...,"
                + " default: ...})");
  }

  @Test
  void requiredMustBeTrueOrFalse() {
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  topic: {description: t, required: sure}\n---\n{{topic}}\n"))
        .isEqualTo("t.md:4: 'required' of variable 'topic' is \"sure\" (use true or false)");
  }

  @Test
  void choicesMustBeANonEmptyListWithoutRepeats() {
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  a: {description: x, choices: one}\n---\n{{a}}\n"))
        .isEqualTo("t.md:4: 'choices' of variable 'a' is \"one\" (list them: [a, b, c])");
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  a: {description: x, choices: []}\n---\n{{a}}\n"))
        .isEqualTo(
            "t.md:4: 'choices' of variable 'a' is an empty list (list the allowed values, or"
                + " remove it)");
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  a:\n    description: x\n    choices:\n      - b\n      - b\n---\n{{a}}\n"))
        .isEqualTo("t.md:8: choice \"b\" of variable 'a' is listed twice (remove one)");
  }

  @Test
  void variableNameMustBeLowercaseSnakeCase() {
    assertThat(errorOf("---\ndescription: d\nvariables:\n  Main-Topic: {description: t}\n---\nx\n"))
        .isEqualTo(
            "t.md:4: variable name 'Main-Topic' is not allowed (use lowercase letters, digits and"
                + " '_', starting with a letter, e.g. 'main_topic')");
  }

  @Test
  void inputIsReservedForTheInputText() {
    assertThat(errorOf("---\ndescription: d\nvariables:\n  input: {description: t}\n---\nx\n"))
        .startsWith("t.md:4: 'input' cannot be a variable: it holds the INPUT text");
  }

  @Test
  void variableNamedLikeACommandOptionIsAnError() {
    assertThat(errorOf("---\ndescription: d\nvariables:\n  max_tokens: {description: t}\n---\nx\n"))
        .isEqualTo(
            "t.md:4: variable 'max_tokens' clashes with draft's own --max-tokens option (rename"
                + " it, e.g. to 'max_tokens_text')");
    assertThat(errorOf("---\ndescription: d\nvariables:\n  o: {description: t}\n---\nx\n"))
        .startsWith("t.md:4: variable 'o' clashes with draft's own -o option");
  }

  @Test
  void requiredVariableWithADefaultIsAnError() {
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  topic:\n    description: t\n    required: true\n    default: x\n---\n{{topic}}\n"))
        .isEqualTo(
            "t.md:7: variable 'topic' is required and also has a default (remove one: a variable"
                + " with a default is optional)");
  }

  @Test
  void defaultOutsideTheChoicesIsAnError() {
    assertThat(
            errorOf(
                "---\ndescription: d\nvariables:\n  tone: {description: t, default: loud, choices: [warm, plain]}\n---\n{{tone}}\n"))
        .isEqualTo(
            "t.md:4: the default \"loud\" of variable 'tone' is not one of its choices (use one"
                + " of: warm, plain)");
  }

  @Test
  void emptyDefaultIsAnError() {
    assertThatThrownBy(
            () ->
                parse(
                    "---\ndescription: d\nvariables:\n  a:\n    description: x\n    default:\n---\n{{a}}\n"))
        .hasMessage(
            "t.md:6: 'default' of variable 'a' is empty (use text or a number, quoted if it"
                + " contains ': ' or starts with a special character)");
  }
}
