package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.draft.session.JsonText;
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
 * An input longer than the model's window, end to end against a fake endpoint: the prompts each
 * strategy sends, in what order and how many at once, and what the user is told.
 */
class LongInputTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  /** Six sections of some 250 words each, with a heading path two deep. */
  private static String document() {
    StringBuilder doc = new StringBuilder("# River report\n\n");
    for (int s = 1; s <= 6; s++) {
      doc.append("## Section ").append(s).append("\n\n");
      for (int p = 0; p < 5; p++) {
        for (int w = 0; w < 10; w++) {
          doc.append("Word").append(s).append(" flows past the bank in spring. ");
        }
        doc.append("\n\n");
      }
    }
    return doc.toString();
  }

  @BeforeEach
  void setUp() throws IOException {
    cli.config(
        """
        profiles:
          local:
            base_url: %s
            model: m1
            context_window: 2000
            concurrency: 2
        """
            .formatted(baseUrl));
    // No server tokenizer: the count is jtokkit's with the margin for other vendors.
    server.stubFor(post("/tokenize").willReturn(aResponse().withStatus(404)));
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(
        prompts.resolve("digest.md"),
        """
        ---
        description: A digest
        input: required
        long_input: map-reduce
        system: You write digests for river engineers.
        ---
        Write a digest of the text in about 100 words.

        <text>
        {{input}}
        </text>
        """,
        StandardCharsets.UTF_8);
    Files.writeString(
        prompts.resolve("plain.md"),
        """
        ---
        description: No long_input
        input: required
        ---
        Summarise: {{input}}
        """,
        StandardCharsets.UTF_8);
    Files.writeString(home.resolve("doc.md"), document(), StandardCharsets.UTF_8);
    cli.cwd(home);
  }

  /** Every part's notes are {@code note}; every other request is answered {@code result}. */
  private static void notesThen(String note, String result) {
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("<part>"))
            .willReturn(Sse.stream(Sse.answer(note, 400, 3))));
    server.stubFor(
        post(CHAT)
            .withRequestBody(not(containing("<part>")))
            .willReturn(Sse.stream(Sse.answer(result, 100, 3))));
  }

  private static String words(String word, int count) {
    return (word + " ").repeat(count).strip();
  }

  private List<JsonNode> chatBodies() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    List<JsonNode> bodies = new ArrayList<>();
    for (ServeEvent event : events) {
      if (event.getRequest().getUrl().equals(CHAT)) {
        try {
          bodies.add(JsonText.MAPPER.readTree(event.getRequest().getBodyAsString()));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return bodies;
  }

  private static String lastMessage(JsonNode body) {
    JsonNode messages = body.get("messages");
    return messages.get(messages.size() - 1).get("content").asText();
  }

  @Test
  void mapReduceTakesNotesOnEveryPartCombinesThemAndWritesNCandidatesFromTheNotesOnce() {
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("<part>"))
            .willReturn(Sse.stream(Sse.answer(words("note", 180), 400, 180))));
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("still too long to use together"))
            .willReturn(Sse.stream(Sse.answer(words("combined", 60), 900, 60))));
    server.stubFor(
        post(CHAT)
            .withRequestBody(not(containing("<part>")))
            .withRequestBody(not(containing("still too long to use together")))
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.text(0, "Digest one."),
                        Sse.text(1, "Digest two."),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop"),
                        Sse.usage(500, 10)))));

    CliHarness.Result result = cli.run("digest", "doc.md", "-n", "2", "--no-pick");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("Digest one.", "Digest two.");
    List<JsonNode> bodies = chatBodies();
    List<String> maps =
        bodies.stream().map(LongInputTest::lastMessage).filter(m -> m.contains("<part>")).toList();
    List<String> combines =
        bodies.stream()
            .map(LongInputTest::lastMessage)
            .filter(m -> m.contains("still too long to use together"))
            .toList();
    List<JsonNode> finals =
        bodies.stream()
            .filter(
                b ->
                    !lastMessage(b).contains("<part>")
                        && !lastMessage(b).contains("still too long to use together"))
            .toList();
    // Every section was in some part, in order, each part told where it sits.
    String parts = String.join("\n", maps);
    for (int s = 1; s <= 6; s++) {
      assertThat(parts).contains("Word" + s + " flows");
    }
    // Sent two at a time, so in any order; each says which part it is and where it sits.
    assertThat(maps)
        .anySatisfy(m -> assertThat(m).contains("This is part 1 of " + maps.size() + " "))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("This is part 2 of " + maps.size())
                    .contains("It sits under: River report > Section 2."));
    assertThat(maps).allSatisfy(m -> assertThat(m).contains("Write a digest of the text"));
    assertThat(combines).as("the notes were too long for one prompt").isNotEmpty();
    // The N candidates are one request of n=2 over the notes, not two pipelines.
    assertThat(finals).hasSize(1);
    JsonNode last = finals.get(0);
    assertThat(last.get("n").asInt()).isEqualTo(2);
    assertThat(last.get("messages").get(0).get("content").asText())
        .startsWith("You write digests for river engineers.");
    // The combined notes still say which parts they cover.
    assertThat(lastMessage(last))
        .contains("<notes>", "combined")
        .containsPattern("\\[parts 1–\\d+ of " + maps.size() + "]\ncombined")
        .doesNotContain("Word1 flows");
    assertThat(result.err())
        .contains("reading the input in " + maps.size() + " parts")
        .contains("read the input in " + maps.size() + " parts");
  }

  @Test
  void notesAreTakenAtMostConcurrencyAtATime() {
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("<part>"))
            .willReturn(Sse.stream(Sse.answer("short note", 400, 3)).withFixedDelay(300)));
    server.stubFor(
        post(CHAT)
            .withRequestBody(not(containing("<part>")))
            .willReturn(Sse.stream(Sse.answer("Digest.", 100, 3))));

    CliHarness.Result result = cli.run("digest", "doc.md", "--no-pick");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<long[]> spans = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      if (event.getRequest().getBodyAsString().contains("<part>")) {
        long start = event.getRequest().getLoggedDate().getTime();
        spans.add(new long[] {start, start + event.getTiming().getTotalTime()});
      }
    }
    assertThat(spans).hasSizeGreaterThan(2);
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
    assertThat(most).as("parts in flight at once").isBetween(1, 2);
  }

  @Test
  void aPartWhoseNotesFailIsNamedAndTheRunIsPartial() {
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("<part>"))
            .willReturn(Sse.stream(Sse.answer("a note", 400, 3))));
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("This is part 2 of"))
            .atPriority(1)
            .willReturn(Sse.error(400, "bad part", "invalid_request_error", null)));
    server.stubFor(
        post(CHAT)
            .withRequestBody(not(containing("<part>")))
            .willReturn(Sse.stream(Sse.answer("Digest.", 100, 3))));

    CliHarness.Result result = cli.run("digest", "doc.md", "--no-pick");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(result.out()).contains("Digest.");
    assertThat(result.err())
        .containsPattern("draft: part 2 of \\d+ \\(River report[^)]*\\) is missing");
  }

  @Test
  void dryRunPrintsThePlanAndSendsNoPrompt() {
    CliHarness.Result result = cli.run("digest", "doc.md", "-n", "3", "--dry-run");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("window is 2,000 tokens (context_window in the profile)")
        .containsPattern("map-reduce: \\d+ parts of at most [\\d,]+ tokens")
        .contains("part 1 ", "part 2 ", "River report > Section 2")
        .contains("then 3 for the result (-n 3)")
        .contains("nothing was sent (--dry-run)");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void truncateKeepsTheStartAndSaysHowMuchWasDropped() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Digest.", 100, 3))));

    CliHarness.Result result = cli.run("digest", "doc.md", "--long-input", "truncate", "--no-pick");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).containsPattern("kept the first [\\d,]+ \\(\\d+%\\) and dropped");
    List<JsonNode> bodies = chatBodies();
    assertThat(bodies).hasSize(1);
    assertThat(lastMessage(bodies.get(0))).contains("Word1 flows").doesNotContain("Word6 flows");
  }

  @Test
  void refineReadsThePartsInOrderCarryingTheNotes() {
    notesThen("RUNNING NOTES", "Digest.");

    CliHarness.Result result = cli.run("digest", "doc.md", "--long-input", "refine", "--no-pick");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> parts =
        chatBodies().stream()
            .map(LongInputTest::lastMessage)
            .filter(m -> m.contains("<part>"))
            .toList();
    assertThat(parts.size()).isGreaterThan(1);
    assertThat(parts.get(0)).doesNotContain("<earlier>");
    for (int i = 1; i < parts.size(); i++) {
      assertThat(parts.get(i)).contains("<earlier>\nRUNNING NOTES\n</earlier>");
      assertThat(parts.get(i)).contains("This is part " + (i + 1) + " of");
    }
  }

  @Test
  void withoutAStrategyTheInputIsRefusedWithTheOptions() {
    CliHarness.Result result = cli.run("plain", "doc.md");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("m1's context window is 2,000 (context_window in the profile)")
        .contains("--long-input map-reduce");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void anUnknownStrategyIsAUsageError() {
    CliHarness.Result result = cli.run("digest", "doc.md", "--long-input", "chunk");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: --long-input takes map-reduce, refine, truncate or error, got 'chunk'\n");
  }

  @Test
  void theServersOwnCountCalibratesTheParts() {
    server.stubFor(
        post("/tokenize")
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.model", equalTo("m1")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"tokens\": [" + "1,".repeat(3999) + "1]}")));
    server.stubFor(get("/v1/models").willReturn(Sse.models("m1")));

    CliHarness.Result result = cli.run("digest", "doc.md", "--dry-run");

    assertThat(result.exitCode()).as(result.err()).isZero();
    // The server counts the 8,000-character sample as 4,000 tokens: twice jtokkit's count.
    assertThat(result.out()).containsPattern("input: about [\\d,]+ tokens");
    server.verify(1, postRequestedFor(urlEqualTo("/tokenize")));
  }

  @Test
  void theNotesAreKeptInTheHistoryWithTheRun() throws Exception {
    cli.withHistory();
    notesThen("a note", "Digest.");

    CliHarness.Result result = cli.run("digest", "doc.md", "--no-pick");
    assertThat(result.exitCode()).as(result.err()).isZero();
    CliHarness.Result shown = cli.run("show", "last", "--json");

    JsonNode run = JsonText.MAPPER.readTree(shown.out());
    assertThat(run.get("messages").toString()).contains("[part 1 of").contains("a note");
    try (dev.draft.history.HistoryStore store =
        dev.draft.history.HistoryStore.open(home.resolve("history.db"))) {
      dev.draft.history.StoredRun stored = store.run("last").orElseThrow();
      JsonNode notes =
          JsonText.MAPPER.readTree(
              stored.events().stream()
                  .filter(e -> e.kind().equals("notes"))
                  .findFirst()
                  .orElseThrow()
                  .payload());
      assertThat(notes.get("strategy").asText()).isEqualTo("map-reduce");
      assertThat(notes.get("rounds").get(0).size()).isGreaterThan(1);
      assertThat(notes.get("rounds").get(0).get(0).asText()).startsWith("[part 1 of");
      assertThat(notes.get("missing")).isEmpty();
    }
  }

  @Test
  void aLastStepThatCannotFitIsRefusedBeforeAnyPartIsPaidFor() {
    CliHarness.Result result = cli.run("digest", "doc.md", "--max-tokens", "1800");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("m1's window of 2,000 tokens cannot hold the last step")
        .contains("lower --max-tokens");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void anUnknownWindowIsAssumedAndSaidWhenTheInputIsLong() throws IOException {
    cli.config(
        """
        profiles:
          local:
            base_url: %s
            model: m1
        """
            .formatted(baseUrl));
    server.stubFor(get("/v1/models").willReturn(Sse.models("m1")));
    Files.writeString(home.resolve("doc.md"), document() + document(), StandardCharsets.UTF_8);

    CliHarness.Result result = cli.run("digest", "doc.md", "--dry-run");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("m1's context window is unknown; assuming 4,096 tokens (set context_window");
    assertThat(result.out()).contains("window is 4,096 tokens (assumed)");
    server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  private long partCalls() {
    return chatBodies().stream().filter(b -> lastMessage(b).contains("<part>")).count();
  }

  private JsonNode notesEvent(String ref) throws IOException {
    try (dev.draft.history.HistoryStore store =
        dev.draft.history.HistoryStore.open(home.resolve("history.db"))) {
      dev.draft.history.StoredRun stored = store.run(ref).orElseThrow();
      return JsonText.MAPPER.readTree(
          stored.events().stream()
              .filter(e -> e.kind().equals("notes"))
              .findFirst()
              .orElseThrow()
              .payload());
    }
  }

  private String lastRunId() {
    try (dev.draft.history.HistoryStore store =
        dev.draft.history.HistoryStore.open(home.resolve("history.db"))) {
      return store.run("last").orElseThrow().id();
    }
  }

  @Test
  void aSecondRunOnTheSameInputUsesTheFirstRunsNotesAndPaysForNoPart() throws IOException {
    cli.withHistory();
    notesThen("a note", "Digest.");
    assertThat(cli.run("digest", "doc.md", "--no-pick").exitCode()).isZero();
    String first = lastRunId();
    long parts = partCalls();
    assertThat(parts).isGreaterThan(1);
    server.resetRequests();

    CliHarness.Result again = cli.run("digest", "doc.md", "-n", "2", "--no-pick");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(partCalls()).as("parts read again").isZero();
    // The last step only (a second request makes up the candidate the stub's n=2 answer lacks).
    assertThat(chatBodies())
        .isNotEmpty()
        .allSatisfy(
            b -> assertThat(lastMessage(b)).contains("<notes>", "[part 1 of " + parts, "a note"));
    assertThat(again.err())
        .contains(
            "draft: the input is longer than m1's window; using the notes run "
                + first
                + " took on it with the same prompts ("
                + parts
                + " parts; --reread reads it again)")
        .doesNotContain("read the input in");
    JsonNode notes = notesEvent("last");
    assertThat(notes.get("reused_from").asText()).isEqualTo(first);
    assertThat(notes.get("calls").asInt()).isZero();
    assertThat(notes.get("rounds").get(0)).hasSize((int) parts);
    assertThat(notes.get("key").asText()).isEqualTo(notesEvent(first).get("key").asText());

    // The plan says so too, naming the run that paid for them, and --reread pays again.
    CliHarness.Result plan = cli.run("digest", "doc.md", "--dry-run");
    assertThat(plan.out()).contains("calls: none for notes (run " + first + " took them");
    server.resetRequests();
    CliHarness.Result reread = cli.run("digest", "doc.md", "--reread", "--no-pick");
    assertThat(reread.exitCode()).as(reread.err()).isZero();
    assertThat(partCalls()).isEqualTo(parts);
  }

  @Test
  void anotherInputAnotherGoalOrNoHistoryReadsTheInputAgain() throws IOException {
    cli.withHistory();
    notesThen("a note", "Digest.");
    assertThat(cli.run("digest", "doc.md", "--no-pick").exitCode()).isZero();
    long parts = partCalls();

    // One word more in the document.
    Files.writeString(home.resolve("doc.md"), document() + "Coda.\n", StandardCharsets.UTF_8);
    server.resetRequests();
    assertThat(cli.run("digest", "doc.md", "--no-pick").exitCode()).isZero();
    assertThat(partCalls()).isEqualTo(parts);

    // The same document for another goal: the notes are taken for what the result must be.
    Files.writeString(home.resolve("doc.md"), document(), StandardCharsets.UTF_8);
    Path prompts = home.resolve("prompts");
    Files.writeString(
        prompts.resolve("digest.md"),
        Files.readString(prompts.resolve("digest.md")).replace("100 words", "50 words"),
        StandardCharsets.UTF_8);
    server.resetRequests();
    assertThat(cli.run("digest", "doc.md", "--no-pick").exitCode()).isZero();
    assertThat(partCalls()).isEqualTo(parts);

    // Not recorded, not looked up.
    server.resetRequests();
    assertThat(cli.run("digest", "doc.md", "--no-pick", "--no-history").exitCode()).isZero();
    assertThat(partCalls()).isEqualTo(parts);
  }

  @Test
  void notesWithAPartMissingAreNotUsedAgain() {
    cli.withHistory();
    notesThen("a note", "Digest.");
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("This is part 2 of"))
            .atPriority(1)
            .willReturn(Sse.error(400, "bad part", "invalid_request_error", null)));
    assertThat(cli.run("digest", "doc.md", "--no-pick").exitCode()).isEqualTo(ExitCode.PARTIAL);
    long parts = partCalls();
    server.resetAll();
    server.stubFor(post("/tokenize").willReturn(aResponse().withStatus(404)));
    notesThen("a note", "Digest.");

    CliHarness.Result again = cli.run("digest", "doc.md", "--no-pick");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(partCalls()).isEqualTo(parts);
  }

  @Test
  void redoWritesFromTheRunsNotesAndRecordsThem() throws IOException {
    cli.withHistory();
    notesThen("a note", "Digest.");
    assertThat(cli.run("digest", "doc.md", "--no-pick").exitCode()).isZero();
    String first = lastRunId();
    server.resetRequests();

    CliHarness.Result redo = cli.run("redo", "last", "--no-pick");

    assertThat(redo.exitCode()).as(redo.err()).isZero();
    assertThat(redo.err())
        .contains("redoing " + first + " from its notes on the input (no part is read again)");
    assertThat(partCalls()).isZero();
    assertThat(chatBodies()).hasSize(1);
    JsonNode notes = notesEvent("last");
    assertThat(lastRunId()).isNotEqualTo(first);
    assertThat(notes.get("reused_from").asText()).isEqualTo(first);
    assertThat(notes.get("rounds").get(0).get(0).asText()).startsWith("[part 1 of");
  }

  @Test
  void withVaryAnglesEachCandidateTakesAnApproachToTheNotesAndNothingIsRefused() {
    notesThen(words("note", 120), "Digest.");
    server.stubFor(
        post(CHAT)
            .atPriority(1)
            .withRequestBody(containing("distinctly different approaches"))
            .willReturn(
                Sse.stream(
                    Sse.answer("1. Start from the floods.\n2. Follow the water.", 900, 12))));

    CliHarness.Result result =
        cli.run("digest", "doc.md", "-n", "2", "--vary", "angles", "--no-pick");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> finals =
        chatBodies().stream()
            .map(LongInputTest::lastMessage)
            .filter(m -> m.contains("Take this approach"))
            .toList();
    assertThat(finals).hasSize(2);
    assertThat(finals).allSatisfy(m -> assertThat(m).contains("<notes>"));
    assertThat(finals)
        .anySatisfy(m -> assertThat(m).endsWith("Start from the floods."))
        .anySatisfy(m -> assertThat(m).endsWith("Follow the water."));
  }

  @Test
  void notesPaidForAreKeptWhenTheLastStepFailsAndTheNextRunUsesThem() {
    cli.withHistory();
    server.stubFor(
        post(CHAT)
            .withRequestBody(containing("<part>"))
            .willReturn(Sse.stream(Sse.answer("a note", 400, 3))));
    server.stubFor(
        post(CHAT)
            .withRequestBody(not(containing("<part>")))
            .willReturn(Sse.error(400, "refused", "invalid_request_error", null)));
    CliHarness.Result failed = cli.run("digest", "doc.md", "--no-pick");
    assertThat(failed.exitCode()).as(failed.err()).isNotZero();
    long parts = partCalls();
    assertThat(parts).isGreaterThan(1);
    server.resetAll();
    server.stubFor(post("/tokenize").willReturn(aResponse().withStatus(404)));
    notesThen("another note", "Digest.");

    CliHarness.Result again = cli.run("digest", "doc.md", "--no-pick");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Digest.");
    assertThat(partCalls()).isZero();
    assertThat(again.err()).contains("using the notes run ");
  }
}
