package dev.draft.ui;

import dev.draft.draft.Draft;
import dev.draft.draft.DraftListener;
import dev.draft.draft.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jline.terminal.Size;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * N drafts streaming at once, each in its own pane with a status line (tokens so far, speed,
 * outcome). Text is only collected as it arrives; a single painter thread draws at most {@link
 * #FRAME_MS} apart and only when something changed, so eight fast streams cost a few frames a
 * second rather than a repaint per token.
 */
public final class LiveView implements DraftListener, AutoCloseable {
  /** The time between two frames at most: ten a second. */
  static final long FRAME_MS = 100;

  private final TerminalScreen screen;
  private final String heading;
  private final List<Pane> panes = new ArrayList<>();
  private final LongSupplier nanos;
  private final Styles styles;
  private final long started;
  private final Object dirtyLock = new Object();
  private boolean dirty = true;
  private volatile boolean closed;
  private Thread painter;

  /**
   * @param heading what is being drafted, e.g. "3 drafts of article with qwen2.5-7b"
   * @param n how many drafts, shown as panes 1 to n
   * @param nanos the clock, {@link System#nanoTime} but in tests
   */
  public LiveView(
      TerminalScreen screen, String heading, int n, boolean colour, LongSupplier nanos) {
    this.screen = screen;
    this.heading = heading;
    this.nanos = nanos;
    this.styles = new Styles(colour);
    this.started = nanos.getAsLong();
    for (int i = 1; i <= n; i++) {
      panes.add(new Pane(String.valueOf(i)));
    }
  }

  /** Starts painting on the screen (which must be entered). */
  public LiveView start() {
    screen.onResize(this::changed);
    painter = new Thread(this::paint, "draft-live-view");
    painter.setDaemon(true);
    painter.start();
    return this;
  }

  @Override
  public void onText(int draft, String delta) {
    Pane pane = pane(draft);
    if (pane != null) {
      pane.append(delta, nanos.getAsLong());
      changed();
    }
  }

  @Override
  public void onReasoning(int draft, String delta) {
    Pane pane = pane(draft);
    if (pane != null) {
      pane.reasoned(nanos.getAsLong());
      changed();
    }
  }

  @Override
  public void onFinished(int draft, Status outcome) {
    Pane pane = pane(draft);
    if (pane != null) {
      pane.end(outcome, nanos.getAsLong());
      changed();
    }
  }

  /** Takes the final outcomes (and texts) of the drafts, then paints a last frame. */
  public void finish(List<Draft> drafts) {
    for (Draft draft : drafts) {
      Pane pane = pane(draft.index());
      if (pane != null) {
        pane.settle(draft, nanos.getAsLong());
      }
    }
    changed();
  }

  private Pane pane(int draft) {
    return draft >= 1 && draft <= panes.size() ? panes.get(draft - 1) : null;
  }

  private void changed() {
    synchronized (dirtyLock) {
      dirty = true;
      dirtyLock.notifyAll();
    }
  }

  private void paint() {
    long lastSecond = -1;
    while (!closed) {
      synchronized (dirtyLock) {
        long second = (nanos.getAsLong() - started) / 1_000_000_000L;
        if (!dirty && second == lastSecond) {
          try {
            dirtyLock.wait(FRAME_MS);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
        dirty = false;
        lastSecond = second;
      }
      try {
        Size size = screen.size();
        screen.draw(render(size.getColumns(), size.getRows()));
      } catch (RuntimeException e) {
        // A frame that cannot be drawn is skipped; the drafts still stream and are kept.
      }
      try {
        Thread.sleep(FRAME_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops painting after one last frame; the screen stays entered. */
  @Override
  public void close() {
    closed = true;
    if (painter != null) {
      painter.interrupt();
      try {
        painter.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Size size = screen.size();
    screen.draw(render(size.getColumns(), size.getRows()));
  }

  /** One frame: the heading, then the panes. */
  List<AttributedString> render(int width, int height) {
    List<AttributedString> lines = new ArrayList<>();
    double seconds = (nanos.getAsLong() - started) / 1e9;
    AttributedStringBuilder top = new AttributedStringBuilder();
    top.style(AttributedStyle.BOLD).append(TextWrap.fit(heading, Math.max(0, width - 30)).strip());
    top.style(AttributedStyle.DEFAULT)
        .append(String.format(Locale.ROOT, " · %.0f s", Math.floor(seconds)));
    top.style(styles.dim()).append(" · Ctrl-C stops and keeps what came");
    lines.add(top.toAttributedString().columnSubSequence(0, width));
    PaneLayout layout = PaneLayout.of(width, height - 1, panes.size(), 0);
    List<List<AttributedString>> columns = new ArrayList<>();
    for (int i = layout.first(); i < layout.first() + layout.shown(); i++) {
      columns.add(panes.get(i).render(layout.paneWidth(), layout.paneHeight(), styles));
    }
    lines.addAll(Panes.compose(columns, layout));
    return lines;
  }

  /** One draft's text and progress; written by the streaming threads, read by the painter. */
  private static final class Pane {
    private final String label;
    private final StringBuilder text = new StringBuilder();
    private int tokens;
    private long firstNanos = -1;
    private long lastNanos = -1;
    private long endNanos = -1;
    private boolean reasoning;
    private Status outcome;
    private String error;

    Pane(String label) {
      this.label = label;
    }

    synchronized void append(String delta, long now) {
      text.append(delta);
      tokens++;
      reasoning = false;
      if (firstNanos < 0) {
        firstNanos = now;
      }
      lastNanos = now;
    }

    synchronized void reasoned(long now) {
      reasoning = true;
      if (firstNanos < 0) {
        firstNanos = now;
      }
    }

    synchronized void end(Status value, long now) {
      outcome = value;
      endNanos = now;
    }

    synchronized void settle(Draft draft, long now) {
      if (outcome == null || endNanos < 0) {
        endNanos = now;
      }
      outcome = draft.status();
      error = draft.error();
      if (draft.text().length() > text.length()) {
        text.setLength(0);
        text.append(draft.text());
      }
      if (draft.usage() != null && draft.usage().completionTokens() > 0) {
        tokens = (int) draft.usage().completionTokens();
      }
    }

    synchronized List<AttributedString> render(int width, int height, Styles styles) {
      List<AttributedString> lines = new ArrayList<>();
      lines.add(title(width, styles));
      int body = height - 1;
      List<String> tail = tail(width, body);
      for (String line : tail) {
        lines.add(new AttributedString(line));
      }
      return lines;
    }

    private AttributedString title(int width, Styles styles) {
      AttributedStringBuilder b = new AttributedStringBuilder();
      b.style(AttributedStyle.INVERSE.bold()).append(" " + label + " ");
      b.style(AttributedStyle.DEFAULT).append(" ");
      String state;
      AttributedStyle style;
      if (outcome == null) {
        state = firstNanos < 0 ? "waiting" : reasoning ? "thinking" : "streaming";
        style = styles.streaming();
      } else {
        state = outcome.name().toLowerCase(Locale.ROOT);
        style = styles.of(outcome);
      }
      b.style(style).append(state);
      b.style(AttributedStyle.DEFAULT);
      if (tokens > 0) {
        b.append(" · " + tokens + " tok");
        long until = endNanos >= 0 ? endNanos : lastNanos;
        double seconds = (until - firstNanos) / 1e9;
        if (seconds > 0.2) {
          b.append(String.format(Locale.ROOT, " · %.0f tok/s", tokens / seconds));
        }
      }
      if (error != null && outcome != null && !outcome.delivered()) {
        b.style(styles.dim()).append(" · " + TextWrap.printable(error).replace('\n', ' '));
      }
      return b.toAttributedString().columnSubSequence(0, width);
    }

    /** The last {@code count} wrapped lines, wrapping only the end of a long text. */
    private List<String> tail(int width, int count) {
      if (count <= 0) {
        return List.of();
      }
      int window = Math.max(2000, width * count * 4);
      int from = Math.max(0, text.length() - window);
      if (from > 0) {
        // Start the window where a line would start: after a newline in its first half, else
        // after a space, so the lines shown wrap as they will in the pick view.
        int newline = text.indexOf("\n", from);
        int space = text.indexOf(" ", from);
        if (newline >= 0 && newline < from + window / 2) {
          from = newline + 1;
        } else if (space >= 0 && space < text.length() - 1) {
          from = space + 1;
        }
        if (from < text.length() && Character.isLowSurrogate(text.charAt(from))) {
          from++;
        }
      }
      List<String> wrapped =
          new ArrayList<>(TextWrap.wrap(TextWrap.printable(text.substring(from)), width));
      while (wrapped.size() > 1 && wrapped.get(wrapped.size() - 1).isBlank()) {
        wrapped.remove(wrapped.size() - 1); // a paragraph break still to be followed by text
      }
      return wrapped.subList(Math.max(0, wrapped.size() - count), wrapped.size());
    }
  }
}
