package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.draft.session.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code draft batch} end to end against a fake endpoint: what each item sends, what lands in the
 * destination, how failures, retries and resumes end, and what the user is told.
 */
class BatchCommandTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  @BeforeEach
  void setUp() throws IOException {
    cli.config(
        """
        profiles:
          local:
            base_url: %s
            model: m1
            context_window: 4000
            concurrency: 3
            max_retries: 2
        """
            .formatted(baseUrl));
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(
        prompts.resolve("shout.md"),
        """
        ---
        description: Says a text again, in a tone
        variables:
          tone: {description: The tone, default: plain}
        input: required
        ---
        In a {{tone}} tone: {{input}}
        """,
        StandardCharsets.UTF_8);
    cli.cwd(home);
  }

  /** Every request is answered with the text it carried, upper-cased, after "Done: ". */
  private static void echo(String... texts) {
    for (String text : texts) {
      server.stubFor(
          post(CHAT)
              .withRequestBody(containing(text))
              .willReturn(Sse.stream(Sse.answer("Done: " + text.toUpperCase(), 10, 3))));
    }
  }

  private Path jsonl(String name, String... lines) throws IOException {
    Path file = home.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      nodes.add(JsonText.MAPPER.readTree(line));
    }
    return nodes;
  }

  private Map<String, Integer> requestsPerText(String... texts) {
    Map<String, Integer> counts = new HashMap<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      String body = event.getRequest().getBodyAsString();
      for (String text : texts) {
        if (event.getRequest().getUrl().equals(CHAT) && body.contains(text)) {
          counts.merge(text, 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  @Test
  void everyItemOfAJsonlSourceLandsOnceInTheJsonlDestination() throws IOException {
    echo("alpha", "beta", "gamma");
    jsonl(
        "in.jsonl",
        "{\"id\": \"a\", \"input\": \"alpha\"}",
        "",
        "{\"id\": \"b\", \"input\": \"beta\", \"tone\": \"warm\"}",
        "{\"id\": \"c\", \"input\": \"gamma\"}");

    CliHarness.Result result =
        cli.run("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl", "--tone", "dry");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> out = lines(home.resolve("out.jsonl"));
    assertThat(out).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(out).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("complete"));
    JsonNode b = out.stream().filter(n -> n.get("id").asText().equals("b")).findFirst().get();
    assertThat(b.get("text").asText()).isEqualTo("Done: BETA");
    assertThat(b.get("variables").get("tone").asText()).isEqualTo("warm");
    // The flag's tone for every item, the item's own where it has one.
    assertThat(requestsPerText("In a dry tone: alpha", "In a warm tone: beta"))
        .containsEntry("In a dry tone: alpha", 1)
        .containsEntry("In a warm tone: beta", 1);
    assertThat(result.err()).contains("draft: batch shout: 3 complete, 0 failed");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void failuresAreRecordedTheRestGoOnAndTheNextRunRetriesOnlyThem() throws IOException {
    echo("alpha", "gamma");
    // beta: refused for good; delta: a 500, then fine (the client retries it).
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("beta"))
            .willReturn(Sse.error(400, "no beta here", "invalid_request_error", null)));
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("delta"))
            .inScenario("delta")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("recovered"));
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("delta"))
            .inScenario("delta")
            .whenScenarioStateIs("recovered")
            .willReturn(Sse.stream(Sse.answer("Done: DELTA", 10, 3))));
    jsonl(
        "in.jsonl",
        "{\"id\": \"a\", \"input\": \"alpha\"}",
        "{\"id\": \"b\", \"input\": \"beta\"}",
        "not json at all",
        "{\"id\": \"c\", \"input\": \"gamma\"}",
        "{\"id\": \"d\", \"input\": \"delta\"}");

    CliHarness.Result first = cli.run("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl");

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(first.err())
        .contains("3 complete, 2 failed")
        .contains("the failures are in out.jsonl");
    List<JsonNode> out = lines(home.resolve("out.jsonl"));
    assertThat(out).hasSize(5);
    Map<String, String> status = new HashMap<>();
    out.forEach(n -> status.put(n.get("id").asText(), n.get("status").asText()));
    assertThat(status).containsEntry("a", "complete").containsEntry("b", "failed");
    assertThat(status).containsEntry("d", "complete");
    JsonNode bad =
        out.stream().filter(n -> n.get("error").asText("").contains("line 3")).findFirst().get();
    assertThat(bad.get("status").asText()).isEqualTo("failed");

    // Again: only the failed items are sent, and every item is still in DEST once.
    server.resetRequests();
    CliHarness.Result again = cli.run("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl");

    assertThat(again.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(again.err()).contains("0 complete, 2 failed, 3 complete before (skipped)");
    assertThat(requestsPerText("alpha", "beta", "gamma", "delta"))
        .containsOnlyKeys("beta")
        .containsEntry("beta", 1);
    List<JsonNode> after = lines(home.resolve("out.jsonl"));
    assertThat(after).hasSize(5);
    assertThat(after.stream().map(n -> n.get("id").asText()).distinct().count()).isEqualTo(5);
  }

  @Test
  void atMostConcurrencyRequestsAreInFlight() throws IOException {
    String[] texts = new String[9];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = "item" + i + "x";
      server.stubFor(
          post(CHAT)
              .withRequestBody(containing(texts[i]))
              .willReturn(Sse.stream(Sse.answer("ok", 10, 1)).withFixedDelay(200)));
    }
    String[] lines = new String[texts.length];
    for (int i = 0; i < texts.length; i++) {
      lines[i] = "{\"input\": \"" + texts[i] + "\"}";
    }
    jsonl("in.jsonl", lines);

    CliHarness.Result result =
        cli.run("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl", "--concurrency", "2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<long[]> spans = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      long start = event.getRequest().getLoggedDate().getTime();
      spans.add(new long[] {start, start + event.getTiming().getTotalTime()});
    }
    assertThat(spans).hasSize(9);
    int most = 0;
    for (long[] span : spans) {
      int overlapping = 0;
      for (long[] other : spans) {
        if (other[0] <= span[0] && span[0] < other[1]) {
          overlapping++;
        }
      }
      most = Math.max(most, overlapping);
    }
    assertThat(most).as("requests in flight at once").isBetween(1, 2);
  }

  @Test
  void aDirectoryOfFilesIsRewrittenFileByFileKeepingNamesAndExtensions() throws IOException {
    echo("first note", "second note");
    Path in = Files.createDirectories(home.resolve("notes/sub"));
    Files.writeString(home.resolve("notes/a.txt"), "first note\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("b.md"), "second note\n", StandardCharsets.UTF_8);

    CliHarness.Result result = cli.run("batch", "shout", "--in", "notes", "--out", "rewritten");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(home.resolve("rewritten/a.txt"))).isEqualTo("Done: FIRST NOTE\n");
    assertThat(Files.readString(home.resolve("rewritten/sub/b.md")))
        .isEqualTo("Done: SECOND NOTE\n");
  }

  @Test
  void aCsvSourceWithQuotedMultiLineFields() throws IOException {
    echo("one, two", "three");
    Files.writeString(
        home.resolve("in.csv"),
        "id,input,tone\r\nx,\"one, two\",warm\r\ny,\"three\nand more\",\r\n",
        StandardCharsets.UTF_8);

    CliHarness.Result result = cli.run("batch", "shout", "--in", "in.csv", "--out", "out.jsonl");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(requestsPerText("In a warm tone: one, two", "three\\nand more"))
        .containsEntry("In a warm tone: one, two", 1)
        .containsEntry("three\\nand more", 1);
  }

  @Test
  void candidatesPerItemTheLongestWrittenAndAllKept() throws IOException {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.text(0, "short"),
                        Sse.text(1, "the longer one"),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop"),
                        Sse.usage(10, 4)))));
    jsonl("in.jsonl", "{\"id\": \"a\", \"input\": \"alpha\"}");

    CliHarness.Result result =
        cli.run(
            "batch",
            "shout",
            "--in",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "-n",
            "2",
            "--select",
            "longest",
            "--keep-all");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode line = lines(home.resolve("out.jsonl")).get(0);
    assertThat(line.get("text").asText()).isEqualTo("the longer one");
    assertThat(line.get("candidates")).hasSize(2);
  }

  @Test
  void dryRunShowsTheFirstPromptsAndCountsSendingNothing() throws IOException {
    jsonl(
        "in.jsonl",
        "{\"id\": \"a\", \"input\": \"alpha\"}",
        "{\"id\": \"b\", \"input\": \"beta\"}",
        "{\"id\": \"c\"}");

    CliHarness.Result result =
        cli.run("batch", "shout", "--in", "in.jsonl", "--dry-run", "--max-tokens", "50");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("=== item a (line 1) ===", "In a plain tone: alpha", "=== item b (line 2) ===")
        .contains("items: 3 (1 cannot run; the first: line 3: no input")
        .contains("answers: at most 100 tokens")
        .contains("nothing was sent (--dry-run)");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
    assertThat(home.resolve("out.jsonl")).doesNotExist();
  }

  @Test
  void exportedRequestsComeBackThroughImport() throws IOException {
    jsonl(
        "in.jsonl",
        "{\"id\": \"a\", \"input\": \"alpha\"}",
        "{\"id\": \"b\", \"input\": \"beta\"}");

    CliHarness.Result exported =
        cli.run("batch", "shout", "--in", "in.jsonl", "--export-requests", "requests.jsonl");

    assertThat(exported.exitCode()).as(exported.err()).isZero();
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
    List<JsonNode> requests = lines(home.resolve("requests.jsonl"));
    assertThat(requests).hasSize(2);
    JsonNode first = requests.get(0);
    assertThat(first.get("custom_id").asText()).isEqualTo("a");
    assertThat(first.get("method").asText()).isEqualTo("POST");
    assertThat(first.get("url").asText()).isEqualTo("/v1/chat/completions");
    assertThat(first.get("body").get("model").asText()).isEqualTo("m1");
    assertThat(first.get("body").get("stream").asBoolean()).isFalse();
    assertThat(first.get("body").get("messages").get(0).get("content").asText())
        .isEqualTo("In a plain tone: alpha");

    // The engine's output, in another order, one of them refused.
    jsonl(
        "results.jsonl",
        "{\"id\":\"batch_req_2\",\"custom_id\":\"b\",\"response\":{\"status_code\":400,"
            + "\"body\":{\"error\":{\"message\":\"bad\"}}},\"error\":null}",
        "{\"id\":\"batch_req_1\",\"custom_id\":\"a\",\"response\":{\"status_code\":200,"
            + "\"body\":{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"ALPHA!\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}},\"error\":null}");

    CliHarness.Result imported =
        cli.run("batch", "import", "results.jsonl", "--in", "in.jsonl", "--out", "out.jsonl");

    assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(imported.err()).contains("imported 1 complete, 1 failed");
    List<JsonNode> out = lines(home.resolve("out.jsonl"));
    assertThat(out).hasSize(2);
    JsonNode a = out.stream().filter(n -> n.get("id").asText().equals("a")).findFirst().get();
    assertThat(a.get("text").asText()).isEqualTo("ALPHA!");
  }

  @Test
  void oneBatchIsOneRunInTheHistoryAndShowSumsItUp() throws IOException {
    cli.withHistory();
    echo("alpha");
    jsonl("in.jsonl", "{\"id\": \"a\", \"input\": \"alpha\"}", "{\"id\": \"b\", \"tone\": \"x\"}");

    CliHarness.Result result = cli.run("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl");
    assertThat(result.exitCode()).isEqualTo(ExitCode.PARTIAL);
    CliHarness.Result shown = cli.run("show", "last");

    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("batch of template shout")
        .contains("in: in.jsonl · out: out.jsonl")
        .contains("items: 1 complete, 1 failed")
        .contains("failed: b: line 2: no input");
    CliHarness.Result history = cli.run("history");
    assertThat(history.out().lines().filter(l -> l.contains("shout")).toList())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("partial", "batch: 2 items, 1 failed"));
    assertThat(cli.run("history", "--failed").out()).contains("batch: 2 items, 1 failed");
  }

  @Test
  void wrongFlagsAreRefusedWithTheFix() throws IOException {
    jsonl("in.jsonl", "{\"input\": \"alpha\"}");

    assertThat(cli.run("batch", "shout", "--in", "in.jsonl").err()).contains("give --out DEST");
    CliHarness.Result unknown =
        cli.run("batch", "shout", "--in", "in.jsonl", "--out", "o.jsonl", "--mood", "x");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("unknown option --mood for draft batch shout (its variables: tone");
    assertThat(
            cli.run("batch", "shout", "--in", "in.jsonl", "--out", "o.jsonl", "--keep-all").err())
        .contains("--keep-all keeps every candidate: give -n 2 or more");
    assertThat(
            cli.run("batch", "shout", "--in", "in.jsonl", "--out", "o.jsonl", "--select", "judge")
                .err())
        .contains("--select judge chooses among an item's candidates: give -n 2 or more");
    assertThat(cli.run("batch", "shout", "--in", "nothing.jsonl", "--out", "o.jsonl").exitCode())
        .isEqualTo(2);
    assertThat(cli.run("batch", "nosuch", "--in", "in.jsonl", "--out", "o.jsonl").err())
        .contains("no template 'nosuch'");
    try (Stream<Path> files = Files.list(home)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("o.jsonl");
    }
  }

  @Test
  void anItemWithABadVariableFailsAloneAndAnEmptyCellLeavesTheFlagsValue() throws IOException {
    Files.writeString(
        home.resolve("prompts/pick.md"),
        """
        ---
        description: A length from a list
        variables:
          length: {description: How long, default: same, choices: [shorter, same, longer]}
          tone: {description: The tone, default: plain}
        input: required
        ---
        {{length}} and {{tone}}: {{input}}
        """,
        StandardCharsets.UTF_8);
    echo("alpha", "beta");
    Files.writeString(
        home.resolve("in.csv"),
        "id,length,tone,text\na,weird,,alpha\nb,,,beta\n",
        StandardCharsets.UTF_8);

    CliHarness.Result result =
        cli.run("batch", "pick", "--in", "in.csv", "--out", "out.jsonl", "--tone", "dry");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(result.err()).contains("1 complete, 1 failed").contains("the first: line 2: ");
    assertThat(requestsPerText("same and dry: beta")).containsEntry("same and dry: beta", 1);
    assertThat(lines(home.resolve("out.jsonl"))).hasSize(2);
  }

  @Test
  void helpWorksAndTheSourceIsNeverTheDestination() throws IOException {
    jsonl("in.jsonl", "{\"input\": \"alpha\"}");
    Files.writeString(home.resolve("notes.txt"), "my own notes\n", StandardCharsets.UTF_8);

    CliHarness.Result help = cli.run("batch", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--in=SOURCE", "--out=DEST", "--rpm", "--select");
    assertThat(cli.run("batch", "import", "--help").out()).contains("RESULTS");

    CliHarness.Result same = cli.run("batch", "shout", "--in", "in.jsonl", "--out", "in.jsonl");
    assertThat(same.exitCode()).isEqualTo(2);
    assertThat(same.err()).contains("--out in.jsonl is the source itself");
    CliHarness.Result foreign = cli.run("batch", "shout", "--in", "in.jsonl", "--out", "notes.txt");
    assertThat(foreign.exitCode()).isEqualTo(2);
    assertThat(foreign.err()).contains("holds something other than draft batch results");
    assertThat(Files.readString(home.resolve("notes.txt"))).isEqualTo("my own notes\n");
    Files.createDirectories(home.resolve("posts"));
    Files.writeString(home.resolve("posts/a.md"), "alpha\n", StandardCharsets.UTF_8);
    assertThat(cli.run("batch", "shout", "--in", "posts", "--out", "posts/out").err())
        .contains("is inside the source posts");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void itemsTheDirectoryCannotTakeAreCountedFailedAndSkipsAreThisSourcesOnly() throws IOException {
    echo("alpha", "beta");
    jsonl(
        "in.jsonl",
        "{\"id\": \"a\", \"input\": \"alpha\"}",
        "{\"id\": \"b\", \"input\": \"beta\"}");

    CliHarness.Result clash =
        cli.run("batch", "shout", "--in", "in.jsonl", "--out", "dir", "--out-name", "same.md");

    assertThat(clash.exitCode()).as(clash.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(clash.err()).contains("1 complete, 1 failed");

    // A destination holding more than this source: only this source's items count as skipped.
    assertThat(cli.run("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl").exitCode())
        .isZero();
    jsonl("one.jsonl", "{\"id\": \"a\", \"input\": \"alpha\"}");
    CliHarness.Result again = cli.run("batch", "shout", "--in", "one.jsonl", "--out", "out.jsonl");
    assertThat(again.err()).contains("0 complete, 0 failed, 1 complete before (skipped)");
  }

  @Test
  void aBatchRunHasNoDraftsToRedoOrRefine() throws IOException {
    cli.withHistory();
    echo("alpha");
    jsonl("in.jsonl", "{\"id\": \"a\", \"input\": \"alpha\"}");
    assertThat(cli.run("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl").exitCode())
        .isZero();
    server.resetRequests();

    CliHarness.Result redo = cli.run("redo", "last");

    assertThat(redo.exitCode()).isEqualTo(2);
    assertThat(redo.err()).contains("is a batch: its items are in its destination");
    assertThat(cli.run("refine", "last/1", "shorter").err()).contains("is a batch");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void anItemLongerThanTheWindowIsReadInPartsAsLongInputSaysElseFailsWithTheNumbers()
      throws IOException {
    server.stubFor(post("/tokenize").willReturn(aResponse().withStatus(404)));
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("<part>"))
            .willReturn(Sse.stream(Sse.answer("a note", 400, 3))));
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("<notes>"))
            .willReturn(Sse.stream(Sse.answer("Digest of the notes.", 100, 3))));
    echo("short one");
    String long1 = "The river rose again in spring. ".repeat(800);
    jsonl(
        "in.jsonl",
        "{\"id\": \"long\", \"input\": \"" + long1 + "\"}",
        "{\"id\": \"short\", \"input\": \"short one\"}");

    CliHarness.Result refused =
        cli.run("batch", "shout", "--in", "in.jsonl", "--out", "refused.jsonl");

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(refused.err())
        .contains("1 complete, 1 failed")
        .contains("line 1: the prompt is about")
        .contains("--long-input map-reduce");

    CliHarness.Result parts =
        cli.run(
            "batch",
            "shout",
            "--in",
            "in.jsonl",
            "--out",
            "parts.jsonl",
            "--long-input",
            "map-reduce");

    assertThat(parts.exitCode()).as(parts.err()).isZero();
    JsonNode long2 =
        lines(home.resolve("parts.jsonl")).stream()
            .filter(n -> n.get("id").asText().equals("long"))
            .findFirst()
            .get();
    assertThat(long2.get("text").asText()).isEqualTo("Digest of the notes.");
    assertThat(requestsPerText("<part>").get("<part>")).isGreaterThan(1);
  }

  @Test
  void theJudgePicksTheCandidateWrittenAndItsTokensCount() throws IOException {
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("alpha"))
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.text(0, "first take"),
                        Sse.text(1, "second take"),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop"),
                        Sse.usage(10, 4)))));
    // The judge ranks whichever label shows "second take" first: both orders are answered.
    server.stubFor(
        post(CHAT)
            .atPriority(1)
            .withRequestBody(containing("<draft label="))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"{\\\"ranking\\\": [\\\"B\\\", \\\"A\\\"]}\"},"
                            + "\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":7}}")));
    jsonl("in.jsonl", "{\"id\": \"a\", \"input\": \"alpha\"}");

    CliHarness.Result result =
        cli.run(
            "batch",
            "shout",
            "--in",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "-n",
            "2",
            "--select",
            "judge");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode line = lines(home.resolve("out.jsonl")).get(0);
    assertThat(line.get("text").asText()).isIn("first take", "second take");
    assertThat(line.get("usage").get("prompt_tokens").asLong()).isEqualTo(110);
    assertThat(line.get("usage").get("completion_tokens").asLong()).isEqualTo(11);
  }

  @Test
  void ctrlCStopsTheBatchWritesWhatEndedAndTheHistorySaysItWasStopped() throws Exception {
    cli.withHistory();
    String[] lines = new String[12];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "{\"id\": \"" + i + "\", \"input\": \"slow" + i + "\"}";
    }
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("ok", 10, 1)).withFixedDelay(400)));
    jsonl("in.jsonl", lines);

    CliHarness.Running running =
        cli.start("batch", "shout", "--in", "in.jsonl", "--out", "out.jsonl", "--concurrency", "2");
    long deadline = System.nanoTime() + 20_000_000_000L;
    while ((!Files.exists(home.resolve("out.jsonl"))
            || Files.readAllLines(home.resolve("out.jsonl")).size() < 2)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(cli.interrupts().fire()).isTrue();
    CliHarness.Result result = running.result().get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(130);
    assertThat(result.err()).contains("stopped: the items in flight run again next time");
    int written = Files.readAllLines(home.resolve("out.jsonl")).size();
    assertThat(written).isBetween(2, 11);
    assertThat(cli.run("history").out()).contains("interrupted", "batch: " + written + " items");
  }
}
