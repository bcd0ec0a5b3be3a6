package dev.draft.cli;

import static dev.draft.cli.LoopFixture.COLOURS;
import static dev.draft.cli.LoopFixture.events;
import static dev.draft.cli.LoopFixture.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatRequest;
import dev.draft.client.FakeChatClient;
import dev.draft.history.HistoryStore;
import dev.draft.history.Query;
import dev.draft.history.RunSummary;
import dev.draft.history.StoredRun;
import dev.draft.ui.FakeEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole interactive loop through the command line: drafts streamed from the fake model into the
 * live view on a virtual terminal, then compared, edited, refined, merged, judged and picked with
 * keys, and what reached the model and the history checked. What goes over the wire is the client's
 * tests' business; here a stream stays open exactly until the test lets it go on or presses Ctrl-C.
 */
class PickViewLoopTest {
  @RegisterExtension final FakeChatClient model = new FakeChatClient();

  @TempDir Path home;
  @TempDir Path work;
  CliHarness cli;
  ScreenFixture screen;

  /** Where draft thinks the model is; nothing connects there. */
  final String baseUrl = "http://model.test/v1";

  @BeforeEach
  void setUp() {
    screen = new ScreenFixture(120, 30);
    // stdout redirected to a file, stderr on the terminal: the view opens, as fzf's does.
    cli =
        new CliHarness(home)
            .withHistory()
            .terminals(false, false, true)
            .screens(screen::open)
            .clients((settings, capabilities) -> model);
  }

  @AfterEach
  void closeScreen() throws Exception {
    screen.close();
  }

  /** The next streamed request asking {@code marker} gets {@code texts}, one per choice. */
  private void answer(String marker, String... texts) {
    model.enqueue(
        FakeChatClient.answer(texts)
            .usage(10, 5)
            .when(
                "a streamed request asking '" + marker + "'",
                r ->
                    r.stream()
                        && r.messages().stream().anyMatch(m -> m.content().contains(marker))));
  }

  /** The judge's request (the one not streamed) gets {@code reply} as its answer. */
  private void judgeAnswers(String reply) {
    model.enqueue(
        FakeChatClient.answer(reply).usage(19, 10).when("the judge's request", r -> !r.stream()));
  }

  /** The user message of the {@code i}th request the model got. */
  private String userMessage(int i) {
    return model.requests().get(i).messages().get(1).content();
  }

  /**
   * The three colours streamed part way, then held until Ctrl-C ({@code untilCancelled}) or until
   * the test releases them, and then finished.
   */
  private static FakeChatClient.Reply coloursPartWay() {
    return FakeChatClient.reply().text(0, "Red is").text(1, "Green").text(2, "Blue");
  }

  private CliHarness.Running colours(String... more) {
    answer("Name three colours", COLOURS.toArray(String[]::new));
    List<String> args =
        new java.util.ArrayList<>(
            List.of("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours"));
    args.addAll(List.of(more));
    return cli.start(args.toArray(String[]::new));
  }

  private static CliHarness.Result done(CliHarness.Running running) throws Exception {
    return running.result().get(20, TimeUnit.SECONDS);
  }

