package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pick view on a virtual terminal of a fixed size (JLine's screen emulator), driven by the
 * bytes a keyboard sends, and read back as the characters on the screen.
 */
class PickViewTest {
  static {
    // Box-drawing characters as themselves, so the screen reads back as it is drawn.
    System.setProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET, "true");
  }

  private static final String RIVER =
      "The river starts as snow on the mountain and runs for a thousand miles to the sea.";
  private static final String LIGHTHOUSE =
      "A lighthouse keeper counts the ships that pass and writes each name in a book.";
  private static final String HARBOUR =
      "At dawn the harbour wakes: gulls, ropes, engines, and the smell of diesel and salt.";

  private ScreenTerminal.VirtualTerminal vt;
  private final List<String> recorded = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeTerminal() throws IOException {
    if (vt != null) {
      vt.terminal().close();
    }
  }

  @Test
  void wideTerminalShowsTheDraftsSideBySideAndEnterPicksTheCurrentOne() throws Exception {
    CompletableFuture<PickView.Result> result = open(120, 20, RIVER, LIGHTHOUSE, HARBOUR);

    String screen = awaitScreen(s -> s.contains("lighthouse") && s.contains("harbour"));
    String titles = lineWith(screen, " 1 ");
    assertThat(titles).contains(" 2 ").contains(" 3 ");
    assertThat(titles.indexOf(" 2 ")).isGreaterThan(titles.indexOf(" 1 "));

    type("3\r");

    assertThat(result.get(5, TimeUnit.SECONDS).picked().number()).isEqualTo(3);
  }

  @Test
  void keysDraftHasNoUseForAreReadWholeAndIgnored() throws Exception {
    CompletableFuture<PickView.Result> result = open(120, 20, RIVER, LIGHTHOUSE, HARBOUR);

    // Delete, F5, Shift-→, F1: none may act as the digits or letters inside them.
    type("\033[3~\033[15~\033[1;2C\033OP");
    type("\r");

    assertThat(result.get(5, TimeUnit.SECONDS).picked().number()).isEqualTo(1);
  }

  @Test
  void narrowTerminalStacksTheDrafts() throws Exception {
    open(60, 24, RIVER, LIGHTHOUSE, HARBOUR);

    String screen = awaitScreen(s -> s.contains("harbour"));
    List<String> lines = screen.lines().toList();
    int first = indexOfLineStarting(lines, " 1 ");
    int second = indexOfLineStarting(lines, " 2 ");
    int third = indexOfLineStarting(lines, " 3 ");
    assertThat(first).isLessThan(second).isLessThan(third).isNotNegative();
    assertThat(lines.get(first)).doesNotContain(" 2 ");
  }

  @Test
  void chineseTextKeepsTheColumnsStraight() throws Exception {
    String chinese = "河流从山上的雪开始，流过一千英里，最后到达大海。渔民在河口等待潮水。";
    String japanese = "川は山の雪から始まり、千マイルを流れて海に着く。🌊 漁師は潮を待つ。";
    open(100, 16, chinese, japanese, RIVER);

    String screen = awaitScreen(s -> s.contains("河流") && s.contains("川は"));
    List<Integer> ruleColumns = new ArrayList<>();
    for (String line : screen.lines().toList()) {
      int at = line.indexOf('┃'); // the rule between panes
      if (at > 0) {
        ruleColumns.add(TextWrap.width(line.substring(0, at)));
      }
    }
    assertThat(ruleColumns).hasSizeGreaterThan(5);
    assertThat(ruleColumns).containsOnly(ruleColumns.get(0));
    for (String line : screen.lines().toList()) {
      assertThat(TextWrap.width(line)).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void resizingReflowsFromSideBySideToStacked() throws Exception {
    open(120, 20, RIVER, LIGHTHOUSE, HARBOUR);
    awaitScreen(s -> lineWith(s, " 1 ").contains(" 3 "));

    vt.screen().setSize(60, 24);
    vt.terminal().setSize(new Size(60, 24));
    vt.terminal().raise(Terminal.Signal.WINCH);

    String screen = awaitScreen(s -> !lineWith(s, " 1 ").contains(" 2 ") && s.contains(" 3 "));
    assertThat(indexOfLineStarting(screen.lines().toList(), " 3 "))
        .isGreaterThan(indexOfLineStarting(screen.lines().toList(), " 1 "));
  }

  @Test
  void diffOfTwoDraftsShowsWhatChangedWordByWord() throws Exception {
    open(100, 20, "The river runs to the sea.", "The river crawls to the sea.");

    type("d2");

    String screen = awaitScreen(s -> s.contains("draft 1 → draft 2"));
    assertThat(screen).contains("−1 words").contains("+1 words");
    assertThat(screen).contains("runs").contains("crawls");

    type("\033");
    awaitScreen(s -> s.contains("← → move"));
  }

  @Test
  void starAndDiscardReachTheActionsAndQuitPicksNothing() throws Exception {
    CompletableFuture<PickView.Result> result = open(120, 20, RIVER, LIGHTHOUSE, HARBOUR);
    awaitScreen(s -> s.contains("harbour"));

    type("2s");
    awaitScreen(s -> s.contains("★"));
    type("x");
    awaitScreen(s -> !s.contains("lighthouse"));
    type("q");

    assertThat(result.get(5, TimeUnit.SECONDS).picked()).isNull();
    assertThat(recorded).containsExactly("star 2 true", "discard 2 true");
  }

  @Test
  void anEditIsShownAsADiffAgainstTheGeneratedText() throws Exception {
    open(100, 20, "The river runs to the sea.", LIGHTHOUSE);

    type("e");

    String screen =
        awaitScreen(s -> s.contains("1 as generated → 1 as edited") && s.contains("runs slowly"));
    assertThat(screen).contains("+1 words");
    assertThat(recorded).containsExactly("edit 1");
  }

  @Test
  void enterOnTheDiffOfAnEditPicksTheEditedDraft() throws Exception {
    CompletableFuture<PickView.Result> result =
        open(100, 20, "The river runs to the sea.", LIGHTHOUSE);
    type("e");
    awaitScreen(s -> s.contains("1 as generated → 1 as edited") && s.contains("Enter pick it"));

    type("\r");

    PickView.Result picked = result.get(5, TimeUnit.SECONDS);
    assertThat(picked.picked().number()).isEqualTo(1);
    assertThat(picked.picked().text()).isEqualTo("The river runs slowly to the sea.");
  }

  @Test
  void aChineseDraftCountsEachCharacterAsAWord() throws Exception {
    open(100, 16, "河流从山上开始。", "The river runs to the sea.");

    String screen = awaitScreen(s -> s.contains("河流"));

    assertThat(screen).contains("· 7 words").contains("· 6 words");
  }

  @Test
  void refineStreamsIntoALiveViewAndAddsTheRevisionsToTheView() throws Exception {
    CompletableFuture<PickView.Result> result = open(120, 20, RIVER, LIGHTHOUSE);

    type("rshorter\r");

    awaitScreen(s -> s.contains("refine of 1"));
    String screen = awaitScreen(s -> s.contains(" 4 "));
    assertThat(screen).contains("A river, short.");
    assertThat(recorded).contains("refine 1 shorter");
    type("\r"); // the cursor is on the first revision, draft 3
    Picker.Item picked = result.get(5, TimeUnit.SECONDS).picked();
    assertThat(picked.number()).isEqualTo(3);
    assertThat(picked.text()).isEqualTo("A river, short.");
    assertThat(picked.entry().run()).isEqualTo("r2");
  }

  @Test
  void theJudgesRankingIsShownBesideEachDraft() throws Exception {
    open(120, 20, RIVER, LIGHTHOUSE, HARBOUR);

    type("J");

    String screen = awaitScreen(s -> s.contains("judge #1/3"));
    assertThat(lineWith(screen, "judge #1/3")).contains("vivid");
  }

  // --- harness ---

  private CompletableFuture<PickView.Result> open(int columns, int rows, String... texts)
      throws IOException, InterruptedException {
    vt = ScreenTerminal.withTerminal("test", "screen-256color", columns, rows);
    List<PickEntry> entries = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      entries.add(new PickEntry("r1", draft(i + 1, texts[i]), null));
    }
    Picker picker = new Picker(entries);
    PickView view =
        new PickView(TerminalScreen.on(vt.terminal()), picker, new Recording(), "r1 · test", true);
    CompletableFuture<PickView.Result> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(view.run());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            });
    thread.setDaemon(true);
    thread.start();
    // Keys typed before the view is up are dropped (they were meant for the live view): wait.
    awaitScreen(screen -> screen.contains("? help"));
    return result;
  }

  private static Draft draft(int index, String text) {
    return new Draft(index, text, null, Status.COMPLETE, "stop", null, Usage.NONE);
  }

  private void type(String keys) throws IOException {
    vt.terminal().processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
  }

  private String awaitScreen(Predicate<String> shown) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String screen = vt.screen().toString();
    while (System.nanoTime() < deadline) {
      screen = vt.screen().toString();
      if (shown.test(screen)) {
        return screen;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the screen never showed what was expected; it shows:\n" + screen);
  }

  private static String lineWith(String screen, String part) {
    return screen.lines().filter(l -> l.contains(part)).findFirst().orElse("");
  }

  private static int indexOfLineStarting(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }

  /** Actions that write down what they were asked, and answer like a model would. */
  private final class Recording implements PickView.Actions {
    @Override
    public void star(Picker.Item item, boolean starred) {
      recorded.add("star " + item.number() + " " + starred);
    }

    @Override
    public void discard(Picker.Item item, boolean discarded) {
      recorded.add("discard " + item.number() + " " + discarded);
    }

    @Override
    public String edit(Picker.Item item) {
      recorded.add("edit " + item.number());
      return item.text().replace("runs", "runs slowly");
    }

    @Override
    public List<PickEntry> refine(
        Picker.Item item, String instruction, int count, PickView.Streams streams) {
      recorded.add("refine " + item.number() + " " + instruction);
      List<Draft> drafts = List.of(draft(1, "A river, short."), draft(2, "A river, shorter."));
      try (LiveView live = streams.open("2 revisions of draft 1", 2)) {
        live.onText(1, "A river, ");
        live.onText(1, "short.");
        live.onText(2, "A river, shorter.");
        live.finish(drafts);
      }
      return drafts.stream()
          .map(d -> new PickEntry("r2", d, "refine of " + item.number()))
          .toList();
    }

    @Override
    public List<PickEntry> merge(
        List<Picker.Item> items, String instruction, PickView.Streams streams) {
      throw new AssertionError("no merge expected");
    }

    @Override
    public Map<Picker.Item, Advice> judge(List<Picker.Item> items) {
      return Map.of(
          items.get(2), new Advice(1, 3, "vivid"),
          items.get(0), new Advice(2, 3, "clear"),
          items.get(1), new Advice(3, 3, "flat"));
    }
  }
}
