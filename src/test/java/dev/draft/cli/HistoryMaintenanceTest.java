package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft export}, {@code draft redo}, {@code draft history path} and {@code prune}. */
class HistoryMaintenanceTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli().withHistory();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  @BeforeEach
  void setUp() {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.text(0, "Nile"),
                        Sse.text(1, "Amazon"),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop"),
                        Sse.usage(10, 4)))));
  }

  private String ask(String... extra) throws Exception {
    String[] args = {"ask", "--base-url", baseUrl, "-m", "m1", "-n", "2", "--format", "json"};
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    CliHarness.Result result = cli.run(all);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return new ObjectMapper().readTree(result.out()).get("run").asText();
  }

  @Test
  void exportAsMarkdownHasThePromptAndEveryDraftWithItsStatus() throws Exception {
    String run = ask("Name", "two", "rivers");

    CliHarness.Result md = cli.run("export", run);

    assertThat(md.exitCode()).isZero();
    assertThat(md.out())
        .startsWith("# draft ask — run " + run + "\n\n- created: ")
        .contains(
            "- model: m1\n",
            "\n## Prompt\n\n### user\n\nName two rivers\n",
            "\n## Draft 1 of 2 (complete)\n\nNile\n",
            "\n## Draft 2 of 2 (complete)\n\nAmazon\n");
  }

  @Test
  void exportAsJsonIsTheWholeRun() throws Exception {
    String run = ask("Name", "two", "rivers");

    CliHarness.Result json = cli.run("export", "last", "--format", "json");

    assertThat(json.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("run").asText()).isEqualTo(run);
    assertThat(root.get("messages").get(0).get("content").asText()).isEqualTo("Name two rivers");
    assertThat(root.get("drafts").findValuesAsText("text")).containsExactly("Nile", "Amazon");
    assertThat(root.get("usage").get("total_tokens").asInt()).isEqualTo(14);
  }

  @Test
  void redoSendsTheSameMessagesAgainAsANewRunLinkedToTheOld() throws Exception {
    String first = ask("--temperature", "0.4", "Name", "two", "rivers");

    CliHarness.Result redo = cli.run("redo", first, "--base-url", baseUrl, "--format", "json");

    assertThat(redo.exitCode()).as(redo.err()).isZero();
    JsonNode again = new ObjectMapper().readTree(redo.out());
    String second = again.get("run").asText();
    assertThat(second).isNotEqualTo(first);
    assertThat(redo.err()).startsWith("draft: redoing " + first + "\n");
    server.verify(
        2,
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Name two rivers")))
            .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.4")))
            .withRequestBody(matchingJsonPath("$.n", equalTo("2")))
            .withRequestBody(matchingJsonPath("$.model", equalTo("m1"))));
    JsonNode stored = new ObjectMapper().readTree(cli.run("show", second, "--json").out());
    assertThat(stored.get("kind").asText()).isEqualTo("redo");
    assertThat(stored.get("parent_run").asText()).isEqualTo(first);
  }

  @Test
  void aLargeInputIsStoredOnceAndShowAndRedoGiveTheExactPromptBack() throws Exception {
    cli.config(
        "profiles:\n  big:\n    base_url: "
            + baseUrl
            + "\n    model: m1\n    context_window: 100000000\n");
    StringBuilder text = new StringBuilder();
    for (int line = 0; text.length() <= 1_200_000; line++) {
      text.append("Line ").append(line).append(": the harbour at dawn, 河流 ").append(line * 7);
      text.append('\n');
    }
    String input = text.toString();

    CliHarness.Result first =
        cli.runWithStdin(input, "polish", "-p", "big", "-n", "1", "--format", "json");
    assertThat(first.exitCode()).as(first.err()).isZero();
    String run = first.runId();
    CliHarness.Result redo = cli.run("redo", run, "--format", "json");
    assertThat(redo.exitCode()).as(redo.err()).isZero();

    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> sent = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      sent.add(0, mapper.readTree(event.getRequest().getBodyAsString()).get("messages"));
    }
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).toString())
        .contains(mapper.writeValueAsString(input.strip()).substring(1, 200));
    assertThat(sent.get(1)).as("redo sends the very same messages").isEqualTo(sent.get(0));
    JsonNode shown = mapper.readTree(cli.run("show", run, "--json").out());
    assertThat(shown.get("messages")).isEqualTo(sent.get(0));
    JsonNode exported = mapper.readTree(cli.run("export", run, "--format", "json").out());
    assertThat(exported.get("messages")).isEqualTo(sent.get(0));
    assertThat(cli.run("export", run).out()).contains(input.strip());

    long inputBytes = input.getBytes(StandardCharsets.UTF_8).length;
    Path db = home.resolve("history.db");
    Path wal = Path.of(db + "-wal");
    long stored = Files.size(db) + (Files.exists(wal) ? Files.size(wal) : 0);
    assertThat(stored).as("two runs of one input, stored once").isLessThan(inputBytes * 12 / 10);
  }

  @Test
  void redoUsesTheRunsOwnBaseUrlNotTheDefaultProfile() throws Exception {
    cli.config(
        "default_profile: elsewhere\nprofiles:\n  elsewhere:\n    base_url: http://127.0.0.1:9/v1\n");
    String first = ask("Name", "two", "rivers");

    CliHarness.Result redo = cli.run("redo", first, "--format", "json");

    assertThat(redo.exitCode()).as(redo.err()).isZero();
    server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    JsonNode stored = new ObjectMapper().readTree(cli.run("show", "last", "--json").out());
    assertThat(stored.get("base_url").asText()).isEqualTo(baseUrl);
    assertThat(stored.get("model").asText()).isEqualTo("m1");
  }

  @Test
  void redoOfARunWhoseBaseUrlHeldAKeyAsksForTheUrlAgain() throws Exception {
    String withKey = baseUrl.replace("http://", "http://user:sk-redo-SECRET@");
    CliHarness.Result asked =
        cli.run("ask", "--base-url", withKey, "-m", "m1", "-n", "2", "--format", "json", "Hi");
    assertThat(asked.exitCode()).as(asked.err()).isZero();

    CliHarness.Result redo = cli.run("redo", "last", "--format", "json");

    assertThat(redo.exitCode()).as("the masked URL is never sent").isEqualTo(2);
    assertThat(redo.err()).contains("pass --base-url again").doesNotContain("sk-redo-SECRET");
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void redoUsesTheRunsOwnProfileNotTheDefaultOne() throws Exception {
    cli.config(
        "default_profile: elsewhere\nprofiles:\n  elsewhere:\n    base_url: http://127.0.0.1:9/v1\n"
            + "  mine:\n    base_url: "
            + baseUrl
            + "\n    model: m1\n");
    CliHarness.Result asked = cli.run("ask", "-p", "mine", "-n", "2", "--format", "json", "Hi");
    assertThat(asked.exitCode()).as(asked.err()).isZero();

    CliHarness.Result redo = cli.run("redo", "last", "--format", "json");

    assertThat(redo.exitCode()).as(redo.err()).isZero();
    JsonNode stored = new ObjectMapper().readTree(cli.run("show", "last", "--json").out());
    assertThat(stored.get("kind").asText()).isEqualTo("redo");
    assertThat(stored.get("profile").asText()).isEqualTo("mine");
  }

  @Test
  void redoWithAProfileFlagUsesThatProfile() throws Exception {
    cli.config("profiles:\n  dead:\n    base_url: http://127.0.0.1:9/v1\n    max_retries: 0\n");
    String first = ask("Name", "two", "rivers");

    CliHarness.Result redo = cli.run("redo", first, "-p", "dead", "--format", "json");

    assertThat(redo.exitCode()).as("the flag wins: the dead endpoint is tried").isEqualTo(4);
    server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void historyPathIsTheDatabaseInTheDataDirectory() {
    CliHarness.Result result = cli.run("history", "path");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(home.resolve("history.db") + "\n");
  }

  @Test
  void pruneWithoutATerminalNeedsYesAndDeletesNothingUntilGivenIt() throws Exception {
    ask("Name", "two", "rivers");

    CliHarness.Result refused = cli.run("history", "prune", "--older-than", "90d");
    CliHarness.Result kept = cli.run("history", "prune", "--older-than", "90d", "--yes");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .isEqualTo(
            "draft: pruning deletes runs for good: add --yes to do it without a terminal to ask"
                + " on\n");
    assertThat(kept.exitCode()).isZero();
    assertThat(kept.err()).isEqualTo("draft: deleted 0 runs\n");
    assertThat(cli.run("history").out()).contains("Nile");
  }

  @Test
  void pruneOnATerminalAsksAndDeletesOnlyOnYes() throws Exception {
    ask("Name", "two", "rivers");
    // The harness clock is fixed, so the run is not older than 1 s: what differs is whether the
    // prune went ahead (it reports its count) or stopped at the answer.
    CliHarness.Result no =
        cli.terminals(true, true, true)
            .runWithStdin("n\n", "history", "prune", "--older-than", "1s");
    CliHarness.Result yes =
        cli.terminals(true, true, true)
            .runWithStdin("y\n", "history", "prune", "--older-than", "1s");

    assertThat(no.exitCode()).isZero();
    assertThat(no.err()).endsWith("[y/N] draft: nothing deleted\n");
    assertThat(yes.exitCode()).isZero();
    assertThat(yes.err()).endsWith("[y/N] draft: deleted 0 runs\n");
  }

  @Test
  void sinceTakesAnAgeOrADateAndRefusesAnythingElse() throws Exception {
    String run = ask("Name", "two", "rivers");

    CliHarness.Result recent = cli.run("history", "--since", "7d");
    CliHarness.Result later = cli.run("history", "--since", "2099-01-01");
    CliHarness.Result bad = cli.run("history", "--since", "last tuesday");

    assertThat(recent.exitCode()).isZero();
    assertThat(recent.out()).startsWith(run + " ");
    assertThat(later.exitCode()).isZero();
    assertThat(later.out()).isEmpty();
    assertThat(later.err()).isEqualTo("draft: no runs match\n");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo(
            "draft: --since takes a duration such as 7d, 12h or 30m, or a date such as"
                + " 2026-11-01; got 'last tuesday'\n");
  }

  @Test
  void pickIsRecordedAndFoundWithPicked() throws Exception {
    String unpicked = ask("Name", "two", "rivers");
    String picked = ask("--pick", "2", "Name", "two", "rivers");

    CliHarness.Result onlyPicked = cli.run("history", "--picked", "--json");
    JsonNode stored = new ObjectMapper().readTree(cli.run("show", picked, "--json").out());

    JsonNode runs = new ObjectMapper().readTree(onlyPicked.out());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("run").asText()).isEqualTo(picked).isNotEqualTo(unpicked);
    assertThat(runs.get(0).get("picked").asInt()).isEqualTo(2);
    assertThat(runs.get(0).get("preview").asText()).isEqualTo("Amazon");
    assertThat(stored.get("picked").asInt()).isEqualTo(2);
  }
}
