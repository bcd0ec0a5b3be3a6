package dev.draft.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal the views draw on: the alternate screen (so the shell's scrollback is untouched),
 * raw keys, a diff-based repaint ({@link Display}) and the resize signal. The views only hand it
 * whole frames of lines.
 *
 * <p>Opened on the controlling terminal itself, with keys read from {@code /dev/tty} and frames
 * written to stderr, so the view works while stdin is piped in and stdout is redirected to a file,
 * the way fzf does: {@code cat notes.md | draft article -n 3 > piece.md}.
 */
public final class TerminalScreen implements AutoCloseable {
  private final Terminal terminal;
  private final boolean owned;
  private final Attributes original;
  private Display display;
  private Runnable onResize = () -> {};
  private boolean active;

  private TerminalScreen(Terminal terminal, boolean owned) {
    this.terminal = terminal;
    this.owned = owned;
    this.original = terminal.getAttributes();
  }

  /**
   * The process's controlling terminal.
   *
   * @throws UncheckedIOException when there is none
   */
  public static TerminalScreen system() {
    // The rule between panes is drawn as the UTF-8 character it is; JLine would otherwise switch
    // to the terminal's line-drawing charset, which tmux and some terminals show as letters.
    System.setProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET, "true");
    try {
      Terminal terminal =
          TerminalBuilder.builder()
              .system(true)
              .devTty(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysErr)
              .dumb(false)
              .build();
      return new TerminalScreen(terminal, true);
    } catch (IOException | IllegalStateException e) {
      throw new UncheckedIOException(
          new IOException("cannot open the terminal: " + e.getMessage(), e));
    }
  }

  /** A screen on a terminal the caller owns and closes (tests use a virtual one). */
  public static TerminalScreen on(Terminal terminal) {
    return new TerminalScreen(terminal, false);
  }

  /** Switches to the alternate screen with raw keys; Ctrl-C stays a signal unless {@code keys}. */
  public synchronized void enter(boolean ctrlCIsAKey) {
    terminal.setAttributes(original);
    terminal.enterRawMode();
    Attributes raw = terminal.getAttributes();
    raw.setLocalFlag(Attributes.LocalFlag.ISIG, !ctrlCIsAKey);
    terminal.setAttributes(raw);
    if (!active) {
      terminal.puts(Capability.enter_ca_mode);
      terminal.puts(Capability.keypad_xmit);
      terminal.puts(Capability.cursor_invisible);
      // Ctrl-Z would stop draft with the terminal still raw and on the alternate screen.
      terminal.handle(Terminal.Signal.TSTP, Terminal.SignalHandler.SIG_IGN);
      display = new Display(terminal, true);
      display.resize(size());
      display.clear();
      terminal.puts(Capability.clear_screen);
      terminal.handle(
          Terminal.Signal.WINCH,
          signal -> {
            synchronized (this) {
              if (active) {
                display.resize(size());
                display.clear();
                terminal.puts(Capability.clear_screen);
              }
            }
            onResize.run();
          });
      active = true;
    }
    terminal.flush();
  }

  /** Gives the terminal back as it was (for the editor, or at the end); {@link #enter} resumes. */
  public synchronized void leave() {
    if (!active) {
      return;
    }
    active = false;
    terminal.puts(Capability.cursor_visible);
    terminal.puts(Capability.keypad_local);
    terminal.puts(Capability.exit_ca_mode);
    terminal.setAttributes(original);
    terminal.flush();
  }

  /** What to do after the terminal was resized (redraw); called on the signal's thread. */
  public void onResize(Runnable action) {
    this.onResize = action;
  }

  /** Routes Ctrl-C (as a signal, while it is one) to {@code action}. */
  public void onInterrupt(Runnable action) {
    terminal.handle(Terminal.Signal.INT, signal -> action.run());
  }

  /** The terminal's size; a terminal that reports none (0 × 0) counts as 80 × 24. */
  public synchronized Size size() {
    Size size = terminal.getSize();
    if (size.getColumns() <= 0 || size.getRows() <= 0) {
      return new Size(80, 24);
    }
    return size;
  }

  /** Shows {@code lines} as the whole screen, padded or cut to its height. */
  public synchronized void draw(List<AttributedString> lines) {
    if (!active) {
      return;
    }
    Size size = size();
    List<AttributedString> frame = new ArrayList<>();
    for (AttributedString line : lines.subList(0, Math.min(lines.size(), size.getRows()))) {
      // Never wider than the terminal: a wrapped line would scroll the whole frame.
      frame.add(
          line.columnLength() > size.getColumns()
              ? line.columnSubSequence(0, size.getColumns())
              : line);
    }
    while (frame.size() < size.getRows()) {
      frame.add(AttributedString.EMPTY);
    }
    display.update(frame, size.cursorPos(size.getRows() - 1, 0));
    terminal.flush();
  }

  public NonBlockingReader reader() {
    return terminal.reader();
  }

  public Terminal terminal() {
    return terminal;
  }

  @Override
  public void close() {
    leave();
    if (owned) {
      try {
        terminal.close();
      } catch (IOException e) {
        // The terminal is being given back; nothing is lost if closing it fails.
      }
    }
  }
}
