package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
 * {@code draft <template>}: the exact messages a template sends (variables filled, defaults
 * applied, input placed), and the usage errors that stop it before any request.
 */
class TemplateCommandTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  @TempDir Path temp;
  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();
  Path work;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectories(temp.resolve("work"));
    cli.cwd(work);
    // A request with n gets three choices; a request without, one answer.
    server.stubFor(
        post(CHAT)
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.n"))
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.role(2),
                        Sse.text(0, "One."),
                        Sse.text(1, "Two."),
                        Sse.text(2, "Three."),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop"),
                        Sse.finish(2, "stop"),
                        Sse.usage(30, 6)))));
    server.stubFor(post(CHAT).atPriority(5).willReturn(Sse.stream(Sse.answer("Only.", 30, 2))));
  }

  // --- article.md rendered by hand --------------------------------------------------------------

  private static String articleSystem(String audience) {
    return """
        You are a features writer who has filed for newspapers and magazines for twenty years. The
        editor who trained you struck out every sentence that did not earn its place, and you still
        hear her. You are writing for\s"""
        + audience
        + """
        .

        How you work:
        - Open on something concrete: a person doing something, a place, a number, a claim worth
          arguing with. Never open by announcing the subject, defining a term, asking a rhetorical
          question, or gesturing at "today's world" or "an age of" anything.
        - Every paragraph does new work: a fact, an example, a turn, a consequence. If a paragraph
          could be cut without the reader missing it, cut it.
        - Be specific. Names, places, figures, how a thing actually works. A detail you do not have
          becomes a bracketed placeholder such as [figure: annual budget] or [quote: site manager],
          never an invention.
        - Use plain, exact words. No clichés, no stacked adjectives, no "delve", "tapestry",
          "landscape", "navigate", "unlock", "game-changer", "it's worth noting", "in conclusion",
          "at the end of the day". No sentence built as "It's not just X, it's Y."
        - Vary the length of your sentences. Argue in paragraphs; use a list only where the content
          really is a list. Subheadings only if the piece is long enough that a reader needs them.
        - End on something that lands: an image, a consequence, a question the piece has earned.
          Never end by summarising what you have already said.""";
  }

  private static final String VOICES =
      """
      What the voices mean here:
      - warm: close and generous; the writer is good company, but never gushes.
      - formal: measured and precise; full sentences, no slang, authority without stiffness.
      - playful: light on its feet, with wit that comes from the material, not from puns for their \
      own sake.
      - plain: short words, short sentences, nothing decorative; the facts carry the piece.""";

  private static final String FROM_NOTES =
      """
      Build the article from the notes below. They are raw material, not an outline: keep their facts,
      names, quotes and figures exactly as given, choose the order that makes the strongest piece, and
      leave out whatever does not serve it. Do not add facts the notes do not support; where the piece
      needs something they lack, put a bracketed placeholder.""";

  private static final String NO_NOTES =
      """
      You have no notes, so work from what is well established about the subject. Where the piece
      needs a specific you cannot vouch for (a quote, a statistic, a local detail), put a bracketed
      placeholder instead of making one up.""";

  private static final String FORMAT =
      """
      Format: Markdown. Begin with a headline as a level-1 heading and a one-sentence standfirst in
      italics beneath it, then the article. Return the article only, with no preface and no notes to me
      afterwards.""";

  /** The user message of article.md: {@code angle} and {@code notes} may be null (left out). */
  private static String articleUser(
      String words, String topic, String audience, String angle, String tone, String notes) {
    return "Write an article of about "
        + words
        + " words.\n\nSubject: "
        + topic
        + "\nReaders: "
        + audience
        + "\n"
        + (angle == null ? "" : "Angle: " + angle + "\n")
        + "Voice: "
        + tone
        + "\n\n"
        + VOICES
        + "\n\n"
        + (notes == null ? NO_NOTES : FROM_NOTES + "\n\n<notes>\n" + notes + "\n</notes>")
        + "\n\n"
        + FORMAT;
  }

  private static JsonNode articleBody(String system, String user) {
    return ChatBody.to("m1").system(system).user(user).n(3).temperature(0.9).streamed();
  }

  // --- helpers ----------------------------------------------------------------------------------

  private CliHarness.Result draft(String... args) {
    return cli.run(withEndpoint(args));
  }

  private CliHarness.Result draftWithStdin(String stdin, String... args) {
    return cli.runWithStdin(stdin, withEndpoint(args));
  }

  private String[] withEndpoint(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", baseUrl, "-m", "m1"));
    return all.toArray(String[]::new);
  }

  /** The one request the run sent. */
  private JsonNode sentBody() {
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    return bodies.get(0);
  }

  private static String userMessage(JsonNode body) {
    JsonNode messages = body.get("messages");
    return messages.get(messages.size() - 1).get("content").asText();
  }

  private void assertSent(JsonNode expected) {
    JsonNode sent = sentBody();
    // The messages first, for a readable difference; then the whole body.
    assertThat(userMessage(sent)).isEqualTo(userMessage(expected));
    assertThat(sent.get("messages")).isEqualTo(expected.get("messages"));
    assertThat(sent).isEqualTo(expected);
  }

  private void assertNothingSent() {
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
  }

  private void userTemplate(String name, String text) throws IOException {
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(prompts.resolve(name + ".md"), text, StandardCharsets.UTF_8);
  }

  private void assertUsageError(CliHarness.Result result, String message) {
    assertThat(result.err()).isEqualTo("draft: " + message + "\n");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertNothingSent();
  }

  // --- what is sent -----------------------------------------------------------------------------

  @Test
  void articleWithATopicSendsTheRenderedMessagesWithTheDefaultsFilledIn() {
    CliHarness.Result result = draft("article", "--topic", "why rivers flood");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "=== draft 1/3 ===\nOne.\n\n=== draft 2/3 ===\nTwo.\n\n=== draft 3/3 ===\nThree.\n");
    JsonNode sent = sentBody();
    assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/0/content").asText())
        .startsWith(
            "You are a features writer who has filed for newspapers and magazines for twenty"
                + " years. The\neditor who trained you struck out every sentence that did not earn"
                + " its place, and you still\nhear her. You are writing for curious general"
                + " readers.\n\nHow you work:\n- Open on something concrete:")
        .endsWith(
            "- End on something that lands: an image, a consequence, a question the piece has"
                + " earned.\n  Never end by summarising what you have already said.");
    assertThat(sent.at("/messages/1/role").asText()).isEqualTo("user");
    assertThat(sent.at("/messages/1/content").asText())
        .isEqualTo(
            """
            Write an article of about 900 words.

            Subject: why rivers flood
            Readers: curious general readers
            Voice: warm

            What the voices mean here:
            - warm: close and generous; the writer is good company, but never gushes.
            - formal: measured and precise; full sentences, no slang, authority without stiffness.
            - playful: light on its feet, with wit that comes from the material, not from puns for \
            their own sake.
            - plain: short words, short sentences, nothing decorative; the facts carry the piece.

            You have no notes, so work from what is well established about the subject. Where the piece
            needs a specific you cannot vouch for (a quote, a statistic, a local detail), put a bracketed
            placeholder instead of making one up.

            Format: Markdown. Begin with a headline as a level-1 heading and a one-sentence standfirst in
            italics beneath it, then the article. Return the article only, with no preface and no notes \
            to me
            afterwards.""");
    assertThat(sent.get("messages")).hasSize(2);
    // The template's n and temperature, nothing else.
    assertSent(
        articleBody(
            articleSystem("curious general readers"),
            articleUser("900", "why rivers flood", "curious general readers", null, "warm", null)));
  }

  @Test
  void audienceOptionFillsBothTheSystemAndTheUserMessage() {
    CliHarness.Result result =
        draft("article", "--topic", "why rivers flood", "--audience", "city planners");

    assertThat(result.exitCode()).isZero();
    assertSent(
        articleBody(
            articleSystem("city planners"),
            articleUser("900", "why rivers flood", "city planners", null, "warm", null)));
  }

  @Test
  void dashVSetsAVariable() {
    CliHarness.Result result = draft("article", "--topic", "why rivers flood", "-V", "words=400");

    assertThat(result.exitCode()).isZero();
    assertSent(
        articleBody(
            articleSystem("curious general readers"),
            articleUser("400", "why rivers flood", "curious general readers", null, "warm", null)));
  }

  @Test
  void anOptionBeatsDashVForTheSameVariableWhateverTheOrder() {
    JsonNode expected =
        articleBody(
            articleSystem("curious general readers"),
            articleUser("600", "dams", "curious general readers", null, "warm", null));

    CliHarness.Result before =
        draft(
            "article", "-V", "words=400", "--words", "600", "-V", "topic=rain", "--topic", "dams");

    assertThat(before.exitCode()).isZero();
    assertSent(expected);

    server.resetRequests();
    CliHarness.Result after =
        draft(
            "article", "--words", "600", "--topic", "dams", "-V", "words=400", "-V", "topic=rain");

    assertThat(after.exitCode()).isZero();
    assertSent(expected);
  }

  @Test
  void optionalSectionAppearsOnlyWhenItsVariableIsGiven() {
    CliHarness.Result result =
        draft(
            "article",
            "--topic",
            "why rivers flood",
            "--angle",
            "drained wetlands are the cause",
            "--tone",
            "plain");

    assertThat(result.exitCode()).isZero();
    String user = userMessage(sentBody());
    assertThat(user)
        .contains("Readers: curious general readers\nAngle: drained wetlands are the cause\n")
        .isEqualTo(
            articleUser(
                "900",
                "why rivers flood",
                "curious general readers",
                "drained wetlands are the cause",
                "plain",
                null));
  }

  @Test
  void notesFileIsPlacedInsideTheNotesSectionUnescaped() throws IOException {
    String notes = "Weir removed in 2019.\nBudget: $4,000 & <volunteers>\nA literal {{brace}}.";
    file("notes.md", notes);

    CliHarness.Result result = draft("article", "notes.md", "--topic", "the river");

    assertThat(result.exitCode()).isZero();
    assertSent(
        articleBody(
            articleSystem("curious general readers"),
            articleUser("900", "the river", "curious general readers", null, "warm", notes)));
    assertThat(userMessage(sentBody()))
        .contains("<notes>\n" + notes + "\n</notes>")
        .doesNotContain("You have no notes");
  }

  @Test
  void severalInputFilesAreJoinedUnderTheirNames() throws IOException {
    file("a.md", "Notes from the council meeting.\n");
    Files.createDirectories(work.resolve("more"));
    file("more/b.md", "\nInterview with the lock keeper.\n\n");

    CliHarness.Result result = draft("article", "a.md", "more/b.md", "--topic", "the river");

    assertThat(result.exitCode()).isZero();
    assertSent(
        articleBody(
            articleSystem("curious general readers"),
            articleUser(
                "900",
                "the river",
                "curious general readers",
                null,
                "warm",
                "## a.md\n\nNotes from the council meeting.\n\n"
                    + "## more/b.md\n\nInterview with the lock keeper.")));
  }

  @Test
  void dashReadsTheInputFromStdin() {
    CliHarness.Result result =
        draftWithStdin("Notes piped in.", "article", "-", "--topic", "the river");

    assertThat(result.exitCode()).isZero();
    assertSent(
        articleBody(
            articleSystem("curious general readers"),
            articleUser(
                "900", "the river", "curious general readers", null, "warm", "Notes piped in.")));
  }

  @Test
  void pipedStdinIsTheInputWhenNoFileIsGiven() {
    CliHarness.Result result = draftWithStdin("Notes piped in.", "article", "--topic", "the river");

    assertThat(result.exitCode()).isZero();
    assertSent(
        articleBody(
            articleSystem("curious general readers"),
            articleUser(
                "900", "the river", "curious general readers", null, "warm", "Notes piped in.")));
  }

  @Test
  void stdinOnATerminalIsNotWaitedForWhenInputIsOptional() {
    cli.terminals(true, false, false);

    CliHarness.Result result = draftWithStdin("never read", "article", "--topic", "the river");

    assertThat(result.exitCode()).isZero();
    assertThat(userMessage(sentBody())).doesNotContain("never read").contains(NO_NOTES);
  }

  @Test
  void userTemplateSendsItsSystemAndBodyWithTheDashedVariableName() throws IOException {
    userTemplate(
        "letter",
        """
        ---
        description: A short letter
        variables:
          reader_name: {description: Who the letter is for, required: true}
          subject:     {description: What it is about, required: true}
          sign_off:    {description: How it ends, default: Yours}
        system: Write as {{reader_name}}'s neighbour.
        ---
        Write to {{reader_name}} about {{subject}}. End with "{{sign_off}}".
        """);

    CliHarness.Result result =
        draft(
            "letter", "-V", "reader-name=Ann & Bo", "--subject", "the fence", "--sign-off", "Bye");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Only.\n");
    assertSent(
        ChatBody.to("m1")
            .system("Write as Ann & Bo's neighbour.")
            .user("Write to Ann & Bo about the fence. End with \"Bye\".")
            .streamed());
  }

  // --- usage errors: nothing is sent ------------------------------------------------------------

  @Test
  void missingRequiredVariableNamesItsOption() {
    CliHarness.Result result = draft("article");

    assertUsageError(
        result,
        "missing required variable: --topic (What the article is about); pass it as an option or"
            + " with -V name=value");
  }

  @Test
  void missingRequiredVariablesAreNamedTogetherInOneLine() throws IOException {
    userTemplate(
        "letter",
        """
        ---
        description: A short letter
        variables:
          reader_name: {description: Who the letter is for, required: true}
          subject:     {description: What it is about, required: true}
          sign_off:    {description: How it ends, default: Yours}
        ---
        Write to {{reader_name}} about {{subject}}. End with "{{sign_off}}".
        """);

    CliHarness.Result result = draft("letter", "--sign-off", "Bye");

    assertUsageError(
        result,
        "missing required variables: --reader-name (Who the letter is for), --subject (What it is"
            + " about); pass them as options or with -V name=value");
  }

  @Test
  void valueOutsideTheChoicesIsAUsageErrorListingThem() {
    CliHarness.Result result = draft("article", "--topic", "rivers", "--tone", "grumpy");

    assertUsageError(result, "--tone must be one of warm, formal, playful, plain; got 'grumpy'");
  }

  @Test
  void unknownDashVNameSuggestsTheClosest() {
    CliHarness.Result result = draft("article", "--topic", "rivers", "-V", "audiance=kids");

    assertUsageError(
        result,
        "template 'article' has no variable 'audiance' (did you mean 'audience'?); its variables:"
            + " topic, audience, words, tone, angle");
  }

  @Test
  void inputAsAVariableSaysWhereInputComesFrom() {
    CliHarness.Result result = draft("article", "--topic", "rivers", "-V", "input=notes");

    assertUsageError(
        result,
        "template 'article' has no variable 'input'; its input comes from INPUT files or stdin,"
            + " e.g. draft article notes.md");
  }

  @Test
  void requiredInputMissingSaysHowToPassIt() {
    String message =
        "template 'summarize' needs input: pass a file (draft summarize FILE) or pipe text on"
            + " standard input";

    assertUsageError(draft("summarize"), message);
    assertUsageError(draftWithStdin(" \n\n", "summarize"), message);
    cli.terminals(true, false, false);
    assertUsageError(draftWithStdin("never read", "summarize"), message);
  }

  @Test
  void templateWithoutInputRefusesAFile() throws IOException {
    userTemplate(
        "greet",
        """
        ---
        description: A greeting
        variables:
          name: {description: Who to greet, default: world}
        input: none
        ---
        Greet {{name}}.
        """);
    file("notes.md", "Some notes.");

    CliHarness.Result result = draft("greet", "notes.md");

    assertUsageError(
        result,
        "template 'greet' takes no input, but got notes.md; give its variables as options instead"
            + " (draft greet --help)");
  }

  @Test
  void binaryInputFileIsRefused() throws IOException {
    Files.write(work.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0, 'J', 'F'});

    CliHarness.Result result = draft("summarize", "photo.jpg");

    assertUsageError(result, "photo.jpg looks binary (it contains NUL bytes): pass a text file");
  }

  @Test
  void invalidUtf8InputFileIsRefused() throws IOException {
    Files.write(work.resolve("old.txt"), "café au lait".getBytes(StandardCharsets.ISO_8859_1));

    CliHarness.Result result = draft("summarize", "old.txt");

    assertUsageError(
        result,
        "old.txt is not valid UTF-8 text: convert it first (e.g. iconv -f latin1 -t utf-8)");
  }

  @Test
  void binaryStdinIsRefused() {
    CliHarness.Result result =
        cli.runWithStdin(new byte[] {'P', 'K', 3, 4, 0, 0}, withEndpoint("summarize", "-"));

    assertUsageError(
        result, "standard input looks binary (it contains NUL bytes): pass a text file");
  }

  @Test
  void missingInputFileIsAUsageError() throws IOException {
    file("here.md", "Here.");

    CliHarness.Result result = draft("summarize", "here.md", "nowhere.md");

    assertUsageError(result, "no such file: nowhere.md");
  }

  @Test
  void directoryAsInputIsAUsageError() throws IOException {
    Files.createDirectories(work.resolve("notes"));

    CliHarness.Result result = draft("summarize", "notes");

    assertUsageError(result, "notes is a directory: pass the files in it (e.g. notes/*.md)");
  }
}
