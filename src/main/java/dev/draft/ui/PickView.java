package dev.draft.ui;

import dev.draft.draft.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

/**
 * The compare/pick view: draws a {@link Picker}'s state on a {@link TerminalScreen} and maps the
 * terminal's keys to {@link Key}s. What a key means is the picker's business; what an effect does
 * (a history record, the editor, a model call) is the {@link Actions}' business.
 */
public final class PickView {
  /** What the view's effects do; implemented by the command that opened it. */
  public interface Actions {
    void star(Picker.Item item, boolean starred);

    void discard(Picker.Item item, boolean discarded);

    /**
     * Opens the item's current text in the user's editor (the terminal is given back meanwhile).
     *
     * @return the text after editing, or null when the editor failed (nothing is recorded then)
     */
    String edit(Picker.Item item);

    /** Generates {@code count} revisions of the item, streaming into a live view. */
    List<PickEntry> refine(Picker.Item item, String instruction, int count, Streams streams);

    /** Generates merges of the items, streaming into a live view from {@code streams}. */
    List<PickEntry> merge(List<Picker.Item> items, String instruction, Streams streams);

    /** Asks the judge to rank the items. */
    Map<Picker.Item, Advice> judge(List<Picker.Item> items);
  }

  /** Opens a live view on this view's screen for a generation started from it. */
  public interface Streams {
    LiveView open(String heading, int n);
  }

  /** How the view ended: the picked item, or null when the user left without picking. */
  public record Result(Picker.Item picked) {}

  private static final Key CHAR = new Key(Key.Type.CHAR, '\0');
  private static final Key IGNORED = new Key(Key.Type.CHAR, '\1');
  private static final Key CSI = new Key(Key.Type.CHAR, '\2');

  private final TerminalScreen screen;
  private final Picker picker;
  private final Actions actions;
  private final String heading;
  private final Styles styles;
  private final boolean colour;
  private volatile String busy;
  private final List<String> notes = new ArrayList<>();
  private DiffPair diffed;
  private int diffedWidth;
  private List<AttributedString> diffLines;
  private WordDiff.Stats diffStats;

  /**
   * @param heading what the drafts are, e.g. "r1k9qz7m4x · article · qwen2.5-7b"
   */
  public PickView(
      TerminalScreen screen, Picker picker, Actions actions, String heading, boolean colour) {
    this.screen = screen;
    this.picker = picker;
    this.actions = actions;
    this.heading = heading;
    this.colour = colour;
    this.styles = new Styles(colour);
  }

  /** Shows the view until the user picks a draft or leaves. */
  public Result run() {
    screen.enter(true);
    screen.onResize(this::redraw);
    // Keys typed while the drafts streamed were not meant for this view: a stray Enter would
    // pick a draft the user has not seen whole.
    drain();
    BindingReader reader = new BindingReader(screen.reader());
    KeyMap<Key> keys = keyMap(screen.terminal());
    redraw();
    while (true) {
      Key bound = reader.readBinding(keys);
      if (bound == null) {
        return new Result(null); // the terminal went away
      }
      List<Key> pressed = new ArrayList<>();
      if (bound == CSI) {
        skipSequence(reader, reader.getLastBinding()); // Delete, F5, Shift-→ …
        continue;
      } else if (bound == IGNORED) {
        if (reader.getLastBinding().equals("\033")) {
          // A sequence that began like a bound one and then differed (F5 is ESC [ 1 5 ~, Home
          // ESC [ 1 ~): the reader gives back all but the ESC; read it whole and drop it.
          int next = reader.readCharacter();
          if (next == '[' || next == 'O') {
            skipSequence(reader, "\033" + (char) next);
          }
        }
        continue;
      } else if (bound == CHAR) {
        for (char c : reader.getLastBinding().toCharArray()) {
          pressed.add(Key.of(c));
        }
      } else {
        pressed.add(bound);
      }
      synchronized (this) {
        for (Key key : pressed) {
          Effect effect = picker.handle(key);
          if (effect instanceof Effect.Quit) {
            return new Result(null);
          }
          if (effect instanceof Effect.Pick pick) {
            return new Result(pick.item());
          }
          perform(effect);
        }
        redraw();
      }
    }
  }

