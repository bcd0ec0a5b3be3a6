package dev.draft.cli;

import static dev.draft.cli.LoopFixture.COLOURS;
import static dev.draft.cli.LoopFixture.answer;
import static dev.draft.cli.LoopFixture.firstRun;
import static dev.draft.cli.LoopFixture.savedAs;
import static dev.draft.cli.LoopFixture.stored;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.history.StoredRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft refine RUN/K "instruction"}: the requests it sends and the run it records. */
class RefineCommandTest {
  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli().withHistory();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  /** _refine.md's body rendered by hand. */
  static String refinePrompt(String instruction, String draft) {
    return "Revise the draft below following this instruction:\n"
        + "\n"
        + "<instruction>\n"
        + instruction
        + "\n</instruction>\n"
        + "\n"
        + "<draft>\n"
        + draft
        + "\n</draft>\n"
        + "\n"
        + "Write the whole revised draft, from its first line to its last, even the parts that did"
        + " not\n"
        + "change. Output only that text: no preamble, no notes on what you changed, no quotation"
        + " marks\n"
        + "and no code fence around it, and no <draft> tags.";
  }

  static String refineSystem() {
    return LoopFixture.shipped("_refine", Map.of("draft", "x", "instruction", "y")).system();
  }

  private CliHarness.Result refine(String... args) {
    List<String> all = new ArrayList<>(List.of("refine"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", baseUrl));
    return cli.run(all.toArray(String[]::new));
  }

  @Test
  void refineSendsTheDraftAndTheInstructionThroughRefineAndRecordsTheLink() {
    String first = firstRun(cli, server, baseUrl);
    answer(server, "<instruction>", "Green calms.", "Calm green.");

    CliHarness.Result result = refine(first + "/2", "make", "it", "shorter", "-n", "2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("=== draft 1/2 ===\nGreen calms.\n\n=== draft 2/2 ===\nCalm green.\n");
    assertThat(result.err()).startsWith("draft: refining " + first + "/2\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(2);
    // The parent's model; two revisions in one request; no temperature, as the parent had none.
    assertThat(bodies.get(1))
        .isEqualTo(
            ChatBody.to("m1")
                .system(refineSystem())
                .user(refinePrompt("make it shorter", COLOURS.get(1)))
                .n(2)
                .streamed());
    StoredRun refined = stored(home, savedAs(result));
    assertThat(refined.kind()).isEqualTo("refine");
    assertThat(refined.parentRun()).isEqualTo(first);
    assertThat(refined.parentDraft()).isEqualTo(2);
    assertThat(refined.template()).isEqualTo("_refine");
    assertThat(refined.variables()).containsExactly(Map.entry("instruction", "make it shorter"));
    assertThat(refined.n()).isEqualTo(2);
    assertThat(refined.drafts())
        .extracting(d -> d.text())
        .containsExactly("Green calms.", "Calm green.");
  }

  @Test
  void refineAsksForAsManyRevisionsAsTheRunHadWithItsTemperatureUnlessTold() {
    answer(server, "Name two rivers", "Nile.", "Amazon.");
    cli.run(
        "ask",
        "--base-url",
        baseUrl,
        "-m",
        "m1",
        "-n",
        "2",
        "--temperature",
        "0.4",
        "Name two rivers");
    answer(server, "<instruction>", "The Nile.", "Nile!");
    answer(server, "louder", "NILE.");

    CliHarness.Result same = refine("last/1", "add the article");
    CliHarness.Result told =
        refine("last/1", "louder", "-n", "1", "--temperature", "1.2", "-m", "m2");

    assertThat(same.exitCode()).as(same.err()).isZero();
    assertThat(told.exitCode()).as(told.err()).isZero();
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies.get(1).get("n").asInt()).isEqualTo(2);
    assertThat(bodies.get(1).get("temperature").asDouble()).isEqualTo(0.4);
    assertThat(bodies.get(1).at("/messages/1/content").asText())
        .isEqualTo(refinePrompt("add the article", "Nile."));
    // "last" is the first refinement now, whose draft 1 is "The Nile."
    assertThat(bodies.get(2).has("n")).isFalse();
    assertThat(bodies.get(2).get("temperature").asDouble()).isEqualTo(1.2);
    assertThat(bodies.get(2).get("model").asText()).isEqualTo("m2");
    assertThat(bodies.get(2).at("/messages/1/content").asText())
        .isEqualTo(refinePrompt("louder", "The Nile."));
    assertThat(told.out()).isEqualTo("NILE.\n");
  }

  @Test
  void aProjectRefineTemplateWinsOverTheShippedOne() throws IOException {
    String first = firstRun(cli, server, baseUrl);
    Path project = home.resolve("project");
    Files.createDirectories(project.resolve(".draft/prompts"));
    Files.writeString(
        project.resolve(".draft/prompts/_refine.md"),
        """
        ---
        description: Refine, my way
        variables:
          draft: {description: The draft, required: true}
          instruction: {description: The change, required: true}
        temperature: 0.3
        ---
        {{instruction}}, please: {{draft}}
        """,
        StandardCharsets.UTF_8);
    answer(server, "please", "Red warms.");
    cli.cwd(project);

    CliHarness.Result result = refine(first + "/1", "-n", "1", "Tighten");

    assertThat(result.exitCode()).as(result.err()).isZero();
    // No system message, and the template's temperature beats the parent's (none).
    assertThat(chatBodies(server).get(1))
        .isEqualTo(
            ChatBody.to("m1").user("Tighten, please: Red is warm.").temperature(0.3).streamed());
    assertThat(stored(home, savedAs(result)).templateText())
        .startsWith("---\ndescription: Refine, my way\n");
  }

  @Test
  void aUsersRefineTemplateIsUsedAndAProjectsBeatsIt() throws IOException {
    String first = firstRun(cli, server, baseUrl);
    Path user = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(
        user.resolve("_refine.md"),
        "---\ndescription: Mine\nvariables:\n  draft: {description: d, required: true}\n---\n"
            + "Only the draft: {{draft}}\n",
        StandardCharsets.UTF_8);
    Path project = Files.createDirectories(home.resolve("project/.draft/prompts"));
    answer(server, "Only the draft", "From the user's.");
    answer(server, "Project", "From the project's.");

    CliHarness.Result users = refine(first + "/3", "-n", "1", "ignored by my template");
    Files.writeString(
        project.resolve("_refine.md"),
        "---\ndescription: Ours\nvariables:\n  draft: {description: d, required: true}\n---\n"
            + "Project way: {{draft}}\n",
        StandardCharsets.UTF_8);
    cli.cwd(home.resolve("project"));
    CliHarness.Result projects = refine(first + "/3", "-n", "1", "ignored too");

    assertThat(users.out()).isEqualTo("From the user's.\n");
    assertThat(projects.out()).isEqualTo("From the project's.\n");
    assertThat(chatBodies(server).subList(1, 3))
        .extracting(b -> b.at("/messages/0/content").asText())
        .containsExactly("Only the draft: Blue is deep.", "Project way: Blue is deep.");
  }

  @Test
  void withoutAnInstructionNothingIsSent() {
    String first = firstRun(cli, server, baseUrl);

    CliHarness.Result result = refine(first + "/1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: say how to refine the draft, e.g. draft refine "
                + first
                + "/1 \"make it shorter\"\n");
    assertThat(chatBodies(server)).hasSize(1);
  }

  @Test
  void badDraftReferencesAreUsageErrorsNamingTheFix() {
    String first = firstRun(cli, server, baseUrl);

    CliHarness.Result noDraft = refine(first, "shorter");
    CliHarness.Result notANumber = refine(first + "/two", "shorter");
    CliHarness.Result beyond = refine(first + "/4", "shorter");
    CliHarness.Result noRun = refine("rnope/1", "shorter");

    assertThat(List.of(noDraft, notANumber, beyond, noRun))
        .extracting(CliHarness.Result::exitCode)
        .containsOnly(2);
    assertThat(noDraft.err())
        .isEqualTo(
            "draft: name the draft to refine as RUN/K, e.g. draft refine "
                + first
                + "/1 \"make it shorter\"\n");
    assertThat(notANumber.err())
        .isEqualTo("draft: '" + first + "/two': after the / comes a draft number, e.g. last/2\n");
    assertThat(beyond.err()).isEqualTo("draft: run " + first + " has drafts 1 to 3, not 4\n");
    assertThat(noRun.err())
        .isEqualTo("draft: no run 'rnope' in the history ('draft history' lists them)\n");
    assertThat(chatBodies(server)).hasSize(1);
  }

  @Test
  void aDraftWithoutTextCannotBeRefined() {
    answer(server, "Name two", "Red.", "");
    cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "2", "Name two");

    CliHarness.Result result = refine("last/2", "shorter");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("draft: draft r")
        .contains("/2 has no text (complete); choose another draft ('draft show ");
  }

  @Test
  void withTheHistoryOffThereIsNothingToRefine() {
    String first = firstRun(cli, server, baseUrl);

    CliHarness.Result flag = refine(first + "/1", "shorter", "--no-history");
    cli.env("DRAFT_HISTORY", "off");
    CliHarness.Result env = refine(first + "/1", "shorter");

    assertThat(flag.exitCode()).isEqualTo(2);
    assertThat(flag.err())
        .isEqualTo(
            "draft: draft refine works on the history and records in it, but --no-history turns"
                + " it off; leave that out\n");
    assertThat(env.exitCode()).isEqualTo(2);
    assertThat(env.err())
        .isEqualTo(
            "draft: draft refine works on the history and records in it, but DRAFT_HISTORY=off"
                + " turns it off; unset it\n");
    assertThat(chatBodies(server)).hasSize(1);
  }

  @Test
  void noStreamAsksForTheRevisionAsOneJsonAnswer() {
    String first = firstRun(cli, server, baseUrl);
    LoopFixture.judgeAnswers(server, "Green calms.");

    CliHarness.Result result =
        refine(first + "/2", "make", "it", "shorter", "-n", "1", "--no-stream");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Green calms.\n");
    JsonNode sent = chatBodies(server).get(chatBodies(server).size() - 1);
    assertThat(sent.get("stream").asBoolean()).isFalse();
    assertThat(sent.has("stream_options")).isFalse();
  }
}
