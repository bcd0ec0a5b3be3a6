package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.Test;

class LiveViewTest {
  static {
    System.setProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET, "true");
  }

  private final AtomicLong now = new AtomicLong(0);

  @Test
  void eachPaneShowsItsTextAndStatusWhileStreaming() throws IOException {
    try (Fixture f = new Fixture(120, 12, 3)) {
      f.live.onText(1, "The river ");
      now.addAndGet(500_000_000L);
      f.live.onText(1, "runs.");
      f.live.onFinished(1, Status.COMPLETE);
      f.live.onText(2, "A lighthouse");
      f.live.onFinished(3, Status.FAILED);

      List<String> lines = plain(f.live.render(120, 12));

      assertThat(lines.get(0)).contains("3 drafts of article");
      String titles = lines.get(1);
      assertThat(titles).contains(" 1  complete · 2 tok · 4 tok/s");
      assertThat(titles).contains(" 2  streaming · 1 tok");
      assertThat(titles).contains(" 3  failed");
      assertThat(lines.get(2)).contains("The river runs.").contains("A lighthouse");
    }
  }

  @Test
  void theFinalOutcomesComeFromTheDrafts() throws IOException {
    try (Fixture f = new Fixture(120, 12, 2)) {
      f.live.onText(1, "cut");
      f.live.finish(
          List.of(
              new Draft(1, "cut", null, Status.TRUNCATED, "length", null, new Usage(5, 40)),
              new Draft(2, "", null, Status.INTERRUPTED, null, "stopped by the user", Usage.NONE)));

      String titles = plain(f.live.render(120, 12)).get(1);

      assertThat(titles)
          .contains("truncated · 40 tok")
          .contains("interrupted · stopped by the user");
    }
  }

  @Test
  void aLongDraftShowsItsLatestLines() throws IOException {
    try (Fixture f = new Fixture(60, 8, 1)) {
      for (int i = 1; i <= 200; i++) {
        f.live.onText(1, "line " + i + "\n");
      }

      List<String> lines = plain(f.live.render(60, 8));

      assertThat(lines.get(lines.size() - 1)).startsWith("line 200");
      assertThat(String.join("\n", lines)).doesNotContain("line 100\n");
    }
  }

  @Test
  void eightPanesStackOnANarrowTerminalAndWideTextNeverOverflows() throws IOException {
    try (Fixture f = new Fixture(70, 24, 8)) {
      for (int i = 1; i <= 8; i++) {
        f.live.onText(i, "河流从山上的雪开始，流过一千英里，最后到达大海。🌊🌊 draft " + i);
      }

      List<AttributedString> frame = f.live.render(70, 24);

      assertThat(frame).hasSizeLessThanOrEqualTo(24);
      for (AttributedString line : frame) {
        assertThat(line.columnLength()).isLessThanOrEqualTo(70);
      }
      assertThat(plain(frame).stream().filter(l -> l.matches("^ \\d .*")).count()).isEqualTo(8);
    }
  }

  @Test
  void thePainterDrawsOnTheTerminalUntilClosed() throws Exception {
    ScreenTerminal.VirtualTerminal vt =
        ScreenTerminal.withTerminal("test", "screen-256color", 100, 10);
    TerminalScreen screen = TerminalScreen.on(vt.terminal());
    screen.enter(false);
    LiveView live = new LiveView(screen, "2 drafts", 2, false, System::nanoTime).start();
    live.onText(1, "Rivers begin as snow.");
    live.onText(2, "灯台守は船を数える。");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!vt.screen().toString().contains("灯台守") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    live.close();
    assertThat(vt.screen().toString()).contains("Rivers begin as snow.").contains("灯台守は船を数える。");
    vt.terminal().close();
  }

  private static List<String> plain(List<AttributedString> lines) {
    return lines.stream().map(AttributedString::toString).toList();
  }

  /** A live view on a virtual terminal that is never painted by its thread (not started). */
  private final class Fixture implements AutoCloseable {
    final ScreenTerminal.VirtualTerminal vt;
    final LiveView live;

    Fixture(int columns, int rows, int n) throws IOException {
      vt = ScreenTerminal.withTerminal("test", "screen-256color", columns, rows);
      live =
          new LiveView(
              TerminalScreen.on(vt.terminal()),
              n + " drafts of article with qwen",
              n,
              false,
              now::get);
    }

    @Override
    public void close() throws IOException {
      vt.terminal().close();
    }
  }
}