  private List<RunSummary> runs() {
    try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
      return store.list(Query.all());
    }
  }

  @Test
  void theDraftsStreamSideBySideThenEnterPrintsThePickAndRecordsIt() throws Exception {
    CliHarness.Running running = colours();

    String shown = screen.awaitPickView();
    assertThat(shown).contains("Red is warm.").contains("Green is calm.");
    screen.type("2\r");

    CliHarness.Result result = done(running);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Green is calm.\n");
    String run = runs().get(0).id();
    assertThat(result.err()).contains("draft: picked draft 2 = " + run + "/2");
    assertThat(stored(home, run).picked()).isEqualTo(2);
    assertThat(events(home, run))
        .extracting(LoopFixture.Event::kind, LoopFixture.Event::draft)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pick", 2));
    assertThat(events(home, run).get(0).payload().get("by").asText()).isEqualTo("view");
  }

  @Test
  void diffEditRefineAndPickTheWayTheIssueDescribes() throws Exception {
    FakeEditor editor = FakeEditor.write(work, "A line I added.", 0);
    cli.env("VISUAL", editor.command(""));
    Path file = work.resolve("piece.md");
    CliHarness.Running running = colours("-o", file.toString());
    screen.awaitPickView();

    screen.type("d3");
    String diff = screen.await("draft 1 → draft 3");
    assertThat(diff).contains("Red").contains("Blue");
    screen.type("\033");
    screen.await("← → move");

    screen.type("3e");
    String edited = screen.await("3 as generated → 3 as edited");
    assertThat(edited).contains("A line I added.");
    assertThat(editor.arguments()).hasSize(1);
    screen.type("\033");

    answer("<instruction>", "Blue is deeper.", "Blue, the deepest.");
    screen.type("rtighter, more concrete\r");
    String revised = screen.await(s -> s.contains(" 5 ") && s.contains("Blue, the deepest."));
    assertThat(revised).contains("refine of 3");
    screen.type("\r"); // the cursor is on the first revision, draft 4

    CliHarness.Result result = done(running);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("Blue is deeper.\n");
    assertThat(result.err()).contains("draft: the view also saved r0y5180");
    assertThat(result.err()).contains(" (2 revisions of draft 3)\n");

    List<RunSummary> runs = runs();
    assertThat(runs).hasSize(2);
    String first = runs.get(1).id();
    String refine = runs.get(0).id();
    StoredRun refined = stored(home, refine);
    assertThat(refined.kind()).isEqualTo("refine");
    assertThat(refined.parentRun()).isEqualTo(first);
    assertThat(refined.parentDraft()).isEqualTo(3);
    assertThat(refined.n()).isEqualTo(2);
    assertThat(refined.picked()).isEqualTo(1);
    // The refinement was of the edited text, with the instruction as typed.
    ChatRequest sent = model.requests().get(1);
    String user = sent.messages().get(1).content();
    assertThat(user).contains("tighter, more concrete").contains("Blue is deep.\nA line I added.");
    assertThat(sent.n()).isEqualTo(2);
    assertThat(events(home, first))
        .extracting(LoopFixture.Event::kind, LoopFixture.Event::draft)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("edit", 3));
    assertThat(events(home, first).get(0).payload().get("text").asText())
        .isEqualTo("Blue is deep.\nA line I added.");

    CliHarness.Result show = cli.terminals(false, false, false).run("show", "last");
    assertThat(show.out()).contains("Blue is deeper.");
  }

  @Test
  void refineTakesACountBeforeTheInstruction() throws Exception {
    CliHarness.Running running = colours();
    screen.awaitPickView();
    answer("<instruction>", "One.", "Two.", "Three.");

    screen.type("r3: warmer\r");
    screen.await(s -> s.contains(" 6 ") && s.contains("Three."));
    screen.type("q");

    assertThat(done(running).exitCode()).isZero();
    ChatRequest sent = model.requests().get(1);
    assertThat(sent.n()).isEqualTo(3);
    assertThat(sent.messages().get(1).content()).contains("<instruction>\nwarmer\n</instruction>");
  }

  @Test
  void mergeCombinesTheMarkedDraftsAsANewRunLinkedToTheirs() throws Exception {
    CliHarness.Running running = colours();
    screen.awaitPickView();
    answer("Draft 3", "Red and blue, warm and deep.");

    screen.type(" 3 m");
    screen.await("merge 1+3");
    screen.type("the voice of 3\r");
    screen.await("merge of 1+3");
    screen.type("\r");

    CliHarness.Result result = done(running);
    assertThat(result.out()).isEqualTo("Red and blue, warm and deep.\n");
    String user = userMessage(1);
    assertThat(user).contains("Red is warm.").contains("Blue is deep.").doesNotContain("Green");
    assertThat(user).contains("the voice of 3");
    StoredRun merged = stored(home, runs().get(0).id());
    assertThat(merged.kind()).isEqualTo("merge");
    assertThat(merged.parentRun()).isEqualTo(runs().get(1).id());
    assertThat(merged.variables()).containsEntry("drafts", "1,3");
  }

  @Test
  void theJudgeRanksBlindAndItsRankingIsShownAndRecorded() throws Exception {
    cli.seed(7);
    CliHarness.Running running = colours();
    screen.awaitPickView();
    judgeAnswers(
        "{\"ranking\": [\"B\", \"C\", \"A\"], \"notes\": {\"B\": \"most vivid\", \"A\": \"plain\"}}");

    screen.type("J");
    String ranked = screen.await("judge #1/3");
    assertThat(ranked).contains("judge #2/3").contains("judge #3/3").contains("most vivid");
    screen.type("q");

    assertThat(done(running).exitCode()).isZero();
    String user = userMessage(1);
    assertThat(user).doesNotContain("Draft 1").doesNotContain("Draft 2");
    String run = runs().get(0).id();
    List<LoopFixture.Event> events = events(home, run);
    assertThat(events).extracting(LoopFixture.Event::kind).containsExactly("judge");
    assertThat(events.get(0).payload().get("ranking")).hasSize(3);
  }

  @Test
  void starsAndDiscardsAreRecordedAndQuittingPicksNothingWithExitZero() throws Exception {
    CliHarness.Running running = colours();
    screen.awaitPickView();

    screen.type("2s");
    screen.await("★");
    screen.type("3x");
    screen.await(s -> !s.contains("Blue is deep."));
    screen.type("q");

    CliHarness.Result result = done(running);
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("draft: nothing picked; every draft stays in the history");
    String run = runs().get(0).id();
    assertThat(events(home, run))
        .extracting(LoopFixture.Event::kind, LoopFixture.Event::draft)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("star", 2),
            org.assertj.core.groups.Tuple.tuple("discard", 3));
    assertThat(stored(home, run).picked()).isNull();
  }

  @Test
  void ctrlCWhileStreamingKeepsThePartialDraftsInTheViewAndQuittingThenExits130() throws Exception {
    model.enqueue(coloursPartWay().untilCancelled());
    CliHarness.Running running =
        cli.start("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours");
    model.awaitHeld();
    screen.await("streaming");

    cli.interrupts().fire();
    screen.await("interrupted");
    screen.awaitPickView();
    screen.type("q");

    CliHarness.Result result = done(running);
    assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
    assertThat(stored(home, runs().get(0).id()).drafts())
        .allSatisfy(d -> assertThat(d.status().name()).isEqualToIgnoringCase("interrupted"));
  }

  @Test
  void pickReopensThePastRunInTheView() throws Exception {
    answer("Name three colours", COLOURS.toArray(String[]::new));
    CliHarness.Result first =
        cli.terminals(false, false, false)
            .run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours");
    assertThat(first.exitCode()).isZero();
    String run = runs().get(0).id();

    CliHarness.Running running = cli.terminals(true, true, true).start("pick", "last");
    screen.awaitPickView();
    screen.type("3\r");

    CliHarness.Result result = done(running);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Blue is deep.\n");
    assertThat(stored(home, run).picked()).isEqualTo(3);
  }

  @Test
  void noPickPickKAndJsonNeverOpenTheView() {
    for (int run = 0; run < 3; run++) {
      answer("Name three colours", COLOURS.toArray(String[]::new));
    }
    String[] base = {"ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours"};

    CliHarness.Result noPick = cli.run(concat(base, "--no-pick"));
    CliHarness.Result pick = cli.run(concat(base, "--pick", "2"));
    CliHarness.Result json = cli.run(concat(base, "--format", "json"));

    assertThat(screen.opened()).isZero();
    assertThat(noPick.out()).contains("=== draft 3/3 ===");
    assertThat(pick.out()).isEqualTo("Green is calm.\n");
    assertThat(json.out()).startsWith("{");
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void keysTypedWhileTheDraftsStreamDoNotPickBeforeTheUserSeesThem() throws Exception {
    model.enqueue(
        coloursPartWay()
            .hold()
            .text(0, " warm.")
            .text(1, " is calm.")
            .text(2, " is deep.")
            .finish(0, "stop")
            .finish(1, "stop")
            .finish(2, "stop")
            .usage(10, 5));
    CliHarness.Running running =
        cli.start("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours");
    model.awaitHeld();
    screen.await("streaming");

    screen.type("3\r");
    model.release();
    screen.awaitPickView();
    assertThat(running.result()).isNotDone();
    screen.type("2\r");

    assertThat(done(running).out()).isEqualTo("Green is calm.\n");
  }

  @Test
  void aPickThatCannotBeWrittenToItsFileGoesToStdout() throws Exception {
    Path blocked = Files.writeString(work.resolve("not-a-dir"), "a file");
    CliHarness.Running running = colours("-o", blocked.resolve("piece.md").toString());
    screen.awaitPickView();

    screen.type("3\r");

    CliHarness.Result result = done(running);
    // Issue 9: the file asked for was not written: exit 2, the pick on stdout.
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEqualTo("Blue is deep.\n");
    assertThat(result.err()).contains("the picked draft follows on stdout");
  }

  @Test
  void leavingWithTheHistoryOffPrintsTheDraftsRatherThanLosingThem() throws Exception {
    CliHarness.Running running = colours("--no-history");
    screen.awaitPickView();

    screen.type("q");

    CliHarness.Result result = done(running);
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "=== draft 1/3 ===\nRed is warm.\n\n=== draft 2/3 ===\nGreen is calm.\n\n"
                + "=== draft 3/3 ===\nBlue is deep.\n\n");
    assertThat(result.err()).contains("the history is off: here are the drafts");
    assertThat(Files.exists(home.resolve("history.db"))).isFalse();
  }

  @Test
  void withoutATerminalToOpenTheDraftsArePrintedWithAWarning() {
    answer("Name three colours", COLOURS.toArray(String[]::new));
    cli.screens(
        () -> {
          throw new java.io.UncheckedIOException(
              new java.io.IOException("cannot open the terminal: no such device"));
        });

    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("=== draft 3/3 ===\nBlue is deep.");
    assertThat(result.err())
        .contains(
            "draft: cannot open the terminal: no such device; the drafts are printed instead");
  }

  @Test
  void aMergeOfADraftAndARefinementNamesBothRuns() throws Exception {
    CliHarness.Running running = colours();
    screen.awaitPickView();
    answer("<instruction>", "Blue is deeper.", "Blue, the deepest.");
    screen.type("3rdeeper\r");
    screen.await(s -> s.contains(" 5 ") && s.contains("Blue, the deepest."));
    answer("Draft 4", "Red, and blue deeper still.");

    screen.type("1 4 m\r"); // mark 1 and 4, merge with no instruction
    screen.await("merge of 1+4");
    screen.type("q");

    assertThat(done(running).exitCode()).isZero();
    List<RunSummary> runs = runs();
    String first = runs.get(2).id();
    String refine = runs.get(1).id();
    StoredRun merged = stored(home, runs.get(0).id());
    assertThat(merged.kind()).isEqualTo("merge");
    assertThat(merged.parentRun()).isEqualTo(first);
    assertThat(merged.variables()).containsEntry("drafts", first + "/1," + refine + "/1");
  }

  @Test
  void afterCtrlCStoppedTheDraftsTheViewCanStillRefineThem() throws Exception {
    model.enqueue(coloursPartWay().untilCancelled().whenAsked("Name three colours"));
    CliHarness.Running running =
        cli.start("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours");
    model.awaitHeld();
    screen.await("streaming");
    cli.interrupts().fire();
    screen.await("interrupted");
    screen.awaitPickView();
    answer("<instruction>", "Revised once.", "Revised twice.");

    screen.type("rshorter\r");

    screen.await(s -> s.contains("Revised twice.") && s.contains("refine of 1"));
    screen.type("q");
    assertThat(done(running).exitCode()).isEqualTo(ExitCode.INTERRUPTED);
  }
}
