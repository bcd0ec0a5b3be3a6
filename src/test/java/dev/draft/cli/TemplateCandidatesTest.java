package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static dev.draft.client.openai.WireFixture.completion;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many candidates a template makes and how they differ: the template's {@code n} or {@code -n},
 * native {@code n} or one request each, and {@code --vary temperature|angles}, checked in the
 * requests actually sent.
 */
class TemplateCandidatesTest {
  private static final String CHAT = "/v1/chat/completions";

  /** A template with no n and no temperature of its own. */
  private static final String PITCH =
      """
      ---
      description: A pitch for a talk
      variables:
        subject: {description: What the talk is about, required: true}
      system: You pitch conference talks.
      ---
      Pitch a talk about {{subject}} in one paragraph.
      """;

  private static final String PITCH_SYSTEM = "You pitch conference talks.";
  private static final String PITCH_USER = "Pitch a talk about tide pools in one paragraph.";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  @BeforeEach
  void setUp() throws IOException {
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(prompts.resolve("pitch.md"), PITCH, StandardCharsets.UTF_8);
  }

  private CliHarness.Result draft(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", baseUrl, "-m", "m1"));
    return cli.run(all.toArray(String[]::new));
  }

  private static String threeChoices(String first, String second, String third) {
    return Sse.body(
        Sse.role(0),
        Sse.role(1),
        Sse.role(2),
        Sse.text(0, first),
        Sse.text(1, second),
        Sse.text(2, third),
        Sse.finish(0, "stop"),
        Sse.finish(1, "stop"),
        Sse.finish(2, "stop"),
        Sse.usage(20, 9));
  }

