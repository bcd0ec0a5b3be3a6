package dev.draft.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model of the compare/pick view: a state machine over the drafts of a run, driven by decoded
 * keys. It does no I/O and calls nobody. {@link #handle} updates the state and returns the {@link
 * Effect} the controller must run (record a star, open the editor, call the model); the controller
 * reports results back through {@link #edited}, {@link #added}, {@link #judged} and {@link
 * #failed}. The view draws the state and reports its geometry ({@link #pageHeight}, {@link
 * #clampScroll}, {@link #clampDiffScroll}).
 *
 * <p>Digits choose a draft by its number, which stays fixed when others are discarded and which its
 * title shows.
 */
public final class Picker {
  /** How many revisions {@code r} asks for, unless the instruction starts with a count. */
  public static final int REVISIONS = 2;

  /** An instruction that starts with a count: {@code 3: shorter}, {@code 1x warmer}. */
  private static final Pattern COUNT = Pattern.compile("^\\s*([1-9])\\s*[:×x]\\s*(.*)$");

  /** What the view shows and how keys are read. */
  public enum Mode {
    /** The drafts side by side or one at a time, with the cursor on one. */
    BROWSE,
    /** The current draft full screen. */
    FULL,
    /** Waiting for the digit of the draft to diff the current one with. */
    DIFF_CHOOSE,
    /** A word diff of {@link #diff()}. */
    DIFF,
    /** The key help; any key returns to the mode before. */
    HELP,
    /** Typing how to revise the current draft. */
    PROMPT_REFINE,
    /** Typing what to favour when merging the marked drafts. */
    PROMPT_MERGE
  }

  /**
   * One draft and its view state. Identity matters: an item is the same object for the life of the
   * picker, so it can key maps and be handed back in results.
   */
  public static final class Item {
    private final PickEntry entry;
    private final int number;
    private final String generated;
    private String text;
    private boolean starred;
    private boolean marked;
    private boolean discarded;
    private Advice advice;
    private int scroll;

    private Item(PickEntry entry, int number) {
      this.entry = entry;
      this.number = number;
      String produced = entry.draft().text();
      this.generated = produced == null ? "" : produced;
      this.text = generated;
    }

    public PickEntry entry() {
      return entry;
    }

    /** Its number in the picker: 1 and up, never reused, new drafts continue after the last. */
    public int number() {
      return number;
    }

    /** The current text: as edited, else as generated. */
    public String text() {
      return text;
    }

    /** The text as the model produced it; empty for a draft that failed before any text. */
    public String generated() {
      return generated;
    }

    public boolean edited() {
      return !text.equals(generated);
    }

    public boolean starred() {
      return starred;
    }

    public boolean marked() {
      return marked;
    }

    public boolean discarded() {
      return discarded;
    }

    /** The judge's advice, or null when it was not judged (or not in the latest judging). */
    public Advice advice() {
      return advice;
    }

    /** The first line shown, 0 and up. */
    public int scroll() {
      return scroll;
    }

    @Override
    public String toString() {
      return "draft " + number;
    }
  }

  private static final List<String> HELP =
      List.of(
          "→ ↓ Tab l n   next draft          ← ↑ h p   previous draft",
          "1-9           go to that draft    Home End  first, last",
          "j k           scroll a line       PgDn PgUp scroll a page",
          "Enter         pick this draft     e         edit it",
          "r             refine it           f z       full screen",
          "space         mark it             m         merge the marked",
          "d             diff                J         ask the judge",
          "s             star                x u       discard, undo",
          "q Esc         quit                ?         this help");

  private final List<Item> items = new ArrayList<>();
  private final Deque<Item> discards = new ArrayDeque<>();
  private final StringBuilder input = new StringBuilder();
  private Item current;
  private Mode mode = Mode.BROWSE;
  private Mode beforeHelp = Mode.BROWSE;
  private String message;
  private Item diffFrom;
  private DiffPair diff;
  // The draft whose edit the diff shows (Enter picks it), or null for a diff of two drafts.
  private Item diffOfEdit;
  private int diffScroll;
  private int pageHeight = 10;

  /**
   * @param entries the drafts in the order to number them, at least one
   */
  public Picker(List<PickEntry> entries) {
    if (entries == null || entries.isEmpty()) {
      throw new IllegalArgumentException("the picker needs at least one draft");
    }
    append(entries);
    current = items.get(0);
  }

  /** The key help, one line per row, for the view to draw in {@link Mode#HELP}. */
  public static List<String> help() {
    return HELP;
  }

  /** Acts on one key; the message of the key before is cleared first. */
  public Effect handle(Key key) {
    Objects.requireNonNull(key, "key");
    message = null;
    if (key.type() == Key.Type.CTRL_C) {
      if (mode == Mode.PROMPT_REFINE || mode == Mode.PROMPT_MERGE) {
        // As in a shell: Ctrl-C abandons the line being typed, not the whole view.
        toBrowse();
        return Effect.NONE;
      }
      toBrowse();
      return new Effect.Quit();
    }
    return switch (mode) {
      case HELP -> leaveHelp();
      case BROWSE -> inBrowse(key);
      case FULL -> inFull(key);
      case DIFF_CHOOSE -> inDiffChoose(key);
      case DIFF -> inDiff(key);
      case PROMPT_REFINE, PROMPT_MERGE -> inPrompt(key);
    };
  }

  /** All items in number order, discarded ones included. */
  public List<Item> items() {
    return List.copyOf(items);
  }

  /** The items not discarded, in number order. */
  public List<Item> visible() {
    return items.stream().filter(i -> !i.discarded).toList();
  }

  /** The item under the cursor, always a visible one. */
  public Item current() {
    return current;
  }

  public Mode mode() {
    return mode;
  }

  /** The text typed so far in a prompt mode; empty otherwise. */
  public String input() {
    return input.toString();
  }

  /** A one-line status or hint, or null; the next key clears it. */
  public String message() {
    return message;
  }

  /** The two texts to diff in {@link Mode#DIFF}, else null. */
  public DiffPair diff() {
    return diff;
  }

  /**
   * Whether Enter picks a draft in {@link Mode#DIFF}: on the diff of an edit it picks the edited
   * draft; on a diff of two drafts it does nothing, since either could be meant.
   */
  public boolean diffPicks() {
    return mode == Mode.DIFF && diffOfEdit != null;
  }

  public int diffScroll() {
    return diffScroll;
  }

  /** How many text lines a page has, for PgUp and PgDn; at least 1. */
  public void pageHeight(int lines) {
    pageHeight = Math.max(1, lines);
  }

  /** Keeps the item's scroll at or below {@code max}, the largest useful one after wrapping. */
  public void clampScroll(Item item, int max) {
    item.scroll = Math.max(0, Math.min(item.scroll, max));
  }

  /** Keeps the diff scroll at or below {@code max}. */
  public void clampDiffScroll(int max) {
    diffScroll = Math.max(0, Math.min(diffScroll, max));
  }

  /**
   * The editor returned {@code text} for {@code item}. A change shows the edit as a diff against
   * the generated text; a text that differs from the one before only in trailing line breaks, as
   * editors add them on save, counts as no change.
   */
  public void edited(Item item, String text) {
    Objects.requireNonNull(text, "text");
    if (withoutTrailingLineBreaks(text).equals(withoutTrailingLineBreaks(item.text))) {
      message = "no changes to " + item;
      return;
    }
    item.text = text;
    if (item.edited()) {
      toBrowse();
      diff =
          new DiffPair(
              item.number + " as generated", item.generated, item.number + " as edited", text);
      diffOfEdit = item;
      mode = Mode.DIFF;
    } else {
      message = item + " is back to its text as generated";
    }
  }

  /**
   * New drafts (refine or merge results) join after the last item, numbered on from it; the cursor
   * moves to the first of them.
   */
  public void added(List<PickEntry> entries) {
    int first = items.size();
    append(entries);
    if (first < items.size()) {
      current = items.get(first);
    }
    toBrowse();
  }

  /** Stores the judge's advice on those items and clears it on all others. */
  public void judged(Map<Item, Advice> advice) {
    for (Item item : items) {
      item.advice = advice.get(item);
    }
  }

  /** An effect failed: back to browsing, showing why. */
  public void failed(String message) {
    toBrowse();
    this.message = message;
  }

  private void append(List<PickEntry> entries) {
    int next = items.isEmpty() ? 1 : items.get(items.size() - 1).number + 1;
    for (PickEntry entry : entries) {
      items.add(new Item(Objects.requireNonNull(entry, "entry"), next++));
    }
  }

  private Effect inBrowse(Key key) {
    if (navigate(key)) {
      return Effect.NONE;
    }
    if (key.type() == Key.Type.ENTER) {
      return pick();
    }
    if (key.type() == Key.Type.ESCAPE) {
      return new Effect.Quit();
    }
    if (key.type() != Key.Type.CHAR) {
      return unknown();
    }
    switch (key.ch()) {
      case ' ' -> current.marked = !current.marked;
      case 'x' -> {
        return discard();
      }
      case 'u' -> {
        return undo();
      }
      case 's' -> {
        current.starred = !current.starred;
        return new Effect.Star(current, current.starred);
      }
      case 'f', 'z' -> mode = Mode.FULL;
      case 'd' -> startDiff();
      case 'e' -> {
        return new Effect.Edit(current);
      }
      case 'r' -> startRefine();
      case 'm' -> startMerge();
      case 'J' -> {
        return judge();
      }
      case '?' -> showHelp();
      case 'q' -> {
        return new Effect.Quit();
      }
      default -> {
        return unknown();
      }
    }
    return Effect.NONE;
  }

  private Effect inFull(Key key) {
    if (key.type() == Key.Type.ESCAPE || key.is('f') || key.is('z') || key.is('q')) {
      mode = Mode.BROWSE;
      return Effect.NONE;
    }
    return inBrowse(key);
  }

  /** Cursor and scroll keys, the same in BROWSE and FULL; false when the key is not one. */
  private boolean navigate(Key key) {
    List<Item> visible = visible();
    int at = visible.indexOf(current);
    switch (key.type()) {
      case RIGHT, DOWN, TAB -> current = visible.get((at + 1) % visible.size());
      case LEFT, UP -> current = visible.get((at - 1 + visible.size()) % visible.size());
      case HOME -> current = visible.get(0);
      case END -> current = visible.get(visible.size() - 1);
      case PAGE_DOWN -> current.scroll += pageHeight;
      case PAGE_UP -> current.scroll = Math.max(0, current.scroll - pageHeight);
      case CHAR -> {
        char c = key.ch();
        if (c == 'l' || c == 'n') {
          current = visible.get((at + 1) % visible.size());
        } else if (c == 'h' || c == 'p') {
          current = visible.get((at - 1 + visible.size()) % visible.size());
        } else if (c == 'j') {
          current.scroll++;
        } else if (c == 'k') {
          current.scroll = Math.max(0, current.scroll - 1);
        } else if (c >= '1' && c <= '9') {
          Item chosen = atPosition(c);
          if (chosen != null) {
            current = chosen;
          }
        } else {
          return false;
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The shown draft with a digit's number (the number in its title), or null with a message saying
   * why not.
   */
  private Item atPosition(char digit) {
    int number = digit - '0';
    for (Item item : visible()) {
      if (item.number() == number) {
        return item;
      }
    }
    boolean discarded = items.stream().anyMatch(i -> i.number() == number && i.discarded());
    message =
        discarded
            ? "draft " + number + " is discarded: press u to bring it back"
            : "there is no draft " + number + " (use the arrows for drafts past 9)";
    return null;
  }

  private Effect pick() {
    if (current.text.isBlank()) {
      message = current + " has no text to pick";
      return Effect.NONE;
    }
    return new Effect.Pick(current);
  }

  private Effect discard() {
    List<Item> visible = visible();
    if (visible.size() == 1) {
      message = current + " is the only one left: it cannot be discarded";
      return Effect.NONE;
    }
    int at = visible.indexOf(current);
    Item gone = current;
    current = at + 1 < visible.size() ? visible.get(at + 1) : visible.get(at - 1);
    gone.discarded = true;
    gone.marked = false;
    discards.push(gone);
    message = "discarded " + gone + " (u brings it back)";
    return new Effect.Discard(gone, true);
  }

  private Effect undo() {
    Item item = discards.poll();
    if (item == null) {
      message = "nothing to undo";
      return Effect.NONE;
    }
    item.discarded = false;
    current = item;
    message = "restored " + item;
    return new Effect.Discard(item, false);
  }

  private void startDiff() {
    List<Item> marked = marked();
    if (marked.size() == 2) {
      showDiff(marked.get(0), marked.get(1));
    } else if (visible().size() < 2) {
      message = "there is no other draft to diff " + current + " with";
    } else {
      diffFrom = current;
      mode = Mode.DIFF_CHOOSE;
      message = chooseHint();
    }
  }

  private String chooseHint() {
    return "diff " + diffFrom + " with which? press its number (Esc cancels)";
  }

  private Effect inDiffChoose(Key key) {
    if (key.type() == Key.Type.ESCAPE || key.is('q')) {
      toBrowse();
    } else if (key.is('?')) {
      showHelp();
    } else if (key.type() == Key.Type.CHAR && key.ch() >= '1' && key.ch() <= '9') {
      Item other = atPosition(key.ch());
      if (other == diffFrom) {
        message = "that is " + diffFrom + " itself: press another number (Esc cancels)";
      } else if (other != null) {
        showDiff(diffFrom, other);
      }
    } else {
      message = chooseHint();
    }
    return Effect.NONE;
  }

  private void showDiff(Item a, Item b) {
    Item left = a.number < b.number ? a : b;
    Item right = left == a ? b : a;
    toBrowse();
    diff = new DiffPair(left.toString(), left.text, right.toString(), right.text);
    mode = Mode.DIFF;
  }

  private Effect inDiff(Key key) {
    switch (key.type()) {
      case DOWN -> diffScroll++;
      case UP -> diffScroll = Math.max(0, diffScroll - 1);
      case PAGE_DOWN -> diffScroll += pageHeight;
      case PAGE_UP -> diffScroll = Math.max(0, diffScroll - pageHeight);
      case HOME -> diffScroll = 0;
      case ESCAPE -> toBrowse();
      case ENTER -> {
        if (diffOfEdit == null) {
          return unknown();
        }
        current = diffOfEdit;
        toBrowse();
        return pick();
      }
      case CHAR -> {
        switch (key.ch()) {
          case 'j' -> diffScroll++;
          case 'k' -> diffScroll = Math.max(0, diffScroll - 1);
          case 'd', 'q' -> toBrowse();
          case '?' -> showHelp();
          default -> {
            return unknown();
          }
        }
      }
      default -> {
        return unknown();
      }
    }
    return Effect.NONE;
  }

  private void startRefine() {
    if (current.text.isBlank()) {
      message = current + " has no text to refine";
      return;
    }
    input.setLength(0);
    mode = Mode.PROMPT_REFINE;
  }

  private void startMerge() {
    if (marked().size() < 2) {
      message = "mark two or more drafts with space, then press m";
      return;
    }
    input.setLength(0);
    mode = Mode.PROMPT_MERGE;
  }

  private Effect inPrompt(Key key) {
    switch (key.type()) {
      case CHAR -> {
        if (!Character.isISOControl(key.ch())) {
          input.append(key.ch());
        }
      }
      case BACKSPACE -> {
        if (input.length() > 0) {
          input.setLength(input.offsetByCodePoints(input.length(), -1));
        }
      }
      case ESCAPE -> toBrowse();
      case ENTER -> {
        return submit();
      }
      default -> {}
    }
    return Effect.NONE;
  }

  private Effect submit() {
    String instruction = input.toString().strip();
    if (mode == Mode.PROMPT_REFINE) {
      if (instruction.isEmpty()) {
        message = "type how to revise it, e.g. tighter intro, more concrete examples";
        return Effect.NONE;
      }
      toBrowse();
      Matcher counted = COUNT.matcher(instruction);
      if (counted.matches() && !counted.group(2).isBlank()) {
        return new Effect.Refine(
            current, counted.group(2).strip(), Integer.parseInt(counted.group(1)));
      }
      return new Effect.Refine(current, instruction, REVISIONS);
    }
    List<Item> marked = marked();
    toBrowse();
    if (marked.size() < 2) {
      message = "mark two or more drafts with space, then press m";
      return Effect.NONE;
    }
    marked.forEach(i -> i.marked = false);
    return new Effect.Merge(marked, instruction);
  }

  private Effect judge() {
    List<Item> withText = visible().stream().filter(i -> !i.text.isBlank()).toList();
    if (withText.size() < 2) {
      message = "the judge needs two or more drafts with text";
      return Effect.NONE;
    }
    return new Effect.Judge(withText);
  }

  private void showHelp() {
    beforeHelp = mode;
    mode = Mode.HELP;
  }

  private Effect leaveHelp() {
    mode = beforeHelp;
    if (mode == Mode.DIFF_CHOOSE) {
      message = chooseHint();
    }
    return Effect.NONE;
  }

  private Effect unknown() {
    message = "press ? for help";
    return Effect.NONE;
  }

  private List<Item> marked() {
    return items.stream().filter(i -> i.marked && !i.discarded).toList();
  }

  /** Leaves any prompt, choice or diff. */
  private void toBrowse() {
    mode = Mode.BROWSE;
    input.setLength(0);
    diffFrom = null;
    diff = null;
    diffOfEdit = null;
    diffScroll = 0;
  }

  private static String withoutTrailingLineBreaks(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }
}
