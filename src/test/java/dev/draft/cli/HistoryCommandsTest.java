package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.session.JsonText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recording runs in the history and reading them back: {@code draft history} and {@code draft
 * show}, with recording on as it is by default.
 */
class HistoryCommandsTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String CREATED_AT = CliHarness.NOW.toString();
  private static final Pattern SAVED_AS =
      Pattern.compile(
          "draft: saved as (r[0-9a-z]{9}); 'draft show \\1' prints it again\n$", Pattern.DOTALL);

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli().withHistory();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  private static String choices(String... texts) {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      chunks.add(Sse.role(i));
    }
    for (int i = 0; i < texts.length; i++) {
      chunks.add(Sse.text(i, texts[i]));
    }
    for (int i = 0; i < texts.length; i++) {
      chunks.add(Sse.finish(i, "stop"));
    }
    chunks.add(Sse.usage(10, 5));
    return Sse.body(chunks.toArray(String[]::new));
  }

  /** Answers requests whose body contains {@code marker} with {@code texts}, one per choice. */
  private static void answer(String marker, String... texts) {
    server.stubFor(
        post(CHAT).withRequestBody(containing(marker)).willReturn(Sse.stream(choices(texts))));
  }

  /** The id of the run from the "saved as" line that ends stderr. */
  private static String savedAs(CliHarness.Result result) {
    Matcher saved = SAVED_AS.matcher(result.err());
    assertThat(saved.find()).as("a 'saved as' line at the end of %s", result.err()).isTrue();
    assertThat(saved.group(1)).startsWith(CliHarness.RUN_PREFIX);
    return saved.group(1);
  }

  private static JsonNode json(String text) throws Exception {
    return JsonText.MAPPER.readTree(text);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.get(field).isNull() ? null : node.get(field).asText()));
    return values;
  }

  private static String line(String id, String template, String model, int n, String preview) {
    // Issue 9: a status column (every run here came back whole: ok).
    return String.format(
        "%-11s %5s  %-14s %-22s %2d  %-11s %s%n", id, "0s", template, model, n, "ok", preview);
  }

  /** The three runs: a river ask, an article about tea, and three colours with model m2. */
  private record Runs(String river, String article, String colours) {}

  private Runs threeRuns() {
    answer("Describe a valley", "The river bends past the mill.", "A river runs through it.");
    answer("Subject: tea", "Tea grows on slopes.", "Steeped leaves.", "Gardeners love tea.");
    answer("Name three colours", "Red", "Green", "Blue");

    CliHarness.Result river =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "2", "Describe a valley");
    CliHarness.Result article =
        cli.run("article", "--topic", "tea", "--base-url", baseUrl, "-m", "m1");
    CliHarness.Result colours =
        cli.run("ask", "--base-url", baseUrl, "-m", "m2", "-n", "3", "Name three colours");

    assertThat(river.exitCode()).as(river.err()).isZero();
    assertThat(article.exitCode()).as(article.err()).isZero();
    assertThat(colours.exitCode()).as(colours.err()).isZero();
    return new Runs(savedAs(river), savedAs(article), savedAs(colours));
  }

  // --- history ----------------------------------------------------------------------------------

  @Test
  void historyRiverFindsOnlyTheRunWhoseDraftsMentionRivers() {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("history", "river");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(line(runs.river(), "(ask)", "m1", 2, "The river bends past the mill."));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void historyWithoutAQueryListsEveryRunNewestFirst() {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("history");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            line(runs.colours(), "(ask)", "m2", 3, "Red")
                + line(runs.article(), "article", "m1", 3, "Tea grows on slopes.")
                + line(runs.river(), "(ask)", "m1", 2, "The river bends past the mill."));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void historySearchWithNoMatchSaysSo() {
    threeRuns();

    CliHarness.Result result = cli.run("history", "volcano");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("draft: no runs match\n");
  }

  @Test
  void historyFiltersByTemplateModelAndLimit() {
    Runs runs = threeRuns();

    CliHarness.Result article = cli.run("history", "--template", "article");
    CliHarness.Result m1 = cli.run("history", "--model", "m1");
    CliHarness.Result one = cli.run("history", "-n", "1");

    assertThat(article.out())
        .isEqualTo(line(runs.article(), "article", "m1", 3, "Tea grows on slopes."));
    assertThat(m1.out())
        .isEqualTo(
            line(runs.article(), "article", "m1", 3, "Tea grows on slopes.")
                + line(runs.river(), "(ask)", "m1", 2, "The river bends past the mill."));
    assertThat(one.out()).isEqualTo(line(runs.colours(), "(ask)", "m2", 3, "Red"));
    assertThat(List.of(article.exitCode(), m1.exitCode(), one.exitCode())).containsOnly(0);
  }

  @Test
  void historyJsonHasExactlyTheDocumentedFields() throws Exception {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("history", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode array = json(result.out());
    assertThat(array.isArray()).isTrue();
    assertThat(texts(array, "run")).containsExactly(runs.colours(), runs.article(), runs.river());
    for (JsonNode run : array) {
      List<String> fields = new ArrayList<>();
      run.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .containsExactly(
              "run", "created_at", "template", "model", "n", "picked", "status", "preview");
      assertThat(run.get("created_at").asText()).isEqualTo(CREATED_AT);
      assertThat(run.get("picked").isNull()).isTrue();
    }
    assertThat(texts(array, "template")).containsExactly(null, "article", null);
    assertThat(texts(array, "model")).containsExactly("m2", "m1", "m1");
    assertThat(texts(array, "n")).containsExactly("3", "3", "2");
    assertThat(texts(array, "preview"))
        .containsExactly("Red", "Tea grows on slopes.", "The river bends past the mill.");
  }

  @Test
  void historyJsonOfASearchHasOnlyTheMatchingRun() throws Exception {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("history", "river", "--json");

    assertThat(texts(json(result.out()), "run")).containsExactly(runs.river());
  }

  // --- show -------------------------------------------------------------------------------------

  @Test
  void showLastSlashTwoPrintsExactlyDraftTwo() {
    threeRuns();

    CliHarness.Result result = cli.run("show", "last/2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Green\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void showRunSlashKPrintsThatRunsDraft() {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("show", runs.river() + "/2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("A river runs through it.\n");
  }

  @Test
  void showLastPrintsEveryDraftWithItsStatus() {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("show", "last");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "run "
                + runs.colours()
                + "  "
                + CREATED_AT
                + "  draft ask  m2\n"
                + "  endpoint: "
                + baseUrl
                + "\n"
                + "  prompt: Name three colours\n"
                + "\n=== draft 1/3 · complete ===\nRed\n"
                + "\n=== draft 2/3 · complete ===\nGreen\n"
                + "\n=== draft 3/3 · complete ===\nBlue\n");
  }

  @Test
  void showOfAnAskRunPrintsItsSystemMessageAndPromptAndCutsALongOne() {
    answer("Line one", "Done.");
    String prompt = "Line one\nline two\n" + "word ".repeat(600);
    CliHarness.Result asked =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-s", "Be brief.", prompt);
    assertThat(asked.exitCode()).as(asked.err()).isZero();
    String run = savedAs(asked);

    String shown = cli.run("show", run).out();

    assertThat(shown)
        .startsWith(
            "run "
                + run
                + "  "
                + CREATED_AT
                + "  draft ask  m1\n  endpoint: "
                + baseUrl
                + "\n  system: Be brief.\n  prompt: Line one\n          line two\n          word word")
        .contains(
            "… (" + (prompt.strip().length() - 2000) + " more characters; 'draft export " + run)
        .endsWith("\n=== draft 1/1 · complete ===\nDone.\n");
  }

  @Test
  void showRunJsonHasTheMessagesSentAndTheDrafts() throws Exception {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("show", runs.river(), "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode run = json(result.out());
    assertThat(run.get("run").asText()).isEqualTo(runs.river());
    assertThat(run.get("model").asText()).isEqualTo("m1");
    assertThat(run.get("template").isNull()).isTrue();
    assertThat(run.get("base_url").asText()).isEqualTo(baseUrl);
    assertThat(run.get("messages")).hasSize(1);
    assertThat(run.get("messages").get(0).get("role").asText()).isEqualTo("user");
    assertThat(run.get("messages").get(0).get("content").asText()).isEqualTo("Describe a valley");
    assertThat(texts(run.get("drafts"), "index")).containsExactly("1", "2");
    assertThat(texts(run.get("drafts"), "text"))
        .containsExactly("The river bends past the mill.", "A river runs through it.");
    assertThat(texts(run.get("drafts"), "status")).containsExactly("complete", "complete");
    assertThat(run.get("usage").get("total_tokens").asInt()).isEqualTo(15);
  }

  @Test
  void showOfATemplateRunJsonHasItsVariablesAndSystemMessage() throws Exception {
    Runs runs = threeRuns();

    JsonNode run = json(cli.run("show", runs.article(), "--json").out());

    assertThat(run.get("template").asText()).isEqualTo("article");
    assertThat(run.get("variables").get("topic").asText()).isEqualTo("tea");
    assertThat(texts(run.get("messages"), "role")).containsExactly("system", "user");
    assertThat(run.get("messages").get(1).get("content").asText()).contains("Subject: tea");
  }

  @Test
  void showOfAnUnknownRunExits2() {
    threeRuns();

    CliHarness.Result result = cli.run("show", "rzzzzzzzzz");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("draft: no run 'rzzzzzzzzz' in the history ('draft history' lists them)\n");
  }

  @Test
  void showOfAnAmbiguousPrefixExits2ListingTheMatches() {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("show", CliHarness.RUN_PREFIX);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: '"
                + CliHarness.RUN_PREFIX
                + "' matches several runs: "
                + String.join(", ", runs.colours(), runs.article(), runs.river())
                + "; type more of the id\n");
  }

  @Test
  void showOfADraftTheRunDoesNotHaveExits2() {
    Runs runs = threeRuns();

    CliHarness.Result result = cli.run("show", "last/9");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("draft: run " + runs.colours() + " has drafts 1 to 3, not 9\n");
  }

  // --- recording --------------------------------------------------------------------------------

  @Test
  void aRecordedRunSaysWhereItWasSavedOnStderr() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Hello there.", 9, 3))));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Say hello");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hello there.\n");
    String run = savedAs(result);
    assertThat(result.err())
        .isEqualTo(
            "1/1 answer from m1 · 9 prompt + 3 completion tokens\n"
                + "draft: saved as "
                + run
                + "; 'draft show "
                + run
                + "' prints it again\n");
    assertThat(cli.run("show", run + "/1").out()).isEqualTo("Hello there.\n");
  }

  @Test
  void theJsonOutputCarriesTheRunIdItWasSavedAs() throws Exception {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Hello there.", 9, 3))));

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "--format", "json", "Say hello");

    assertThat(result.exitCode()).isZero();
    assertThat(result.runId()).isEqualTo(savedAs(result));
    assertThat(json(cli.run("show", result.runId(), "--json").out()).get("run").asText())
        .isEqualTo(result.runId());
  }

  @Test
  void noHistoryRecordsNothing() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Hello there.", 9, 3))));

    CliHarness.Result result =
        cli.run("ask", "--no-history", "--base-url", baseUrl, "-m", "m1", "Say hello");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).doesNotContain("saved as");
    assertThat(home.resolve("history.db")).doesNotExist();
    CliHarness.Result history = cli.run("history");
    assertThat(history.exitCode()).isZero();
    assertThat(history.out()).isEmpty();
    assertThat(history.err()).isEqualTo("draft: no runs yet\n");
  }

  @Test
  void historyOffInTheConfigRecordsNothing() {
    server.stubFor(post(CHAT).willReturn(Sse.stream(Sse.answer("Hello there.", 9, 3))));
    cli.config("history: off\n");

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Say hello");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).doesNotContain("saved as");
    assertThat(home.resolve("history.db")).doesNotExist();
    CliHarness.Result history = cli.run("history");
    assertThat(history.out()).isEmpty();
    assertThat(history.err()).isEqualTo("draft: no runs yet\n");
  }

  @Test
  void aStreamCutShortIsStoredWithItsPartialTextAsInterrupted() throws Exception {
    server.stubFor(
        post(CHAT)
            .willReturn(
                Sse.stream(Sse.events(Sse.role(0), Sse.text(0, "Once upon"), Sse.text(0, " a")))));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "A story");

    // Issue 9: no draft came back whole: 4.
    assertThat(result.exitCode()).isEqualTo(4);
    String run = savedAs(result);
    JsonNode stored = json(cli.run("show", run, "--json").out());
    assertThat(stored.get("drafts")).hasSize(1);
    JsonNode draft = stored.get("drafts").get(0);
    assertThat(draft.get("text").asText()).isEqualTo("Once upon a");
    assertThat(draft.get("status").asText()).isEqualTo("interrupted");
    assertThat(draft.get("error").asText()).isEqualTo("the stream ended before the model finished");
    assertThat(cli.run("show", "last/1").out()).isEqualTo("Once upon a\n");
  }

  @Test
  void ctrlCLeavesTheDraftsStoredAsInterruptedWithTheirPartialText() throws Exception {
    // The first words, then keep-alive comments trickling out over 10 s before the rest; Ctrl-C
    // comes once the first words are on stdout.
    String body =
        Sse.events(Sse.role(0), Sse.text(0, "Once upon"))
            + ": keep-alive\n\n".repeat(1500)
            + Sse.body(Sse.text(0, " a time"), Sse.finish(0, "stop"));
    server.stubFor(
        post(CHAT)
            .willReturn(Sse.stream(body).withChunkedDribbleDelay(body.length() / 20, 10_000)));

    CliHarness.Running running = cli.start("ask", "--base-url", baseUrl, "-m", "m1", "A story");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!running.out().toString().contains("Once upon") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(running.out().toString()).startsWith("Once upon");
    assertThat(cli.interrupts().fire()).isTrue();
    CliHarness.Result result = running.result().get(15, TimeUnit.SECONDS);

    assertThat(result.exitCode()).isEqualTo(130);
    String run = savedAs(result);
    JsonNode stored = json(cli.run("show", run, "--json").out());
    assertThat(stored.get("drafts")).hasSize(1);
    JsonNode draft = stored.get("drafts").get(0);
    assertThat(draft.get("text").asText()).isEqualTo("Once upon");
    assertThat(draft.get("status").asText()).isEqualTo("interrupted");
    assertThat(draft.get("error").asText()).isEqualTo("stopped by the user");
    assertThat(cli.run("show", "last").out()).contains("=== draft 1/1 · interrupted: ");
  }

  // --- secrets and permissions ------------------------------------------------------------------

  @Test
  void theApiKeyIsNowhereInTheDatabaseFile() throws Exception {
    String key = "sk-test-HISTORYSECRET123456789";
    cli.env("OPENAI_API_KEY", key);
    server.stubFor(
        post(CHAT)
            .withHeader("Authorization", equalTo("Bearer " + key))
            .willReturn(Sse.stream(Sse.answer("Hello there.", 9, 3))));

    CliHarness.Result result = cli.run("ask", "--base-url", baseUrl, "-m", "m1", "Say hello");

    assertThat(result.exitCode()).as(result.err()).isZero();
    server.verify(
        1,
        postRequestedFor(urlEqualTo(CHAT)).withHeader("Authorization", equalTo("Bearer " + key)));
    Path db = home.resolve("history.db");
    assertThat(db).isRegularFile();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(Files.readAllBytes(db));
    Path wal = Path.of(db + "-wal");
    if (Files.exists(wal)) {
      bytes.write(Files.readAllBytes(wal));
    }
    String raw = bytes.toString(StandardCharsets.ISO_8859_1);
    assertThat(raw).as("the run is in the file, so a key would be too").contains("Hello there.");
    assertThat(raw).doesNotContain(key).doesNotContain("HISTORYSECRET");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-------");
  }
}