  /**
   * The messages of what failed in the view (an endpoint error, an editor that failed and where the
   * text was left), for the caller to print once the screen is closed: the footer showed them only
   * until the next key, and cut to the width.
   */
  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  /** Reads the rest of an escape sequence up to its final byte, and drops it. */
  private static void skipSequence(BindingReader reader, String start) {
    if (start.endsWith("O")) {
      reader.readCharacter(); // SS3: one more character
      return;
    }
    for (int i = 0; i < 32; i++) {
      int c = reader.readCharacter();
      if (c < 0 || (c >= 0x40 && c <= 0x7e)) {
        return;
      }
    }
  }

  /** Discards what was typed before the view could act on it. */
  private void drain() {
    try {
      while (screen.reader().peek(1) >= 0) {
        screen.reader().read();
      }
    } catch (java.io.IOException e) {
      // Nothing to drain from a terminal that fails; the key loop will report it.
    }
  }

  private void perform(Effect effect) {
    try {
      if (effect instanceof Effect.Star star) {
        actions.star(star.item(), star.starred());
      } else if (effect instanceof Effect.Discard discard) {
        actions.discard(discard.item(), discard.discarded());
      } else if (effect instanceof Effect.Edit edit) {
        screen.leave();
        String text;
        try {
          text = actions.edit(edit.item());
        } finally {
          screen.enter(true);
          drain();
        }
        if (text != null) {
          picker.edited(edit.item(), text);
        }
      } else if (effect instanceof Effect.Refine refine) {
        picker.added(
            generating(
                () ->
                    actions.refine(
                        refine.item(), refine.instruction(), refine.count(), this::live)));
      } else if (effect instanceof Effect.Merge merge) {
        picker.added(
            generating(() -> actions.merge(merge.items(), merge.instruction(), this::live)));
      } else if (effect instanceof Effect.Judge judge) {
        busy =
            "asking the judge to rank " + judge.items().size() + " drafts blind … (Ctrl-C stops)";
        redraw();
        try {
          picker.judged(generating(() -> actions.judge(judge.items())));
        } finally {
          busy = null;
        }
      }
    } catch (RuntimeException e) {
      String message = oneLine(e.getMessage());
      notes.add(message);
      picker.failed(message);
    }
  }

  /**
   * Runs a model call from the view. Ctrl-C is a signal again meanwhile, so it stops the call (the
   * streams keep their text); keys typed during it are dropped after.
   */
  private <T> T generating(java.util.function.Supplier<T> call) {
    screen.enter(false);
    try {
      return call.get();
    } finally {
      screen.enter(true);
      screen.onResize(this::redraw);
      drain();
    }
  }

  private LiveView live(String title, int n) {
    return new LiveView(screen, title, n, colour, System::nanoTime).start();
  }

  private static String oneLine(String message) {
    return message == null ? "failed" : message.replace('\n', ' ');
  }

  private synchronized void redraw() {
    Size size = screen.size();
    screen.draw(render(size.getColumns(), size.getRows()));
  }

  /** One frame of the view for a screen of {@code width} × {@code height}. */
  synchronized List<AttributedString> render(int width, int height) {
    List<AttributedString> lines = new ArrayList<>();
    lines.add(header(width));
    int body = Math.max(2, height - 2);
    switch (picker.mode()) {
      case HELP -> lines.addAll(help(width, body));
      case DIFF -> lines.addAll(diff(width, body));
      case FULL -> lines.addAll(panes(List.of(picker.current()), width, body));
      default -> lines.addAll(panes(picker.visible(), width, body));
    }
    while (lines.size() < height - 1) {
      lines.add(AttributedString.EMPTY);
    }
    lines.add(footer(width));
    return lines;
  }

