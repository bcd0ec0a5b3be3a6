package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.draft.session.Context;
import dev.draft.template.Source;
import dev.draft.template.TemplateLoader;
import dev.draft.ui.FakeEditor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class TemplatesCommandTest {
  private static final String CLEAN =
      """
      ---
      description: A memo from meeting notes
      variables:
        tone: {description: How it sounds, default: plain, choices: [plain, warm]}
      input: required
      ---
      Write a {{tone}} memo from these notes:
      {{input}}
      """;
  private static final String BROKEN = "---\ndescription: Broken on purpose\nmodle: x\n---\nHi\n";

  @TempDir Path home;
  @TempDir Path temp;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  private Path prompts() {
    return home.resolve("prompts");
  }

  private Path userTemplate(String name, String text) throws IOException {
    Files.createDirectories(prompts());
    return Files.writeString(prompts().resolve(name + ".md"), text);
  }

  private static String builtin(String name) throws IOException {
    try (InputStream in =
        TemplatesCommandTest.class
            .getClassLoader()
            .getResourceAsStream("prompts/" + name + ".md")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\n"));
  }

  /** Runs in {@code cwd}, where {@code .draft/prompts} holds the project's templates. */
  private CliHarness.Result runIn(Path cwd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context context =
        Context.builder(new PrintWriter(out), new PrintWriter(err))
            .env(Map.of("DRAFT_HOME", home.toString()))
            .cwd(cwd)
            .build();
    int code = new Cli(context).run(args);
    return new CliHarness.Result(code, out.toString(), err.toString());
  }

  @Nested
  class Listing {
    @Test
    void everyTemplateWithItsDescriptionAndSourceToolPromptsLast() {
      CliHarness.Result result = cli.run("templates", "list");

      assertThat(result.exitCode()).isZero();
      assertThat(result.err()).isEmpty();
      List<String> lines = lines(result.out());
      assertThat(lines)
          .anySatisfy(
              l -> assertThat(l).matches("article +A full article draft from a topic.* +built-in"));
      int heading = lines.indexOf("tool prompts (overridable):");
      assertThat(heading).isPositive();
      assertThat(lines.get(heading - 1)).isEmpty();
      assertThat(lines.subList(heading + 1, lines.size()))
          .allSatisfy(l -> assertThat(l).endsWith("built-in"))
          .extracting(l -> l.substring(0, l.indexOf(' ')))
          .containsExactly("_angles", "_judge", "_map", "_merge", "_reduce", "_refine");
      assertThat(lines.subList(0, heading)).noneMatch(l -> l.startsWith("_"));
    }

    @Test
    void columnsAreAligned() {
      List<String> rows =
          lines(cli.run("templates", "list").out()).stream()
              .filter(l -> l.endsWith("built-in"))
              .toList();

      assertThat(rows).hasSizeGreaterThan(10);
      int descriptions = rows.stream().mapToInt(l -> l.indexOf(' ')).max().orElseThrow() + 2;
      assertThat(rows)
          .allSatisfy(l -> assertThat(l.substring(descriptions - 2, descriptions)).isBlank())
          .allSatisfy(l -> assertThat(l.charAt(descriptions)).isNotEqualTo(' '));
      assertThat(rows.stream().map(l -> l.lastIndexOf("  built-in")).distinct()).hasSize(1);
    }

    @Test
    void aUserTemplateSaysWhatItOverrides() throws IOException {
      userTemplate("tldr", CLEAN);
      userTemplate("memo", CLEAN);

      List<String> lines = lines(cli.run("templates", "list").out());

      assertThat(lines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .matches("tldr +A memo from meeting notes +user, overrides built-in"))
          .anySatisfy(l -> assertThat(l).matches("memo +A memo from meeting notes +user"));
    }

    @Test
    void aBrokenTemplateIsListedWithWhyAndTheRestStillWork() throws IOException {
      Path bad = userTemplate("bad", BROKEN);

      CliHarness.Result result = cli.run("templates", "list");

      assertThat(result.exitCode()).isZero();
      assertThat(lines(result.out()))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("bad ")
                      .contains("(broken: " + bad + ":3: unknown key 'modle'")
                      .endsWith(" user"))
          .anySatisfy(l -> assertThat(l).startsWith("article "));
    }

    @Test
    void jsonHasNameDescriptionSourceLocationAndBroken() throws IOException {
      Path bad = userTemplate("bad", BROKEN);
      userTemplate("tldr", CLEAN);

      CliHarness.Result result = cli.run("templates", "list", "--json");

      assertThat(result.exitCode()).isZero();
      JsonNode array = new ObjectMapper().readTree(result.out());
      assertThat(array.isArray()).isTrue();
      JsonNode article = find(array, "article");
      assertThat(article.get("description").asText()).startsWith("A full article draft");
      assertThat(article.get("source").asText()).isEqualTo("built-in");
      assertThat(article.get("location").asText()).isEqualTo("prompts/article.md (built-in)");
      assertThat(article.get("broken").isNull()).isTrue();
      JsonNode broken = find(array, "bad");
      assertThat(broken.get("broken").asText()).startsWith(bad + ":3: unknown key 'modle'");
      assertThat(broken.get("location").asText()).isEqualTo(bad.toString());
      JsonNode tldr = find(array, "tldr");
      assertThat(tldr.get("source").asText()).isEqualTo("user");
      assertThat(tldr.get("overrides").get(0).asText()).isEqualTo("built-in");
      assertThat(find(array, "_angles")).isNotNull();
    }

    private JsonNode find(JsonNode array, String name) {
      for (JsonNode node : array) {
        if (node.get("name").asText().equals(name)) {
          return node;
        }
      }
      throw new AssertionError("no " + name + " in " + array);
    }

    @Test
    void aProjectTemplateOverridesTheUserOneAndTheBuiltIn() throws IOException {
      userTemplate("tldr", CLEAN);
      Path project = Files.createDirectories(temp.resolve(".draft/prompts"));
      Files.writeString(project.resolve("tldr.md"), CLEAN);

      CliHarness.Result result = runIn(temp, "templates", "list");

      assertThat(lines(result.out()))
          .anySatisfy(l -> assertThat(l).endsWith(" project, overrides built-in, user"));
    }
  }

  @Nested
  class Show {
    @Test
    void locationVariablesSettingsThenTheFile() throws IOException {
      CliHarness.Result result = cli.run("templates", "show", "summarize");

      assertThat(result.exitCode()).isZero();
      String out = result.out();
      assertThat(out)
          .startsWith(
              """
              name:         summarize
              description:  A faithful summary of a text, as prose, bullets or a TL;DR
              location:     prompts/summarize.md (built-in)
              source:       built-in
              input:        required (files or stdin)
              temperature:  0.3
              long_input:   map-reduce
              variables:
              """);
      assertThat(lines(out))
          .anySatisfy(
              l -> assertThat(l).matches("  length +--length +default: 250 +Target length.*"))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .matches(
                          "  form +--form +default: prose +Shape of the summary \\(one of: prose,"
                              + " bullets, tldr\\)"));
      assertThat(out).endsWith("\n\n" + builtin("summarize"));
    }

    @Test
    void worksForAToolPrompt() {
      CliHarness.Result result = cli.run("templates", "show", "_angles");

      assertThat(result.exitCode()).isZero();
      assertThat(lines(result.out()))
          .contains("input:        none")
          .anySatisfy(l -> assertThat(l).matches("  task +--task +required +The full prompt.*"));
    }

    @Test
    void saysWhatAUserTemplateOverrides() throws IOException {
      Path file = userTemplate("tldr", CLEAN);

      CliHarness.Result result = cli.run("templates", "show", "tldr");

      assertThat(lines(result.out()))
          .contains(
              "location:     " + file,
              "source:       user, overrides built-in",
              "overrides:    prompts/tldr.md (built-in)",
              "input:        required (files or stdin)");
      assertThat(result.out()).endsWith("\n\n" + CLEAN);
    }

    @Test
    void anUnknownNameIsAUsageErrorWithDidYouMean() {
      CliHarness.Result result = cli.run("templates", "show", "artcle");

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .isEqualTo(
              "draft: no template named 'artcle' (did you mean 'article'?); 'draft templates list'"
                  + " shows them\n");
    }

    @Test
    void aBrokenTemplateShowsItsFileThenFailsWithTheProblem() throws IOException {
      Path bad = userTemplate("bad", BROKEN);

      CliHarness.Result result = cli.run("templates", "show", "bad");

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.out()).contains("location:     " + bad).endsWith(BROKEN);
      assertThat(result.err()).startsWith("draft: " + bad + ":3: unknown key 'modle'");
    }
  }

  @Nested
  class New {
    @Test
    void writesASkeletonThatLoadsAndPrintsItsPath() throws IOException {
      CliHarness.Result result = cli.run("templates", "new", "memo");

      Path file = prompts().resolve("memo.md");
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo(file + "\n");
      assertThat(result.err()).contains("not on a terminal, so no editor was opened");
      TemplateLoader.load("memo", Source.USER, file.toString(), Files.readString(file));
      assertThat(cli.run("templates", "lint", "memo").out()).isEqualTo("ok memo\n");
    }

    @Test
    void refusesToOverwrite() throws IOException {
      Path file = userTemplate("memo", CLEAN);

      CliHarness.Result result = cli.run("templates", "new", "memo");

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .isEqualTo(
              "draft: " + file + " already exists (change it with 'draft templates edit memo')\n");
      assertThat(Files.readString(file)).isEqualTo(CLEAN);
    }

    @Test
    void refusesNamesThatCannotBeCommands() {
      CliHarness.Result upper = cli.run("templates", "new", "My_Memo");
      CliHarness.Result reserved = cli.run("templates", "new", "_angles");
      CliHarness.Result dash = cli.run("templates", "new", "--", "-memo");

      assertThat(upper.exitCode()).isEqualTo(2);
      assertThat(upper.err())
          .isEqualTo(
              "draft: 'My_Memo' cannot be a template name: use lowercase letters, digits and '-',"
                  + " starting with a letter or digit (e.g. 'my-memo')\n");
      assertThat(reserved.exitCode()).isEqualTo(2);
      assertThat(reserved.err()).contains("'draft templates edit _angles'");
      assertThat(dash.exitCode()).isEqualTo(2);
      assertThat(prompts()).doesNotExist();
    }

    @Test
    void warnsWhenTheNameIsACommandOrABuiltInTemplate() {
      CliHarness.Result command = cli.run("templates", "new", "models");
      CliHarness.Result builtin = cli.run("templates", "new", "tldr");

      assertThat(command.exitCode()).isZero();
      assertThat(command.err())
          .contains(
              "draft: 'models' is also a draft command, so run this template with 'draft run models'");
      assertThat(builtin.exitCode()).isZero();
      assertThat(builtin.err())
          .contains("draft: the new tldr overrides the built-in one ('draft templates edit tldr'");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void onATerminalOpensTheEditorThenLints() throws IOException {
      FakeEditor editor = FakeEditor.write(temp, "Keep it under 200 words.", 0);
      cli.env("VISUAL", editor.command("--wait")).terminals(true, true, true);

      CliHarness.Result result = cli.run("templates", "new", "memo");

      Path file = prompts().resolve("memo.md");
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo(file + "\nok\n");
      assertThat(editor.arguments()).containsExactly("--wait", file.toString());
      assertThat(Files.readString(file)).endsWith("{{/input}}\nKeep it under 200 words.\n");
    }
  }

  @Nested
  @DisabledOnOs(OS.WINDOWS)
  class Edit {
    @Test
    void aBuiltInIsCopiedToTheUserFolderFirstThenEditedAndLinted() throws IOException {
      FakeEditor editor = FakeEditor.write(temp, "Keep it friendly.", 0);
      cli.env("VISUAL", editor.command("")).terminals(true, true, false);

      CliHarness.Result result = cli.run("templates", "edit", "tldr");

      Path copy = prompts().resolve("tldr.md");
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo("ok\n");
      assertThat(result.err())
          .isEqualTo(
              "draft: copied the built-in tldr to "
                  + copy
                  + "; your copy overrides it (delete the copy to go back)\n");
      assertThat(editor.arguments()).containsExactly(copy.toString());
      assertThat(Files.readString(copy)).isEqualTo(builtin("tldr") + "Keep it friendly.\n");
      assertThat(cli.run("templates", "list").out()).contains("user, overrides built-in");
    }

    @Test
    void problemsAfterTheEditorClosesAreListedWithExit3() throws IOException {
      Path file = userTemplate("memo", CLEAN);
      FakeEditor editor = FakeEditor.write(temp, "Sign it {{sender}}.", 0);
      cli.env("VISUAL", editor.command("")).terminals(true, true, false);

      CliHarness.Result result = cli.run("templates", "edit", "memo");

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.out())
          .isEqualTo(
              file + ":9: {{sender}} is not a declared variable (declare it under variables)\n");
      assertThat(result.err())
          .isEqualTo("draft: memo has 1 problem; fix it with 'draft templates edit memo'\n");
    }

    @Test
    void aUserTemplateIsEditedInPlaceAndANonZeroEditorExitIsReported() throws IOException {
      Path file = userTemplate("memo", CLEAN);
      FakeEditor editor = FakeEditor.write(temp, "", 1);
      cli.env("EDITOR", editor.command("")).terminals(true, true, false);

      CliHarness.Result result = cli.run("templates", "edit", "memo");

      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo("ok\n");
      assertThat(result.err())
          .isEqualTo("draft: the editor exited with 1; checking the file anyway\n");
      assertThat(editor.arguments()).containsExactly(file.toString());
    }

    @Test
    void aProjectTemplateIsEditedWhereItIs() throws IOException {
      Path project = Files.createDirectories(temp.resolve("repo/.draft/prompts"));
      Path file = Files.writeString(project.resolve("memo.md"), CLEAN);

      CliHarness.Result result = runIn(temp.resolve("repo"), "templates", "edit", "memo");

      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo(file + "\n");
      assertThat(prompts()).doesNotExist();
    }

    @Test
    void withoutATerminalTheCopyIsMadeAndItsPathPrinted() {
      CliHarness.Result result = cli.run("templates", "edit", "_angles");

      Path copy = prompts().resolve("_angles.md");
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo(copy + "\n");
      assertThat(result.err())
          .contains("copied the built-in _angles")
          .contains(
              "draft: not on a terminal, so no editor was opened; edit the file, then check it"
                  + " with 'draft templates lint _angles'\n");
      assertThat(copy).exists();
    }

    @Test
    void aMissingEditorNamesTheVariableToFix() throws IOException {
      userTemplate("memo", CLEAN);
      cli.env("VISUAL", temp.resolve("no editor here") + " -w").terminals(true, true, false);

      CliHarness.Result result = cli.run("templates", "edit", "memo");

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .startsWith("draft: the editor '" + temp.resolve("no") + "' from $VISUAL does not exist");
    }

    @Test
    void anUnknownNameSaysHowToCreateOne() {
      CliHarness.Result result = cli.run("templates", "edit", "memo");

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .isEqualTo("draft: no template named 'memo'; 'draft templates new memo' creates one\n");
    }
  }

  @Nested
  class Lint {
    @Test
    void withoutArgumentsEveryTemplateIsChecked() {
      CliHarness.Result result = cli.run("templates", "lint");

      assertThat(result.exitCode()).isZero();
      assertThat(lines(result.out())).contains("ok _angles", "ok article", "ok summarize");
      assertThat(result.err()).isEmpty();
    }

    @Test
    void everyProblemIsListedWithExit3() throws IOException {
      Path bad =
          userTemplate(
              "bad",
              "---\ndescription: d\nvariables:\n  audience: {description: A}\n---\n{{subject}}\n");

      CliHarness.Result result = cli.run("templates", "lint");

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(lines(result.out()))
          .contains(
              "ok article",
              bad
                  + ":4: variable 'audience' is declared but never used (put {{audience}} in the"
                  + " prompt or the system message, or remove it)",
              bad + ":6: {{subject}} is not a declared variable (declare it under variables)");
      assertThat(result.err()).isEqualTo("draft: 2 problems in 1 template\n");
    }

    @Test
    void aFileArgumentIsCheckedAsAFileNamedByItsStem() throws IOException {
      Path file = Files.writeString(temp.resolve("memo.md"), CLEAN);
      Path broken = Files.writeString(temp.resolve("other.md"), BROKEN);

      CliHarness.Result result =
          cli.run("templates", "lint", file.toString(), "tldr", broken.toString());

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.out())
          .isEqualTo(
              "ok memo\nok tldr\n" + broken + ":3: unknown key 'modle' (did you mean 'model'?)\n");
    }

    @Test
    void anUnknownNameOrMissingFileIsAUsageErrorBeforeAnythingIsChecked() {
      CliHarness.Result name = cli.run("templates", "lint", "article", "sumarize");
      CliHarness.Result file = cli.run("templates", "lint", "drafts/none.md");

      assertThat(name.exitCode()).isEqualTo(2);
      assertThat(name.out()).isEmpty();
      assertThat(name.err()).contains("no template named 'sumarize' (did you mean 'summarize'?)");
      assertThat(file.exitCode()).isEqualTo(2);
      assertThat(file.err()).isEqualTo("draft: no such file: drafts/none.md\n");
    }
  }

  @Test
  void pathListsTheFoldersInLookupOrderMarkingMissingOnes() throws IOException {
    Path project = temp.resolve(".draft/prompts");

    CliHarness.Result before = runIn(temp, "templates", "path");
    Files.createDirectories(prompts());
    CliHarness.Result after = runIn(temp, "templates", "path");

    assertThat(before.exitCode()).isZero();
    assertThat(before.out())
        .isEqualTo(
            "built-in  (inside the jar)\n"
                + "user      "
                + prompts()
                + "  (does not exist)\n"
                + "project   "
                + project
                + "  (does not exist)\n");
    assertThat(lines(after.out())).contains("user      " + prompts());
  }

  @Nested
  class Import {
    private Path pattern() throws IOException {
      Path dir = Files.createDirectories(temp.resolve("Meeting_Memo"));
      Files.writeString(
          dir.resolve("system.md"),
          "# IDENTITY\n\nYou write memos from meeting notes. Short ones.\n");
      return dir;
    }

    @Test
    void aFabricFolderBecomesAUserTemplate() throws IOException {
      CliHarness.Result result = cli.run("templates", "import", pattern().toString());

      Path file = prompts().resolve("meeting-memo.md");
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo(file + "\n");
      assertThat(result.err())
          .isEqualTo("draft: note: named it meeting-memo after the folder name Meeting_Memo\n");
      assertThat(cli.run("templates", "lint", "meeting-memo").out()).isEqualTo("ok meeting-memo\n");
      assertThat(cli.run("templates", "list").out())
          .contains("You write memos from meeting notes.");
    }

    @Test
    void anLlmTemplateWithANameRefusesToOverwriteWithoutForce() throws IOException {
      Path yaml =
          Files.writeString(
              temp.resolve("brief.yaml"),
              "prompt: Brief on $topic\ndefaults: {topic: rivers}\nextract: true\n");

      CliHarness.Result first = cli.run("templates", "import", yaml.toString(), "--name", "brief");
      CliHarness.Result again = cli.run("templates", "import", yaml.toString(), "--name", "brief");
      CliHarness.Result forced =
          cli.run("templates", "import", yaml.toString(), "--name", "brief", "--force");

      Path file = prompts().resolve("brief.md");
      assertThat(first.exitCode()).isZero();
      assertThat(first.out()).isEqualTo(file + "\n");
      assertThat(first.err())
          .isEqualTo("draft: note: dropped 'extract': draft templates have no such setting\n");
      assertThat(again.exitCode()).isEqualTo(2);
      assertThat(again.err())
          .isEqualTo(
              "draft: "
                  + file
                  + " already exists (add --force to replace it, or choose a name with --name)\n");
      assertThat(forced.exitCode()).isZero();
      assertThat(cli.run("templates", "show", "brief").out())
          .contains("  topic  --topic  default: rivers  imported from llm template");
    }

    @Test
    void somethingElseIsAUsageErrorSayingWhatItTakes() throws IOException {
      Path text = Files.writeString(temp.resolve("notes.txt"), "hello");

      CliHarness.Result result = cli.run("templates", "import", text.toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .isEqualTo(
              "draft: cannot import "
                  + text
                  + ": draft templates import takes a fabric pattern folder (one with system.md)"
                  + " or an llm template file (.yaml or .yml)\n");
      assertThat(prompts()).doesNotExist();
    }

    @Test
    void aBadNameOrBadYamlFailsWithoutWriting() throws IOException {
      Path yaml = Files.writeString(temp.resolve("bad.yaml"), "prompt: [unclosed\n");

      CliHarness.Result badYaml = cli.run("templates", "import", yaml.toString());
      CliHarness.Result badName =
          cli.run("templates", "import", pattern().toString(), "--name", "Memo Two");

      assertThat(badYaml.exitCode()).isEqualTo(3);
      assertThat(badYaml.err()).startsWith("draft: " + yaml + ":").contains("invalid YAML");
      assertThat(badName.exitCode()).isEqualTo(2);
      assertThat(badName.err()).contains("'Memo Two' cannot be a template name");
      assertThat(prompts()).doesNotExist();
    }
  }

  @Test
  void withoutASubcommandPrintsItsUsage() {
    CliHarness.Result result = cli.run("templates");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: draft templates", "list", "import");
  }
}
