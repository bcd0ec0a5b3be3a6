package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped library, {@code prompts/} of the repository, as draft loads it from the class path:
 * every template lints clean and renders, and every command template has an example.
 */
class PromptLibraryTest {
  /** The repository's prompts folder (Maven runs tests in the module root). */
  private static final Path PROMPTS = Path.of("prompts");

  private static final Path EXAMPLES_README = Path.of("examples", "README.md");
  private static final String INPUT = "INPUT-TEXT: the river rose; the weir held.";

  static List<String> shipped() throws IOException {
    try (Stream<Path> files = Files.list(PROMPTS)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".md"))
          .map(name -> name.substring(0, name.length() - ".md".length()))
          .sorted()
          .toList();
    }
  }

  private static Template builtIn(String name) {
    TemplateRef ref = TemplateLibrary.discover(null, null).find(name).orElseThrow();
    assertThat(ref.source()).isEqualTo(Source.BUILTIN);
    assertThat(ref.location()).isEqualTo("prompts/" + name + ".md (built-in)");
    return ref.load();
  }

  /** A value for every variable, each one recognisable in the output. */
  private static Map<String, String> everyVariable(Template template) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Variable variable : template.variables().values()) {
      List<String> choices = variable.choices();
      values.put(
          variable.name(),
          choices.isEmpty() ? "VALUE-OF-" + variable.name() : choices.get(choices.size() - 1));
    }
    return values;
  }

  /** Only the required variables: the rest take their defaults or are left out. */
  private static Map<String, String> requiredOnly(Template template) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Variable variable : template.variables().values()) {
      if (variable.required()) {
        values.put(variable.name(), "VALUE-OF-" + variable.name());
      }
    }
    return values;
  }

  private static String both(Rendered rendered) {
    return (rendered.system() == null ? "" : rendered.system() + "\n") + rendered.user();
  }

  private static void assertNoTagsLeft(Rendered rendered) {
    assertThat(both(rendered)).doesNotContain("{{", "}}");
  }

  @Test
  void theLibraryHasTheTemplatesTheIssueAsksFor() throws IOException {
    assertThat(shipped())
        .contains(
            "_angles",
            "article",
            "outline",
            "headline",
            "intro",
            "expand",
            "story-outline",
            "scene",
            "continue",
            "summarize",
            "tldr",
            "key-points",
            "rewrite",
            "polish",
            "simplify",
            "translate");
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void shippedTemplateIsTheBuiltInOfThatNameAndLintsClean(String name) throws IOException {
    Template template = builtIn(name);

    assertThat(template.text())
        .isEqualTo(Files.readString(PROMPTS.resolve(name + ".md"), StandardCharsets.UTF_8));
    assertThat(TemplateLint.problems(template)).isEmpty();
    assertThat(template.description()).isNotBlank();
    assertThat(template.variables().values())
        .allSatisfy(v -> assertThat(v.description()).isNotBlank());
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void shippedTemplateRendersEveryVariableItIsGiven(String name) {
    Template template = builtIn(name);
    Map<String, String> values = TemplateValues.resolve(template, everyVariable(template));
    String input = template.input() == InputMode.NONE ? null : INPUT;

    Rendered rendered = TemplateRenderer.render(template, values, input);

    assertThat(rendered.user()).isNotBlank();
    assertNoTagsLeft(rendered);
    // Every declared variable is used, so every value given shows up in a message.
    assertThat(both(rendered)).contains(values.values());
    if (input != null) {
      assertThat(rendered.user()).contains(INPUT);
    }
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void shippedTemplateRendersWithOnlyItsRequiredVariables(String name) {
    Template template = builtIn(name);
    Map<String, String> values = TemplateValues.resolve(template, requiredOnly(template));

    if (template.input() != InputMode.REQUIRED) {
      Rendered withoutInput = TemplateRenderer.render(template, values, null);

      assertThat(withoutInput.user()).isNotBlank();
      assertNoTagsLeft(withoutInput);
      assertThat(both(withoutInput)).doesNotContain(INPUT);
    }
    if (template.input() != InputMode.NONE) {
      Rendered withInput = TemplateRenderer.render(template, values, INPUT);

      assertThat(withInput.user()).isNotBlank().contains(INPUT);
      assertNoTagsLeft(withInput);
    }
    // Defaults fill in what was not given.
    Rendered any = TemplateRenderer.render(template, values, INPUT);
    for (Variable variable : template.variables().values()) {
      if (variable.defaultValue() != null) {
        assertThat(both(any)).contains(variable.defaultValue());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void shippedTemplateWithRequiredVariablesRefusesToRunWithoutThem(String name) {
    Template template = builtIn(name);
    List<String> required =
        template.variables().values().stream()
            .filter(Variable::required)
            .map(Variable::optionName)
            .toList();

    if (required.isEmpty()) {
      assertThat(TemplateValues.resolve(template, Map.of()).keySet())
          .isSubsetOf(template.variables().keySet());
      return;
    }
    assertThatThrownBy(() -> TemplateValues.resolve(template, Map.of()))
        .isInstanceOf(TemplateUsageException.class)
        .hasMessageContainingAll(required.toArray(String[]::new));
  }

  @Test
  void everyCommandTemplateHasAnExampleInTheExamplesReadme() throws IOException {
    String readme = Files.readString(EXAMPLES_README, StandardCharsets.UTF_8);

    for (String name : shipped()) {
      if (name.startsWith("_")) {
        continue;
      }
      assertThat(Pattern.compile("draft " + Pattern.quote(name) + "(\\s|$)").matcher(readme).find())
          .as("examples/README.md shows `draft %s`", name)
          .isTrue();
    }
  }

  @Test
  void examplesTheReadmeNamesExist() throws IOException {
    String readme = Files.readString(EXAMPLES_README, StandardCharsets.UTF_8);
    var used = Pattern.compile("examples/([\\w.-]+)").matcher(readme);

    while (used.find()) {
      assertThat(Path.of("examples", used.group(1))).as("examples/%s", used.group(1)).exists();
    }
  }
}