  private AttributedString header(int width) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.style(AttributedStyle.BOLD).append("draft");
    b.style(AttributedStyle.DEFAULT).append(" · " + heading);
    int visible = picker.visible().size();
    b.append(" · " + visible + (visible == 1 ? " draft" : " drafts"));
    String right = "? help";
    int room = width - right.length() - 1;
    AttributedString left = b.toAttributedString();
    AttributedStringBuilder line = new AttributedStringBuilder();
    line.append(Panes.pad(left, Math.max(0, room)));
    line.style(styles.dim()).append(" " + right);
    return line.toAttributedString().columnSubSequence(0, width);
  }

  private AttributedString footer(int width) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    String message = busy != null ? busy : picker.message();
    switch (picker.mode()) {
      case PROMPT_REFINE ->
          prompt(
              b,
              "refine draft " + picker.current().number() + " how? ",
              "Enter sends · Esc cancels · '3: how' asks for 3 revisions");
      case PROMPT_MERGE ->
          prompt(b, "merge " + markedNumbers() + " (how, or Enter) ", "Enter sends · Esc cancels");
      default -> {
        if (message != null) {
          b.style(styles.accent()).append(TextWrap.printable(message));
        } else if (picker.mode() == Picker.Mode.DIFF) {
          b.style(styles.dim())
              .append(
                  picker.diffPicks()
                      ? "Enter pick it · j k PgDn PgUp scroll · d or Esc back"
                      : "j k PgDn PgUp scroll · d or Esc back");
        } else {
          b.style(styles.dim())
              .append(
                  "← → move · Enter pick · e edit · d diff · r refine · space mark · m merge"
                      + " · J judge · s star · x discard · f full · q quit");
        }
      }
    }
    return b.toAttributedString().columnSubSequence(0, width);
  }

  private void prompt(AttributedStringBuilder b, String question, String hint) {
    b.style(styles.accent()).append(question);
    b.style(AttributedStyle.DEFAULT).append(TextWrap.printable(picker.input()));
    b.style(AttributedStyle.INVERSE).append(' ');
    b.style(styles.dim()).append("  " + hint);
  }

  private String markedNumbers() {
    StringBuilder numbers = new StringBuilder();
    for (Picker.Item item : picker.visible()) {
      if (item.marked()) {
        numbers.append(numbers.length() == 0 ? "" : "+").append(item.number());
      }
    }
    return numbers.toString();
  }

  private List<AttributedString> panes(List<Picker.Item> items, int width, int height) {
    int focus = Math.max(0, items.indexOf(picker.current()));
    PaneLayout layout = PaneLayout.of(width, height, items.size(), focus);
    picker.pageHeight(Math.max(1, layout.paneHeight() - 2));
    List<List<AttributedString>> rendered = new ArrayList<>();
    for (int i = layout.first(); i < layout.first() + layout.shown(); i++) {
      rendered.add(pane(items.get(i), layout.paneWidth(), layout.paneHeight()));
    }
    return Panes.compose(rendered, layout);
  }

  private List<AttributedString> pane(Picker.Item item, int width, int height) {
    List<AttributedString> lines = new ArrayList<>();
    lines.add(title(item, width));
    String text = TextWrap.printable(item.text());
    int body = height - 1;
    if (text.isBlank()) {
      String why = item.entry().draft().error();
      lines.add(
          new AttributedString(
              TextWrap.fit("(no text" + (why == null ? "" : ": " + why) + ")", width),
              styles.dim()));
      return lines;
    }
    List<String> wrapped = TextWrap.wrap(text, width);
    picker.clampScroll(item, Math.max(0, wrapped.size() - body));
    int from = item.scroll();
    for (int i = from; i < Math.min(wrapped.size(), from + body); i++) {
      lines.add(new AttributedString(wrapped.get(i)));
    }
    if (from + body < wrapped.size() && !lines.isEmpty() && body > 1) {
      int more = wrapped.size() - from - body;
      lines.set(
          lines.size() - 1,
          new AttributedString(
              TextWrap.fit("… " + more + (more == 1 ? " more line" : " more lines"), width),
              styles.dim()));
    }
    return lines;
  }

  private AttributedString title(Picker.Item item, int width) {
    boolean current = item == picker.current();
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.style(current ? AttributedStyle.INVERSE.bold() : AttributedStyle.BOLD)
        .append(" " + item.number() + " ");
    b.style(AttributedStyle.DEFAULT);
    if (item.marked()) {
      b.style(styles.accent()).append(" ●");
    }
    if (item.starred()) {
      b.style(styles.accent()).append(" ★");
    }
    b.style(AttributedStyle.DEFAULT);
    Status status = item.entry().draft().status();
    if (status != Status.COMPLETE) {
      b.append(" ").style(styles.of(status)).append(status.name().toLowerCase(Locale.ROOT));
      b.style(AttributedStyle.DEFAULT);
    }
    if (item.edited()) {
      b.style(styles.accent()).append(" edited").style(AttributedStyle.DEFAULT);
    }
    if (item.entry().origin() != null) {
      b.style(styles.dim()).append(" " + item.entry().origin()).style(AttributedStyle.DEFAULT);
    }
    b.style(styles.dim()).append(" · " + words(item.text()) + " words");
    Advice advice = item.advice();
    if (advice != null) {
      b.style(styles.accent()).append(" · judge #" + advice.rank() + "/" + advice.of());
      if (advice.note() != null && !advice.note().isBlank()) {
        b.style(AttributedStyle.DEFAULT).append(" " + TextWrap.printable(advice.note()));
      }
    }
    return b.toAttributedString().columnSubSequence(0, width);
  }

  // Counted as the word diff counts them: Chinese, Japanese and Korean characters, written without
  // spaces between words, are a word each, so a Chinese draft is not "1 words".
  private static int words(String text) {
    return WordDiff.words(text);
  }

  private List<AttributedString> diff(int width, int height) {
    DiffPair pair = picker.diff();
    if (!pair.equals(diffed) || width != diffedWidth) {
      // Diffing two long drafts takes a while: once per pair and width, not per key.
      diffed = pair;
      diffedWidth = width;
      String left = TextWrap.printable(pair.leftText());
      String right = TextWrap.printable(pair.rightText());
      diffStats = WordDiff.stats(WordDiff.diff(left, right));
      diffLines = diffLines(WordDiff.readable(left, right), width);
    }
    WordDiff.Stats stats = diffStats;
    List<AttributedString> wrapped = diffLines;
    List<AttributedString> lines = new ArrayList<>();
    AttributedStringBuilder title = new AttributedStringBuilder();
    title.style(AttributedStyle.BOLD).append(" " + pair.leftTitle() + " → " + pair.rightTitle());
    title.style(AttributedStyle.DEFAULT).append("  ");
    title.style(styles.removed()).append("−" + stats.wordsRemoved() + " words");
    title.style(AttributedStyle.DEFAULT).append(" ");
    title.style(styles.added()).append("+" + stats.wordsAdded() + " words");
    lines.add(title.toAttributedString().columnSubSequence(0, width));
    int body = height - 1;
    picker.pageHeight(Math.max(1, body - 1));
    picker.clampDiffScroll(Math.max(0, wrapped.size() - body));
    int from = picker.diffScroll();
    lines.addAll(wrapped.subList(from, Math.min(wrapped.size(), from + body)));
    return lines;
  }

  /** The diff's segments styled and wrapped to {@code width}. */
  private List<AttributedString> diffLines(List<WordDiff.Segment> segments, int width) {
    AttributedStringBuilder text = new AttributedStringBuilder();
    WordDiff.Segment before = null;
    for (WordDiff.Segment segment : segments) {
      if (before != null
          && before.kind() == WordDiff.Kind.REMOVED
          && segment.kind() == WordDiff.Kind.ADDED
          && !before.text().endsWith(" ")
          && !before.text().endsWith("\n")
          && !segment.text().startsWith(" ")) {
        // A replaced word and its replacement would read as one word: keep them apart.
        text.style(AttributedStyle.DEFAULT).append(' ');
      }
      switch (segment.kind()) {
        case SAME -> text.style(AttributedStyle.DEFAULT).append(segment.text());
        // Without colour, wdiff's markers say what was removed and added.
        case ADDED ->
            text.style(styles.added())
                .append(colour ? segment.text() : "{+" + segment.text() + "+}");
        case REMOVED ->
            text.style(styles.removed())
                .append(colour ? segment.text() : "[-" + segment.text() + "-]");
      }
      before = segment;
    }
    AttributedString all = text.toAttributedString();
    List<AttributedString> wrapped = new ArrayList<>();
    for (TextWrap.Line line : TextWrap.lines(all.toString(), width)) {
      wrapped.add(all.subSequence(line.start(), line.end()));
    }
    return wrapped;
  }

  private List<AttributedString> help(int width, int height) {
    List<AttributedString> lines = new ArrayList<>();
    lines.add(new AttributedString(" keys", AttributedStyle.BOLD));
    for (String line : Picker.help()) {
      lines.add(new AttributedString(TextWrap.fit(" " + line, width)));
    }
    lines.add(AttributedString.EMPTY);
    lines.add(
        new AttributedString(
            TextWrap.fit(
                " every pick, star, edit, refine, merge and ranking is saved in the"
                    + " history ('draft history', 'draft show')",
                width),
            styles.dim()));
    lines.add(new AttributedString(" press any key to go back", styles.dim()));
    return lines.subList(0, Math.min(lines.size(), height));
  }

  /** The terminal's key sequences, with the common ones bound whatever terminfo says. */
  static KeyMap<Key> keyMap(Terminal terminal) {
    KeyMap<Key> keys = new KeyMap<>();
    bind(keys, terminal, Key.Type.UP, Capability.key_up, "\033[A", "\033OA");
    bind(keys, terminal, Key.Type.DOWN, Capability.key_down, "\033[B", "\033OB");
    bind(keys, terminal, Key.Type.RIGHT, Capability.key_right, "\033[C", "\033OC");
    bind(keys, terminal, Key.Type.LEFT, Capability.key_left, "\033[D", "\033OD");
    bind(keys, terminal, Key.Type.PAGE_UP, Capability.key_ppage, "\033[5~");
    bind(keys, terminal, Key.Type.PAGE_DOWN, Capability.key_npage, "\033[6~");
    bind(keys, terminal, Key.Type.HOME, Capability.key_home, "\033[H", "\033OH", "\033[1~");
    bind(keys, terminal, Key.Type.END, Capability.key_end, "\033[F", "\033OF", "\033[4~");
    keys.bind(Key.of(Key.Type.ENTER), "\r", "\n");
    keys.bind(Key.of(Key.Type.ESCAPE), "\033");
    keys.bind(Key.of(Key.Type.BACKSPACE), "\177", "\b");
    keys.bind(Key.of(Key.Type.TAB), "\t");
    keys.bind(Key.of(Key.Type.CTRL_C), KeyMap.ctrl('C'));
    for (char c = ' '; c < 127; c++) {
      keys.bind(CHAR, String.valueOf(c));
    }
    // Any other escape sequence (Delete, F-keys, modified arrows) is read whole and dropped,
    // never taken apart into Esc and characters that would act as commands.
    keys.bind(CSI, "\033[", "\033O");
    keys.setUnicode(CHAR);
    keys.setNomatch(IGNORED);
    // A lone Esc quits; wait only briefly for the rest of an arrow key's sequence.
    keys.setAmbiguousTimeout(150);
    return keys;
  }

  private static void bind(
      KeyMap<Key> keys, Terminal terminal, Key.Type type, Capability capability, String... seqs) {
    Key key = Key.of(type);
    for (String seq : seqs) {
      keys.bind(key, seq);
    }
    String fromTerminfo = KeyMap.key(terminal, capability);
    if (fromTerminfo != null && !fromTerminfo.isEmpty()) {
      keys.bind(key, fromTerminfo);
    }
  }
}
