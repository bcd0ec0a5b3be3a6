package dev.draft.cli;

import static dev.draft.cli.LoopFixture.answer;
import static dev.draft.cli.LoopFixture.firstRun;
import static dev.draft.cli.LoopFixture.savedAs;
import static dev.draft.cli.LoopFixture.stored;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.history.StoredRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft merge RUN/1,3 ["instruction"]}: the request it sends and the run it records. */
class MergeCommandTest {
  @RegisterExtension static final CliServer server = new CliServer();

  private static final String OUTPUT_ONLY =
      "Output only the merged text: no preamble, no notes on which draft a part came from, no\n"
          + "quotation marks and no code fence around it, and no <draft> tags.";

  final CliHarness cli = server.cli().withHistory();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  private CliHarness.Result merge(String... args) {
    List<String> all = new ArrayList<>(List.of("merge"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", baseUrl));
    return cli.run(all.toArray(String[]::new));
  }

  private static String mergeSystem() {
    return LoopFixture.shipped("_merge", Map.of("drafts", "x", "labels", "y")).system();
  }

  @Test
  void mergeSendsTheDraftsLabelledByNumberAndRecordsWhichWereMerged() {
    String first = firstRun(cli, server, baseUrl);
    answer(server, "Merge these drafts", "Red is warm, blue is deep.");

    CliHarness.Result result = merge(first + "/1,3", "keep", "it", "short");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Red is warm, blue is deep.\n");
    assertThat(result.err()).startsWith("draft: merging " + first + "/1,3\n");
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(1))
        .isEqualTo(
            ChatBody.to("m1")
                .system(mergeSystem())
                .user(
                    "Merge these drafts (Draft 1 and Draft 3) into one:\n"
                        + "\n"
                        + "<draft label=\"Draft 1\">\n"
                        + "Red is warm.\n"
                        + "</draft>\n"
                        + "\n"
                        + "<draft label=\"Draft 3\">\n"
                        + "Blue is deep.\n"
                        + "</draft>\n"
                        + "\n"
                        + "Follow this instruction for the merge, over the rules where they"
                        + " conflict:\n"
                        + "\n"
                        + "<instruction>\n"
                        + "keep it short\n"
                        + "</instruction>\n"
                        + "\n"
                        + OUTPUT_ONLY)
                .streamed());
    StoredRun merged = stored(home, savedAs(result));
    assertThat(merged.kind()).isEqualTo("merge");
    assertThat(merged.parentRun()).isEqualTo(first);
    assertThat(merged.parentDraft()).isNull();
    assertThat(merged.template()).isEqualTo("_merge");
    assertThat(merged.variables())
        .containsExactly(Map.entry("drafts", "1,3"), Map.entry("instruction", "keep it short"));
    assertThat(merged.n()).isEqualTo(1);
  }

  @Test
  void aRangeWithoutAnInstructionMergesEveryDraftInIt() {
    String first = firstRun(cli, server, baseUrl);
    answer(server, "Merge these drafts", "All three.", "Every colour.");

    CliHarness.Result result = merge(first + "/1-3", "-n", "2", "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode body = chatBodies(server).get(1);
    assertThat(body.get("n").asInt()).isEqualTo(2);
    assertThat(body.at("/messages/1/content").asText())
        .startsWith("Merge these drafts (Draft 1, Draft 2 and Draft 3) into one:\n")
        .contains("<draft label=\"Draft 2\">\nGreen is calm.\n</draft>\n")
        .endsWith(
            "</draft>\n"
                + "\n"
                + "Take the structure of whichever draft is organised best and bring into it what"
                + " the others do\n"
                + "better.\n"
                + "\n"
                + OUTPUT_ONLY)
        .doesNotContain("<instruction>");
    assertThat(stored(home, result.runId()).variables())
        .containsExactly(Map.entry("drafts", "1,2,3"));
  }

  @Test
  void fewerThanTwoDraftsOrABadListIsAUsageError() {
    String first = firstRun(cli, server, baseUrl);

    CliHarness.Result one = merge(first + "/2");
    CliHarness.Result same = merge(first + "/2,2");
    CliHarness.Result none = merge(first);
    CliHarness.Result bad = merge(first + "/1,x");
    CliHarness.Result backwards = merge(first + "/3-1");
    CliHarness.Result beyond = merge(first + "/1,5");

    assertThat(List.of(one, same, none, bad, backwards, beyond))
        .extracting(CliHarness.Result::exitCode)
        .containsOnly(2);
    String fewer =
        "draft: draft merge needs two drafts at least, named after the run: e.g. draft merge "
            + first
            + "/1,3 or "
            + first
            + "/1-3\n";
    assertThat(one.err()).isEqualTo(fewer);
    assertThat(same.err()).isEqualTo(fewer);
    assertThat(none.err()).isEqualTo(fewer);
    String list =
        "': after the / come draft numbers separated by commas, or a range, e.g. last/1,3 or"
            + " last/1-3\n";
    assertThat(bad.err()).isEqualTo("draft: '" + first + "/1,x" + list);
    assertThat(backwards.err()).isEqualTo("draft: '" + first + "/3-1" + list);
    assertThat(beyond.err()).isEqualTo("draft: run " + first + " has drafts 1 to 3, not 5\n");
    assertThat(chatBodies(server)).hasSize(1);
  }

  @Test
  void withTheHistoryOffInConfigThereIsNothingToMerge() {
    String first = firstRun(cli, server, baseUrl);
    cli.config("history: off\n");

    CliHarness.Result result = merge(first + "/1,2");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: draft merge works on the history and records in it, but config.yaml turns it"
                + " off (history: off); set history: on there\n");
  }
}
