package dev.draft.cli;

import static dev.draft.cli.LoopFixture.COLOURS;
import static dev.draft.cli.LoopFixture.answer;
import static dev.draft.cli.LoopFixture.events;
import static dev.draft.cli.LoopFixture.json;
import static dev.draft.cli.LoopFixture.judgeAnswers;
import static dev.draft.cli.LoopFixture.savedAs;
import static dev.draft.cli.LoopFixture.stored;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.session.JsonText;
import dev.draft.template.Rendered;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --pick judge}: the drafts go to a judge blind (shuffled, labelled A, B, C), its first
 * choice is printed, and its ranking and the pick are recorded.
 */
class PickJudgeTest {
  @RegisterExtension static final CliServer server = new CliServer();

  /** With this seed three drafts are shown as A = draft 2, B = draft 3, C = draft 1. */
  private static final long SEED = 1;

  private static final String VERDICT =
      "Here is my verdict:\n```json\n"
          + "{\"ranking\": [\"B\", \"C\", \"A\"],\n"
          + " \"notes\": {\"A\": \"Flat.\", \"B\": \"Vivid and exact.\", \"C\": \"Good but"
          + " generic.\"}}\n```\n";

  final CliHarness cli = server.cli().withHistory().seed(SEED);
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  private CliHarness.Result askForThree(String... extra) {
    answer(server, "Name three colours", COLOURS.toArray(String[]::new));
    List<String> args =
        new ArrayList<>(
            List.of("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "--pick", "judge"));
    args.addAll(List.of(extra));
    args.add("Name three colours");
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void theJudgeSeesTheDraftsShuffledUnderLettersAndItsFirstChoiceIsPrinted() {
    judgeAnswers(server, VERDICT);

    CliHarness.Result result = askForThree();

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Blue is deep.\n");
    String run = savedAs(result);
    assertThat(result.err())
        .isEqualTo(
            "draft: asking m1 to judge 3 drafts …\n"
                + "draft: m1 judged the drafts, best first:\n"
                + "  1. draft 3 · Vivid and exact.\n"
                + "  2. draft 1 · Good but generic.\n"
                + "  3. draft 2 · Flat.\n"
                + "3/3 drafts from m1 (native) · 10 prompt + 5 completion tokens\n"
                + "draft: saved as "
                + run
                + "; 'draft show "
                + run
                + "' prints it again\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(2);
    Rendered judge =
        LoopFixture.shipped(
            "_judge",
            Map.of(
                "brief",
                "Name three colours",
                "labels",
                "A, B and C",
                "drafts",
                "<draft label=\"A\">\nGreen is calm.\n</draft>\n\n"
                    + "<draft label=\"B\">\nBlue is deep.\n</draft>\n\n"
                    + "<draft label=\"C\">\nRed is warm.\n</draft>"));
    assertThat(bodies.get(1))
        .isEqualTo(
            ChatBody.to("m1")
                .system(judge.system())
                .user(judge.user())
                .temperature(0.0)
                .notStreamed());
    String shown = bodies.get(1).at("/messages/1/content").asText();
    assertThat(shown)
        .contains("<brief>\nName three colours\n</brief>", "judging by: clarity, accuracy")
        .doesNotContainPattern("(?i)draft [123]");
    assertThat(shown.indexOf("Green is calm."))
        .isLessThan(shown.indexOf("Blue is deep."))
        .isGreaterThan(0);
    assertThat(shown.indexOf("Blue is deep.")).isLessThan(shown.indexOf("Red is warm."));

    assertThat(stored(home, run).picked()).isEqualTo(3);
    assertThat(events(home, run))
        .extracting(LoopFixture.Event::kind, LoopFixture.Event::draft, LoopFixture.Event::payload)
        .containsExactly(
            tuple(
                "judge",
                null,
                json(
                    "{'ranking':[3,1,2],'notes':{'3':'Vivid and exact.','1':'Good but generic.',"
                        + "'2':'Flat.'},'model':'m1','shown_as':{'A':2,'B':3,'C':1}}")),
            tuple("pick", 3, json("{'by':'judge'}")));
  }

  @Test
  void theJudgesChoiceRespectsTheFormat() throws Exception {
    judgeAnswers(server, "{\"ranking\": \"C, A, B\"}");

    CliHarness.Result result = askForThree("--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode printed = JsonText.MAPPER.readTree(result.out());
    assertThat(printed.get("drafts")).hasSize(1);
    assertThat(printed.at("/drafts/0/index").asInt()).isEqualTo(1);
    assertThat(printed.at("/drafts/0/text").asText()).isEqualTo("Red is warm.");
    assertThat(result.err()).contains("  1. draft 1\n  2. draft 2\n  3. draft 3\n");
  }

  @Test
  void anAnswerThatIsNoRankingPrintsEveryDraftAndExits4() {
    judgeAnswers(server, "I like the blue one best.");

    CliHarness.Result result = askForThree();

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out())
        .isEqualTo(
            "=== draft 1/3 ===\nRed is warm.\n\n=== draft 2/3 ===\nGreen is calm.\n\n"
                + "=== draft 3/3 ===\nBlue is deep.\n");
    assertThat(result.err())
        .startsWith(
            "draft: asking m1 to judge 3 drafts …\n"
                + "draft: the judge's answer was not a ranking (it holds no JSON object with a"
                + " \"ranking\"): try a stronger model with -m, or edit the judge's prompt with"
                + " 'draft templates edit _judge' (it answered: \"I like the blue one best.\");"
                + " every draft follows\n");
    String run = savedAs(result);
    assertThat(stored(home, run).picked()).isNull();
    assertThat(events(home, run)).isEmpty();
  }

  @Test
  void withOnlyOneDraftWithTextNoJudgeIsAsked() {
    answer(server, "Name two", "Red is warm.", "");

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "2", "--pick", "judge", "Name two");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Red is warm.\n");
    assertThat(result.err())
        .startsWith("draft: only draft 1 came back whole, so there is nothing to judge\n");
    assertThat(chatBodies(server)).hasSize(1);
    String run = savedAs(result);
    assertThat(events(home, run))
        .extracting(LoopFixture.Event::kind, LoopFixture.Event::draft, LoopFixture.Event::payload)
        .containsExactly(tuple("pick", 1, json("{'by':'judge'}")));
  }

  @Test
  void aRefinementCanBeJudgedAgainstItsOwnPrompt() {
    String first = LoopFixture.firstRun(cli, server, baseUrl);
    answer(server, "<instruction>", "Red glows.", "Red burns.");
    judgeAnswers(server, "{\"ranking\": [\"B\", \"A\"], \"notes\": {}}");

    CliHarness.Result result =
        cli.run(
            "refine",
            first + "/1",
            "more heat",
            "-n",
            "2",
            "--pick",
            "judge",
            "--no-pick",
            "--base-url",
            baseUrl);

    assertThat(result.exitCode()).as(result.err()).isZero();
    // Seed 1 shuffles two drafts to B = draft 1, A = draft 2, or the other way round; either way
    // the judge's B is printed, and the brief is the refinement's own prompt.
    JsonNode judge = chatBodies(server).get(2);
    String shown = judge.at("/messages/1/content").asText();
    assertThat(shown).contains("<brief>\nRevise the draft below following this instruction:");
    String printedB =
        shown.substring(shown.indexOf("<draft label=\"B\">\n") + "<draft label=\"B\">\n".length());
    assertThat(result.out()).isEqualTo(printedB.substring(0, printedB.indexOf('\n')) + "\n");
  }

  @Test
  void pickTakesANumberOrJudge() {
    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "--pick", "best", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("draft: --pick takes a candidate number or 'judge', got 'best'\n");
  }
}
