package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateImporterTest {
  // Written for these tests: a pattern in fabric's layout, with a literal "{{" in it.
  private static final String SYSTEM_MD =
      """
      # IDENTITY and PURPOSE

      You turn meeting notes into a short memo. Every decision keeps its owner.

      # OUTPUT

      - Start with the decisions.
      - Keep {{placeholders}} in the notes exactly as written.
      """;

  @TempDir Path temp;

  private static Template load(TemplateImporter.Imported imported) {
    return TemplateLoader.load(
        imported.name(), Source.USER, imported.name() + ".md", imported.text());
  }

  private Path pattern(String folder, String system, String user) throws IOException {
    Path dir = Files.createDirectories(temp.resolve(folder));
    Files.writeString(dir.resolve("system.md"), system);
    if (user != null) {
      Files.writeString(dir.resolve("user.md"), user);
    }
    return dir;
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text);
  }

  @Test
  void fabricPatternSendsSystemMdAsTheSystemMessageAndTheInputAsTheUserMessage()
      throws IOException {
    TemplateImporter.Imported imported =
        TemplateImporter.read(pattern("memo", SYSTEM_MD, null), null);

    Template template = load(imported);
    assertThat(imported.name()).isEqualTo("memo");
    assertThat(template.input()).isEqualTo(InputMode.REQUIRED);
    assertThat(template.variables()).isEmpty();
    assertThat(TemplateLint.problems(template)).isEmpty();
    Rendered rendered = TemplateRenderer.render(template, Map.of(), "Notes: ship on Friday.");
    assertThat(rendered.system()).isEqualTo(SYSTEM_MD.strip());
    assertThat(rendered.user()).isEqualTo("Notes: ship on Friday.");
  }

  @Test
  void fabricDescriptionSkipsSectionLabelsForTheFirstSentence() throws IOException {
    Template template = load(TemplateImporter.read(pattern("memo", SYSTEM_MD, null), null));

    assertThat(template.description()).isEqualTo("You turn meeting notes into a short memo.");
  }

  @Test
  void fabricDescriptionUsesAHeadingThatSaysWhatThePatternDoes() throws IOException {
    Path dir = pattern("memo", "# Memo from meeting notes\n\nYou write memos.\n", null);

    assertThat(load(TemplateImporter.read(dir, null)).description())
        .isEqualTo("Memo from meeting notes");
  }

  @Test
  void fabricLongFirstSentenceIsShortenedToOneLine() throws IOException {
    String sentence = "You write " + "very ".repeat(40) + "long memos.";
    Path dir = pattern("memo", sentence + "\nAnother sentence.\n", null);

    String description = load(TemplateImporter.read(dir, null)).description();
    assertThat(description).hasSizeLessThanOrEqualTo(100).endsWith("...").doesNotContain("\n");
  }

  @Test
  void fabricUserMdComesBeforeTheInput() throws IOException {
    Path dir = pattern("memo", SYSTEM_MD, "Here are the notes, {{ raw }}:\n");

    Template template = load(TemplateImporter.read(dir, null));

    assertThat(TemplateRenderer.render(template, Map.of(), "NOTES").user())
        .isEqualTo("Here are the notes, {{ raw }}:\n\nNOTES");
  }

  @Test
  void fabricFolderNameBecomesAValidTemplateNameWithANote() throws IOException {
    TemplateImporter.Imported imported =
        TemplateImporter.read(pattern("Summarize_Meeting", SYSTEM_MD, null), null);

    assertThat(imported.name()).isEqualTo("summarize-meeting");
    assertThat(imported.notes())
        .contains("named it summarize-meeting after the folder name Summarize_Meeting");
  }

  @Test
  void fabricSystemMdPathIsTakenForItsFolder() throws IOException {
    Path dir = pattern("memo", SYSTEM_MD, null);

    assertThat(TemplateImporter.read(dir.resolve("system.md"), "minutes").name())
        .isEqualTo("minutes");
  }

  @Test
  void llmTemplateBecomesVariablesWithDefaultsAndRendersTheSameText() throws IOException {
    Path yaml =
        file(
            "brief.yaml",
            """
            system: You write briefs for ${audience}. Prices are in $$.
            prompt: |
              Write about $topic in a ${tone}ish voice: {{ keep }} and {$topic}.
              It costs $$5.

              $input
            model: gpt-4o-mini
            defaults:
              topic: river restoration
              tone: plain
            """);

    TemplateImporter.Imported imported = TemplateImporter.read(yaml, null);
    Template template = load(imported);

    assertThat(imported.name()).isEqualTo("brief");
    assertThat(TemplateLint.problems(template)).isEmpty();
    assertThat(template.input()).isEqualTo(InputMode.REQUIRED);
    assertThat(template.model()).isEqualTo("gpt-4o-mini");
    assertThat(template.variables())
        .containsExactly(
            Map.entry(
                "topic",
                new Variable(
                    "topic", "imported from llm template", "river restoration", false, null)),
            Map.entry(
                "tone", new Variable("tone", "imported from llm template", "plain", false, null)),
            Map.entry(
                "audience",
                new Variable("audience", "imported from llm template", null, true, null)));
    Map<String, String> values = TemplateValues.resolve(template, Map.of("audience", "editors"));
    Rendered rendered = TemplateRenderer.render(template, values, "NOTES");
    assertThat(rendered.system()).isEqualTo("You write briefs for editors. Prices are in $.");
    assertThat(rendered.user())
        .isEqualTo(
            "Write about river restoration in a plainish voice: {{ keep }} and {river"
                + " restoration}.\nIt costs $5.\n\nNOTES");
    assertThat(imported.notes()).anyMatch(n -> n.startsWith("literal {{ braces are kept"));
  }

  @Test
  void llmTemplateWithoutInputTakesNone() {
    TemplateImporter.Imported imported =
        TemplateImporter.llm("haiku", "haiku", "haiku.yaml", "prompt: A haiku about $subject\n");

    Template template = load(imported);
    assertThat(template.input()).isEqualTo(InputMode.NONE);
    assertThat(
            TemplateRenderer.render(
                    template, TemplateValues.resolve(template, Map.of("subject", "rain")), null)
                .user())
        .isEqualTo("A haiku about rain");
  }

  @Test
  void llmTemplateWithoutPromptSendsTheInputAsThePrompt() {
    Template template =
        load(TemplateImporter.llm("fr", "fr", "fr.yaml", "system: Translate into French.\n"));

    assertThat(template.input()).isEqualTo(InputMode.REQUIRED);
    Rendered rendered = TemplateRenderer.render(template, Map.of(), "Good morning");
    assertThat(rendered.system()).isEqualTo("Translate into French.");
    assertThat(rendered.user()).isEqualTo("Good morning");
  }

  @Test
  void llmTemplateThatIsOnlyAStringIsThePrompt() {
    Template template =
        load(TemplateImporter.llm("sum", "sum", "sum.yaml", "'Summarize this: $input'\n"));

    assertThat(TemplateRenderer.render(template, Map.of(), "TEXT").user())
        .isEqualTo("Summarize this: TEXT");
  }

  @Test
  void llmKeysDraftDoesNotHaveAreDroppedWithNotesAndTemperatureIsKept() {
    TemplateImporter.Imported imported =
        TemplateImporter.llm(
            "py",
            "py",
            "py.yaml",
            """
            prompt: Write a Python function that $task
            extract: true
            schema_object: {type: object}
            options: {temperature: 0.4, top_p: 0.9}
            defaults: {task: reverses a string, unused: 1}
            """);

    Template template = load(imported);
    assertThat(template.temperature()).isEqualTo(0.4);
    assertThat(imported.notes())
        .contains(
            "dropped 'extract': draft templates have no such setting",
            "dropped 'schema_object': draft templates have no such setting",
            "dropped option 'top_p': draft templates have no such setting",
            "dropped the default for 'unused': the template does not use $unused");
  }

  @Test
  void llmVariableNamedLikeADraftOptionOrInCapitalsIsRenamed() {
    TemplateImporter.Imported imported =
        TemplateImporter.llm(
            "ask", "ask", "ask.yaml", "prompt: Ask $model about $Topic and $n things\n");

    Template template = load(imported);
    assertThat(template.variables().keySet()).containsExactly("model_text", "topic", "n_text");
    assertThat(template.body().strip())
        .isEqualTo("Ask {{model_text}} about {{topic}} and {{n_text}} things");
    assertThat(imported.notes())
        .contains(
            "$model is {{model_text}} here (draft's own --model option has its name)",
            "$Topic is {{topic}} here (draft variable names are lowercase)");
  }

  @Test
  void strayDollarIsKeptAsTextWithANote() {
    TemplateImporter.Imported imported =
        TemplateImporter.llm("d", "d", "d.yaml", "prompt: Costs $ 5 or ${not valid}\n");

    assertThat(TemplateRenderer.render(load(imported), Map.of(), null).user())
        .isEqualTo("Costs $ 5 or ${not valid}");
    assertThat(imported.notes()).anyMatch(n -> n.startsWith("a '$' that starts no variable"));
  }

  @Test
  void bracesAroundVariablesRenderAsWritten() {
    Template template =
        load(
            TemplateImporter.llm(
                "b", "b", "b.yaml", "prompt: '{{$x}} {$x} {{{$x}}} $x}} {{{{ end {'\n"));

    assertThat(
            TemplateRenderer.render(
                    template, TemplateValues.resolve(template, Map.of("x", "V")), null)
                .user())
        .isEqualTo("{{V}} {V} {{{V}}} V}} {{{{ end {");
  }

  @Test
  void aFileThatIsNeitherIsAUsageErrorSayingWhatImportTakes() throws IOException {
    Path text = file("notes.txt", "hello");

    assertThatThrownBy(() -> TemplateImporter.read(text, null))
        .isInstanceOf(TemplateUsageException.class)
        .hasMessageContaining("fabric pattern folder")
        .hasMessageContaining("llm template file (.yaml or .yml)");
    assertThatThrownBy(() -> TemplateImporter.read(temp, null))
        .isInstanceOf(TemplateUsageException.class)
        .hasMessageContaining("a folder without system.md");
  }

  @Test
  void yamlWithoutPromptOrSystemIsNotAnLlmTemplate() throws IOException {
    Path yaml = file("config.yaml", "profiles: {}\n");

    assertThatThrownBy(() -> TemplateImporter.read(yaml, null))
        .isInstanceOf(TemplateUsageException.class)
        .hasMessageContaining("is not an llm template");
  }

  @Test
  void invalidYamlNamesTheFileAndLine() throws IOException {
    Path yaml = file("bad.yaml", "prompt: fine\nsystem: [unclosed\n");

    assertThatThrownBy(() -> TemplateImporter.read(yaml, null))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(yaml + ":")
        .hasMessageContaining("invalid YAML");
  }

  @Test
  void literalKeepsBracesThatCouldOpenATag() {
    assertThat(LiteralText.of("a { b", false)).isEqualTo("a { b");
    assertThat(LiteralText.of("a {{ b", false)).isEqualTo("a {{=<% %>=}}{{<%={{ }}=%> b");
    assertThat(LiteralText.of("a {", true)).isEqualTo("a {{=<% %>=}}{<%={{ }}=%>");
  }
}
