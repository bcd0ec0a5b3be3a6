package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a template command comes from (built-in, user, project), {@code draft run}, broken
 * templates, and the help that lists templates and their variables.
 */
class TemplateLookupTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  @TempDir Path temp;
  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();
  Path project;

  @BeforeEach
  void setUp() throws IOException {
    project = Files.createDirectories(temp.resolve("project"));
    cli.cwd(project);
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Answered.", 9, 3))));
  }

  private CliHarness.Result draft(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", baseUrl, "-m", "m1"));
    return cli.run(all.toArray(String[]::new));
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name + ".md"), text, StandardCharsets.UTF_8);
  }

  private Path userPrompts() {
    return home.resolve("prompts");
  }

  private Path projectPrompts() {
    return project.resolve(".draft/prompts");
  }

  /** A one-line article template that says where it comes from. */
  private static String article(String from) {
    return """
        ---
        description: The %s article
        variables:
          topic: {description: What it is about, required: true}
        ---
        %s article about {{topic}}.
        """
        .formatted(from, from);
  }

  private JsonNode onlyBody() {
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    return bodies.get(0);
  }

  // --- lookup -----------------------------------------------------------------------------------

  @Test
  void userTemplateOverridesTheBuiltInOfTheSameName() throws IOException {
    write(userPrompts(), "article", article("User"));

    CliHarness.Result result = draft("article", "--topic", "rivers");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Answered.\n");
    // No system message, no n and no temperature: nothing of the built-in is left.
    assertThat(onlyBody())
        .isEqualTo(ChatBody.to("m1").user("User article about rivers.").streamed());
  }

  @Test
  void projectTemplateOverridesTheUserOneOnlyInItsProject() throws IOException {
    write(userPrompts(), "article", article("User"));
    write(projectPrompts(), "article", article("Project"));

    CliHarness.Result inProject = draft("article", "--topic", "rivers");

    assertThat(inProject.exitCode()).isZero();
    assertThat(onlyBody())
        .isEqualTo(ChatBody.to("m1").user("Project article about rivers.").streamed());

    server.resetRequests();
    cli.cwd(Files.createDirectories(temp.resolve("elsewhere")));
    CliHarness.Result elsewhere = draft("article", "--topic", "rivers");

    assertThat(elsewhere.exitCode()).isZero();
    assertThat(onlyBody())
        .isEqualTo(ChatBody.to("m1").user("User article about rivers.").streamed());
  }

  @Test
  void projectTemplateIsACommandToo() throws IOException {
    write(
        projectPrompts(),
        "release-note",
        """
        ---
        description: A release note
        input: required
        ---
        Turn this changelog into a release note:

        {{input}}
        """);

    CliHarness.Result result = cli.runWithStdin("- fixed the thing", withEndpoint("release-note"));

    assertThat(result.exitCode()).isZero();
    assertThat(onlyBody())
        .isEqualTo(
            ChatBody.to("m1")
                .user("Turn this changelog into a release note:\n\n- fixed the thing")
                .streamed());
  }

  private String[] withEndpoint(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", baseUrl, "-m", "m1"));
    return all.toArray(String[]::new);
  }

  // --- draft run --------------------------------------------------------------------------------

  @Test
  void userTemplateNamedAskIsReachedOnlyThroughRun() throws IOException {
    write(
        userPrompts(),
        "ask",
        """
        ---
        description: Ask politely
        variables:
          question: {description: What to ask, required: true}
        ---
        Please answer: {{question}}
        """);

    CliHarness.Result builtIn = draft("ask", "What", "is", "a", "weir?");

    assertThat(builtIn.exitCode()).isZero();
    assertThat(onlyBody()).isEqualTo(ChatBody.to("m1").user("What is a weir?").streamed());

    server.resetRequests();
    CliHarness.Result template = draft("run", "ask", "--question", "What is a weir?");

    assertThat(template.exitCode()).isZero();
    assertThat(template.out()).isEqualTo("Answered.\n");
    assertThat(onlyBody())
        .isEqualTo(ChatBody.to("m1").user("Please answer: What is a weir?").streamed());
  }

  @Test
  void runTemplateSendsWhatTheTemplateCommandSends() {
    CliHarness.Result direct =
        draft("article", "--topic", "rivers", "-n", "1", "--audience", "kids");
    JsonNode directBody = onlyBody();
    server.resetRequests();
    CliHarness.Result run =
        draft("run", "article", "--topic", "rivers", "-n", "1", "--audience", "kids");

    assertThat(direct.exitCode()).isZero();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(direct.out()).isEqualTo("Answered.\n");
    assertThat(run.err()).isEqualTo(direct.err());
    assertThat(onlyBody()).isEqualTo(directBody);
    assertThat(directBody.at("/messages/1/content").asText())
        .startsWith("Write an article of about 900 words.\n\nSubject: rivers\nReaders: kids\n");
  }

  @Test
  void runAloneIsAUsageError() {
    CliHarness.Result result = cli.run("run");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: name a template: draft run TEMPLATE (draft templates list shows them)\n");
  }

  @Test
  void runOfAnUnknownTemplateIsAUsageError() {
    CliHarness.Result result = cli.run("run", "no-such-template");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("draft: ").contains("no-such-template");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void reservedTemplatesAreNoCommands() {
    CliHarness.Result top = cli.run("_angles", "--task", "x", "--count", "2");
    CliHarness.Result run = cli.run("run", "_angles", "--task", "x", "--count", "2");

    assertThat(top.exitCode()).isEqualTo(2);
    assertThat(run.exitCode()).isEqualTo(2);
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  // --- broken templates -------------------------------------------------------------------------

  @Test
  void brokenTemplateFailsWithItsFileLineAndFixWhileTheRestWork() throws IOException {
    Path broken =
        write(
            userPrompts(),
            "broken-one",
            """
            ---
            description: Half-written
            variables: [topic
            ---
            About {{topic}}.
            """);

    CliHarness.Result used = draft("broken-one", "--topic", "rivers");
    CliHarness.Result viaRun = draft("run", "broken-one", "--topic", "rivers");

    String expected =
        "draft: "
            + broken
            + ":3: invalid YAML: while parsing a flow sequence, expected ',' or ']', but got"
            + " <stream end> (check the indentation, and quote text that contains ': ' or starts"
            + " with a special character)\n";
    assertThat(used.exitCode()).isEqualTo(3);
    assertThat(used.out()).isEmpty();
    assertThat(used.err()).isEqualTo(expected);
    assertThat(viaRun.exitCode()).isEqualTo(3);
    assertThat(viaRun.err()).isEqualTo(expected);
    server.verify(0, anyRequestedFor(anyUrl()));

    CliHarness.Result ask = draft("ask", "Hello");
    CliHarness.Result help = cli.run("article", "--help");

    assertThat(ask.exitCode()).isZero();
    assertThat(ask.out()).isEqualTo("Answered.\n");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: draft article ").contains("\nVariables:\n");
    assertThat(help.err()).isEmpty();
  }

  @Test
  void templateUsingAnUndeclaredVariableNamesTheLineAndTheFix() throws IOException {
    Path broken =
        write(
            projectPrompts(),
            "typo",
            """
            ---
            description: Has a typo
            variables:
              topic: {description: What it is about}
            ---
            About {{topic}}.
            More about {{topics}}.
            """);

    CliHarness.Result result = draft("typo", "--topic", "rivers");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: "
                + broken
                + ":7: {{topics}} is not a declared variable (declare it under variables, or did"
                + " you mean 'topic'?)\n");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void variableNamedLikeADraftOptionBreaksOnlyItsOwnTemplate() throws IOException {
    // --output is draft's own (-o, --output): the variable cannot be an option beside it.
    Path clash =
        write(
            userPrompts(),
            "report",
            """
            ---
            description: A report
            variables:
              output: {description: Where the report goes, default: the board}
            ---
            A report for {{output}}.
            """);

    CliHarness.Result used = draft("report");
    CliHarness.Result help = cli.run("--help");
    CliHarness.Result other = draft("article", "--topic", "rivers", "-n", "1");

    assertThat(used.exitCode()).isEqualTo(3);
    assertThat(used.out()).isEmpty();
    assertThat(used.err())
        .isEqualTo(
            "draft: "
                + clash
                + ":4: variable 'output' clashes with draft's own --output option (rename it, e.g."
                + " to 'output_text')\n");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("\n  report ", "(broken: ");
    assertThat(other.exitCode()).isZero();
    assertThat(other.out()).isEqualTo("Answered.\n");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  // --- help -------------------------------------------------------------------------------------

  @Test
  void templateHelpListsTheVariablesWithDescriptionsAndDefaults() {
    CliHarness.Result result = cli.run("article", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains(
            "A full article draft from a topic, built on your notes when you give them\n"
                + "Template: prompts/article.md (built-in)\n"
                + "Input: optional (files or stdin); candidates: 3 unless -n says\n")
        .endsWith(
            "Variables:\n"
                + "      --topic=TOPIC         What the article is about (required)\n"
                + "      --audience=AUDIENCE   Who will read it (default: curious general readers)\n"
                + "      --words=WORDS         Target length in words (default: 900)\n"
                + "      --tone=TONE           Voice of the piece. One of: warm, formal, playful,\n"
                + "                              plain. (default: warm)\n"
                + "      --angle=ANGLE         Optional: the argument, question or slant the piece\n"
                + "                              should take\n");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void userTemplateHelpNamesItsFile() throws IOException {
    Path file = write(userPrompts(), "article", article("User"));

    CliHarness.Result result = cli.run("article", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("The User article\nTemplate: " + file + "\nInput: none\n")
        .endsWith("Variables:\n      --topic=TOPIC         What it is about (required)\n");
  }

  @Test
  void rootHelpListsTheTemplatesUnderTheirOwnHeading() throws IOException {
    write(
        userPrompts(),
        "pitch",
        """
        ---
        description: A pitch for a talk
        ---
        Pitch a talk.
        """);

    CliHarness.Result result = cli.run("--help");

    assertThat(result.exitCode()).isZero();
    String out = result.out();
    int commands = out.indexOf("\nCommands:\n");
    int templates =
        out.indexOf("\nTemplates (draft TEMPLATE --help shows a template's variables):\n");
    assertThat(commands).isPositive();
    assertThat(templates).isGreaterThan(commands);
    String commandList = out.substring(commands, templates);
    String templateList = out.substring(templates);
    assertThat(commandList).contains("\n  ask ", "\n  run ").doesNotContain("article", "pitch");
    assertThat(templateList)
        .contains(
            "\n  article ",
            "\n  story-outline ",
            "\n  summarize ",
            "\n  pitch ",
            "A pitch for a talk\n")
        .doesNotContain("_angles", "\n  ask ");
  }
}
