package dev.draft.cli;

import dev.draft.ui.TerminalScreen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.ScreenTerminal;

/**
 * A virtual terminal of a fixed size for the views (JLine's screen emulator): keys go in as the
 * bytes a keyboard sends, the screen comes back as the characters on it.
 */
final class ScreenFixture implements AutoCloseable {
  static {
    System.setProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET, "true");
  }

  private final ScreenTerminal.VirtualTerminal vt;
  private int opened;

  ScreenFixture(int columns, int rows) {
    try {
      vt = ScreenTerminal.withTerminal("test", "screen-256color", columns, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens the screen for a view, as {@code TerminalScreen.system()} does for the real one. */
  synchronized TerminalScreen open() {
    opened++;
    return TerminalScreen.on(vt.terminal());
  }

  synchronized int opened() {
    return opened;
  }

  void type(String keys) {
    try {
      vt.terminal().processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String screen() {
    return vt.screen().toString();
  }

  /** Waits until the screen shows what {@code shown} looks for; fails with the screen if never. */
  String await(Predicate<String> shown) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String screen = screen();
    while (System.nanoTime() < deadline) {
      screen = screen();
      if (shown.test(screen)) {
        return screen;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the screen never showed what was expected; it shows:\n" + screen);
  }

  /**
   * Waits for the pick view (its key hints); keys typed before it is up are dropped, as they were
   * meant for the live view.
   */
  String awaitPickView() {
    return await("← → move");
  }

  String await(String text) {
    return await(s -> s.contains(text));
  }

  @Override
  public void close() throws IOException {
    vt.terminal().close();
  }
}