  /** Answers a single request whose {@code path} is {@code value} with {@code text}. */
  private static void answerWhen(String path, String value, String text) {
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath(path, equalTo(value)))
            .willReturn(Sse.stream(Sse.answer(text, 20, 3))));
  }

  private static void rejectN() {
    server.stubFor(
        post(CHAT)
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.n"))
            .willReturn(
                jsonResponse(
                    400,
                    "{\"error\":{\"message\":\"Unsupported parameter: 'n'\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"n\","
                        + "\"code\":\"unsupported_parameter\"}}")));
  }

  private static List<JsonNode> withoutN(List<JsonNode> bodies) {
    return bodies.stream().filter(b -> !b.has("n")).toList();
  }

  private static List<JsonNode> sortedBy(List<JsonNode> bodies, String field) {
    return bodies.stream()
        .sorted(Comparator.comparingDouble(b -> b.get(field).asDouble()))
        .toList();
  }

  // --- n ----------------------------------------------------------------------------------------

  @Test
  void templatesNIsAskedForInOneNativeRequest() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(threeChoices("A.", "B.", "C."))));

    CliHarness.Result result = draft("article", "--topic", "rivers");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo("=== draft 1/3 ===\nA.\n\n=== draft 2/3 ===\nB.\n\n=== draft 3/3 ===\nC.\n");
    assertThat(result.err())
        .isEqualTo("3/3 drafts from m1 (native) · 20 prompt + 9 completion tokens\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0).get("n").asInt()).isEqualTo(3);
    assertThat(bodies.get(0).get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(bodies.get(0).has("seed")).isFalse();
  }

  @Test
  void dashNBeatsTheTemplatesN() {
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.n", equalTo("2")))
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.text(0, "A."),
                        Sse.text(1, "B."),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop")))));

    CliHarness.Result result = draft("article", "--topic", "rivers", "-n", "2");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("=== draft 1/2 ===\nA.\n\n=== draft 2/2 ===\nB.\n");
    assertThat(chatBodies(server)).hasSize(1);
  }

  @Test
  void dashNOfOneOverridesTheTemplateAndStreamsTheTextAlone() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Just one.", 20, 3))));

    CliHarness.Result result = draft("article", "--topic", "rivers", "-n", "1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Just one.\n");
    assertThat(result.err()).isEqualTo("1/1 answer from m1 · 20 prompt + 3 completion tokens\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0).has("n")).isFalse();
    assertThat(bodies.get(0).get("temperature").asDouble()).isEqualTo(0.9);
  }

  @Test
  void templateWithoutNMakesOneDraft() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Pitched.", 20, 3))));

    CliHarness.Result result = draft("pitch", "--subject", "tide pools");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Pitched.\n");
    assertThat(chatBodies(server))
        .containsExactly(ChatBody.to("m1").system(PITCH_SYSTEM).user(PITCH_USER).streamed());
  }

  @Test
  void outOfRangeNIsAUsageError() {
    CliHarness.Result result = draft("article", "--topic", "rivers", "-n", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("draft: -n takes a number from 1 to 32, got 0\n");
    assertThat(chatBodies(server)).isEmpty();
  }

  @Test
  void seedGoesOnceWithNativeN() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(threeChoices("A.", "B.", "C."))));

    CliHarness.Result result = draft("article", "--topic", "rivers", "--seed", "5");

    assertThat(result.exitCode()).isZero();
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0).get("n").asInt()).isEqualTo(3);
    assertThat(bodies.get(0).get("seed").asLong()).isEqualTo(5);
  }

  @Test
  void endpointWithoutNGetsOneRequestPerCandidateSeeded5To7AndIsRemembered() {
    rejectN();
    answerWhen("$.seed", "5", "Five.");
    answerWhen("$.seed", "6", "Six.");
    answerWhen("$.seed", "7", "Seven.");

    CliHarness.Result first = draft("article", "--topic", "rivers", "--seed", "5");

    assertThat(first.exitCode()).isZero();
    assertThat(first.out())
        .isEqualTo(
            "=== draft 1/3 ===\nFive.\n\n=== draft 2/3 ===\nSix.\n\n=== draft 3/3 ===\nSeven.\n");
    assertThat(first.err())
        .isEqualTo("3/3 drafts from m1 (fan-out) · 60 prompt + 9 completion tokens\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(4);
    assertThat(bodies.get(0).get("n").asInt()).isEqualTo(3);
    List<JsonNode> singles = sortedBy(withoutN(bodies), "seed");
    assertThat(singles).hasSize(3);
    assertThat(singles).extracting(b -> b.get("seed").asLong()).containsExactly(5L, 6L, 7L);
    // Apart from the seed, each is the template's request for one draft.
    JsonNode withoutSeed = singles.get(0).deepCopy();
    ((ObjectNode) withoutSeed).remove("seed");
    assertThat(withoutSeed.has("n")).isFalse();
    assertThat(withoutSeed.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(withoutSeed.get("messages")).isEqualTo(bodies.get(0).get("messages"));

    server.resetRequests();
    CliHarness.Result second = draft("article", "--topic", "rivers", "--seed", "5");

    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    List<JsonNode> again = chatBodies(server);
    assertThat(again).as("no request with n once the endpoint refused it").hasSize(3);
    assertThat(withoutN(again)).hasSize(3);
  }

  @Test
  void fanOutSendsEveryCandidateItsOwnRequestAndReusesNoAnswer() {
    cli.config(
        """
        profiles:
          one-at-a-time:
            base_url: %s
            model: m1
            concurrency: 1
        """
            .formatted(baseUrl));
    rejectN();
    // The three single requests are identical: only their order tells the answers apart.
    List<String> answers = List.of("First.", "Second.", "Third.");
    for (int i = 0; i < answers.size(); i++) {
      server.stubFor(
          post(CHAT)
              .atPriority(5)
              .inScenario("fan-out")
              .whenScenarioStateIs(i == 0 ? STARTED : "answered " + i)
              .willSetStateTo("answered " + (i + 1))
              .willReturn(Sse.stream(Sse.answer(answers.get(i), 20, 3))));
    }

    CliHarness.Result result = cli.run("article", "--topic", "rivers");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "=== draft 1/3 ===\nFirst.\n\n=== draft 2/3 ===\nSecond.\n\n=== draft 3/3 ===\nThird.\n");
    List<JsonNode> singles = withoutN(chatBodies(server));
    assertThat(singles).hasSize(3);
    assertThat(singles.get(1)).isEqualTo(singles.get(0));
    assertThat(singles.get(2)).isEqualTo(singles.get(0));
  }

  // --- --vary temperature -----------------------------------------------------------------------

  private static void answerByTemperature() {
    answerWhen("$.temperature", "0.1", "At 0.1.");
    answerWhen("$.temperature", "0.3", "At 0.3.");
    answerWhen("$.temperature", "0.5", "At 0.5.");
    answerWhen("$.temperature", "0.7", "At 0.7.");
    answerWhen("$.temperature", "0.9", "At 0.9.");
    answerWhen("$.temperature", "1.1", "At 1.1.");
  }

  private static String blocks(String... texts) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < texts.length; i++) {
      out.append(i == 0 ? "" : "\n")
          .append("=== draft ")
          .append(i + 1)
          .append('/')
          .append(texts.length)
          .append(" ===\n")
          .append(texts[i])
          .append('\n');
    }
    return out.toString();
  }

  @Test
  void varyTemperatureSpreadsOverPoint7To1Point1WhenNothingSetsATemperature() {
    answerByTemperature();

    CliHarness.Result result =
        draft("pitch", "--subject", "tide pools", "-n", "3", "--vary", "temperature");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(blocks("At 0.7.", "At 0.9.", "At 1.1."));
    assertThat(result.err())
        .isEqualTo("3/3 drafts from m1 (fan-out) · 60 prompt + 9 completion tokens\n");
    List<JsonNode> sent = sortedBy(chatBodies(server), "temperature");
    assertThat(sent)
        .containsExactly(
            ChatBody.to("m1").system(PITCH_SYSTEM).user(PITCH_USER).temperature(0.7).streamed(),
            ChatBody.to("m1").system(PITCH_SYSTEM).user(PITCH_USER).temperature(0.9).streamed(),
            ChatBody.to("m1").system(PITCH_SYSTEM).user(PITCH_USER).temperature(1.1).streamed());
  }

  @Test
  void varyTemperatureSpreadsAroundTheGivenTemperature() {
    answerByTemperature();

    CliHarness.Result result =
        draft(
            "pitch",
            "--subject",
            "tide pools",
            "-n",
            "3",
            "--vary",
            "temperature",
            "--temperature",
            "0.5");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(blocks("At 0.3.", "At 0.5.", "At 0.7."));
    assertThat(sortedBy(chatBodies(server), "temperature"))
        .extracting(b -> b.get("temperature").asDouble())
        .containsExactly(0.3, 0.5, 0.7);
  }

  @Test
  void varyTemperatureSpreadsAroundTheTemplatesTemperature() {
    answerByTemperature();

    // summarize says temperature: 0.3 and has no n.
    CliHarness.Result result =
        cli.runWithStdin(
            "A long post.",
            "summarize",
            "-n",
            "3",
            "--vary",
            "temperature",
            "--base-url",
            baseUrl,
            "-m",
            "m1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(blocks("At 0.1.", "At 0.3.", "At 0.5."));
    List<JsonNode> sent = chatBodies(server);
    assertThat(sent).hasSize(3).noneMatch(b -> b.has("n"));
    assertThat(sortedBy(sent, "temperature"))
        .extracting(b -> b.get("temperature").asDouble())
        .containsExactly(0.1, 0.3, 0.5);
  }

  @Test
  void varyTemperatureWithASeedGivesEachCandidateItsOwnSeed() {
    answerByTemperature();

    CliHarness.Result result =
        draft(
            "pitch", "--subject", "tide pools", "-n", "3", "--vary", "temperature", "--seed", "5");

    assertThat(result.exitCode()).isZero();
    assertThat(sortedBy(chatBodies(server), "temperature"))
        .extracting(b -> b.get("temperature").asDouble() + "@" + b.get("seed").asLong())
        .containsExactly("0.7@5", "0.9@6", "1.1@7");
  }

  @Test
  void varyWithOneCandidateIsOnePlainRequest() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Pitched.", 20, 3))));

    CliHarness.Result result = draft("pitch", "--subject", "tide pools", "--vary", "temperature");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Pitched.\n");
    assertThat(chatBodies(server))
        .containsExactly(ChatBody.to("m1").system(PITCH_SYSTEM).user(PITCH_USER).streamed());
  }

  // --- --vary angles ----------------------------------------------------------------------------

  private static final String ANGLES_SYSTEM =
      """
      You are an editor planning a commission before anyone writes a word. Your job is to see the
      different ways good writers could take on the same brief, so that the drafts that follow are
      genuinely different pieces and not one piece reworded.""";

  /** _angles.md rendered by hand for the pitch about tide pools and three candidates. */
  private static final String ANGLES_USER =
      """
      Here is a writing task that several drafts will answer:

      <task>
      You pitch conference talks.

      Pitch a talk about tide pools in one paragraph.
      </task>

      Propose exactly 3 distinctly different approaches to it. Each approach names a concrete
      angle in one sentence: the structure, the framing, the voice or the point where the piece enters
      its subject, specific enough that a writer could start from it. The approaches must differ in
      kind, not in degree: no two share an entry point or a structure. Each must still do everything the
      task asks, including its length, audience and format.

      Write exactly 3 lines. Start each line with its number and a period, then the approach:
      1. (first approach)
      2. (second approach)

      No title, no preamble, no blank lines, no explanations and nothing after the last line.""";

  private static final List<String> APPROACHES =
      List.of(
          "Open on a child's first look into a pool at low tide.",
          "Write it as a field guide in the second person.",
          "Argue that a tide pool is a city under siege twice a day.");

  private static void answerAngles(String list) {
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(jsonResponse(200, completion(list))));
  }

  @Test
  void varyAnglesAsksForApproachesFirstThenDraftsOneForEach() {
    answerAngles(
        "1. " + APPROACHES.get(0) + "\n2) " + APPROACHES.get(1) + "\n3. " + APPROACHES.get(2));
    for (int k = 0; k < 3; k++) {
      server.stubFor(
          post(CHAT)
              .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
              .withRequestBody(
                  matchingJsonPath("$.messages[1].content", containing(APPROACHES.get(k))))
              .willReturn(Sse.stream(Sse.answer("Draft from approach " + (k + 1) + ".", 20, 3))));
    }

    CliHarness.Result result =
        draft("pitch", "--subject", "tide pools", "-n", "3", "--vary", "angles");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            blocks("Draft from approach 1.", "Draft from approach 2.", "Draft from approach 3."));
    assertThat(result.err())
        .isEqualTo(
            "draft: asking m1 for 3 distinct approaches …\n"
                + "3/3 drafts from m1 (fan-out) · 60 prompt + 9 completion tokens\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(4);
    // First the question, through _angles with its own system message and temperature.
    JsonNode ask = bodies.get(0);
    assertThat(ask.at("/messages/1/content").asText()).isEqualTo(ANGLES_USER);
    assertThat(ask)
        .isEqualTo(
            ChatBody.to("m1")
                .system(ANGLES_SYSTEM)
                .user(ANGLES_USER)
                .temperature(1.0)
                .notStreamed());
    // Then one request per approach: the prompt, ending with that approach.
    List<JsonNode> drafts = bodies.subList(1, 4);
    for (int k = 0; k < 3; k++) {
      String approach = APPROACHES.get(k);
      assertThat(drafts)
          .filteredOn(b -> b.at("/messages/1/content").asText().endsWith(approach))
          .containsExactly(
              ChatBody.to("m1")
                  .system(PITCH_SYSTEM)
                  .user(PITCH_USER + "\n\nTake this approach, and make it your own: " + approach)
                  .streamed());
    }
  }

  @Test
  void varyAnglesKeepsTheTemplatesSamplingAndGivesEachCandidateItsOwnSeed() {
    // Prompt and answer may be over 1,000 tokens, so draft asks what window the server reports
    // for a model it does not know.
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get("/v1/models")
            .willReturn(Sse.models("m1")));
    answerAngles(
        "Here you are:\n1. "
            + APPROACHES.get(0)
            + "\n2. "
            + APPROACHES.get(1)
            + "\n3. "
            + APPROACHES.get(2));
    answerWhen("$.seed", "5", "Five.");
    answerWhen("$.seed", "6", "Six.");
    answerWhen("$.seed", "7", "Seven.");

    CliHarness.Result result =
        draft(
            "article",
            "--topic",
            "rivers",
            "--vary",
            "angles",
            "--seed",
            "5",
            "--max-tokens",
            "800");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(blocks("Five.", "Six.", "Seven."));
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(4);
    assertThat(bodies.get(0).has("seed")).as("the question for approaches").isFalse();
    List<JsonNode> drafts = sortedBy(bodies.subList(1, 4), "seed");
    assertThat(drafts).extracting(b -> b.get("seed").asLong()).containsExactly(5L, 6L, 7L);
    for (int k = 0; k < 3; k++) {
      JsonNode draft = drafts.get(k);
      assertThat(draft.has("n")).isFalse();
      assertThat(draft.get("temperature").asDouble()).isEqualTo(0.9);
      assertThat(draft.get("max_tokens").asInt()).isEqualTo(800);
      assertThat(draft.at("/messages/1/content").asText())
          .startsWith("Write an article of about 900 words.\n\nSubject: rivers\n")
          .endsWith(
              "afterwards.\n\nTake this approach, and make it your own: " + APPROACHES.get(k));
    }
  }

  @Test
  void varyAnglesAsksThroughTheUsersOwnAnglesTemplate() throws IOException {
    Files.writeString(
        home.resolve("prompts/_angles.md"),
        """
        ---
        description: Approaches, my way
        variables:
          task:  {description: The prompt, required: true}
          count: {description: How many, required: true}
        ---
        Give {{count}} ways into: {{task}}
        """,
        StandardCharsets.UTF_8);
    answerAngles("1. A.\n2. B.");
    server.stubFor(post(CHAT).atPriority(9).willReturn(Sse.stream(Sse.answer("Drafted.", 20, 3))));

    CliHarness.Result result =
        draft("pitch", "--subject", "tide pools", "-n", "2", "--vary", "angles");

    assertThat(result.exitCode()).isZero();
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(3);
    // No system message and no temperature in the override: the default for the list.
    assertThat(bodies.get(0))
        .isEqualTo(
            ChatBody.to("m1")
                .user("Give 2 ways into: " + PITCH_SYSTEM + "\n\n" + PITCH_USER)
                .temperature(0.9)
                .notStreamed());
  }

  @Test
  void varyAnglesWithTooFewApproachesFailsWithExit4AndSendsNoDrafts() {
    answerAngles("1. " + APPROACHES.get(0) + "\n2. " + APPROACHES.get(1));

    CliHarness.Result result =
        draft("pitch", "--subject", "tide pools", "-n", "3", "--vary", "angles");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: asking m1 for 3 distinct approaches …\n"
                + "draft: asked for 3 approaches, the model gave 2 numbered lines: try again, or use"
                + " --vary samples or --vary temperature (it answered: \"1. "
                + APPROACHES.get(0)
                + " 2. "
                + APPROACHES.get(1)
                + "\")\n");
    assertThat(chatBodies(server)).hasSize(1);
  }
}
