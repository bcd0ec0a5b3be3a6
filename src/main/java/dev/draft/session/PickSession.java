package dev.draft.session;

import dev.draft.client.ChatRequest;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftText;
import dev.draft.draft.Judgement;
import dev.draft.draft.NumberedText;
import dev.draft.draft.Status;
import dev.draft.history.RunParams;
import dev.draft.ui.Advice;
import dev.draft.ui.EditorException;
import dev.draft.ui.LiveView;
import dev.draft.ui.PickEntry;
import dev.draft.ui.PickView;
import dev.draft.ui.Picker;
import dev.draft.ui.TerminalScreen;
import dev.draft.ui.Terminals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interactive loop on a terminal: the drafts stream into a live view, then the pick view opens
 * on them; its stars, discards, edits, refinements, merges and rankings are carried out here and
 * recorded in the history as they happen.
 */
public final class PickSession implements PickView.Actions {
  private final Context context;
  private final java.util.function.Supplier<EndpointSession> sessions;
  private EndpointSession session;
  private Revisions revisions;
  private final RunParams params;
  private final List<String> made = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** What the view does, recorded; a refused write becomes a note, shown once the screen closes. */
  private final Events events;

  private Picker shown;
  private final String brief;
  private final boolean record;

  /**
   * @param sessions the endpoint for refining, merging and judging, opened when first needed (a
   *     past run reopened with {@code draft pick} needs none to be picked from)
   * @param params the parameters of the run the view opened on, which revisions inherit
   * @param brief the user message the drafts answer, for the judge
   */
  public PickSession(
      Context context,
      java.util.function.Supplier<EndpointSession> sessions,
      boolean record,
      RunParams params,
      String brief) {
    this.context = context;
    this.sessions = sessions;
    this.record = record;
    this.params = params;
    this.brief = brief;
    this.events = Events.reporting(context, notes::add);
  }

  private EndpointSession session() {
    if (session == null) {
      session = sessions.get();
    }
    return session;
  }

  /** The prompts of refine, merge and judge, each template loaded once per session. */
  private Revisions revisions() {
    if (revisions == null) {
      revisions = new Revisions(context, session());
    }
    return revisions;
  }

  /** The pick view's heading: the run, its template if any, and the model. */
  public static String heading(String run, String template, String model) {
    return run + (template == null ? "" : " · " + template) + " · " + model;
  }

  /** Whether the view can open: stderr is a terminal and there is a screen to draw on. */
  public static boolean available(Context context) {
    return context.stderrTerminal() && context.screens() != null;
  }

  /** Opens the screen the view and the live view draw on. */
  public static TerminalScreen screen(Context context) {
    // Ours first: the screen puts back the handlers it found when it closes.
    context.interrupts().install();
    TerminalScreen screen = context.screens().get();
    // As without the view: the first Ctrl-C stops the streams, a second one (or one with nothing
    // to stop) exits at once, with the terminal given back first.
    screen.onInterrupt(
        () -> {
          if (!context.interrupts().fire()) {
            screen.leave();
            context.interrupts().exit();
          }
        });
    return screen;
  }

  /** A live view for {@code n} drafts on {@code screen}, entered with Ctrl-C as a signal. */
  public static LiveView live(Context context, TerminalScreen screen, String heading, int n) {
    screen.enter(false);
    return new LiveView(screen, heading, n, context.colourAllowed(), System::nanoTime).start();
  }

  /**
   * Shows the pick view on {@code entries} until the user picks or leaves.
   *
   * @return the picked item, or null
   */
  public Picker.Item pick(TerminalScreen screen, List<PickEntry> entries, String heading) {
    Picker picker = new Picker(entries);
    shown = picker;
    PickView view = new PickView(screen, picker, this, heading, context.colourAllowed());
    Picker.Item picked;
    try {
      picked = view.run().picked();
    } finally {
      view.notes().forEach(note -> notes.add("draft: " + note));
    }
    return picked;
  }

  public static List<PickEntry> entries(String run, List<Draft> drafts, String origin) {
    return drafts.stream().map(d -> new PickEntry(run, d, origin)).toList();
  }

  @Override
  public void star(Picker.Item item, boolean starred) {
    if (record) {
      events.star(item.entry().run(), item.entry().draft().index(), starred);
    }
  }

  @Override
  public void discard(Picker.Item item, boolean discarded) {
    if (record) {
      events.discard(item.entry().run(), item.entry().draft().index(), discarded);
    }
  }

  @Override
  public String edit(Picker.Item item) {
    String run = item.entry().run();
    int index = item.entry().draft().index();
    DraftEditing.Result result;
    try {
      result =
          DraftEditing.edit(
              context,
              run + "/" + index,
              item.text(),
              Terminals.editorTty(context.stdinTerminal(), context.stdoutTerminal()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hand the draft to the editor: " + e.getMessage(), e);
    }
    if (result.problem() != null) {
      throw new EditorException(result.problem());
    }
    if (record && result.changed()) {
      events.edit(run, index, result.text());
    }
    return result.text();
  }

  @Override
  public List<PickEntry> refine(Picker.Item item, String how, int n, PickView.Streams streams) {
    ChatRequest request = revisions().refine(item.text(), how).parent(params).build();
    PromptCheck.check(session(), request, "the drafts or the instruction");
    RunOrigin origin =
        revisions().refineOrigin(item.entry().run(), item.entry().draft().index(), how);
    String what = n + (n == 1 ? " revision" : " revisions") + " of draft " + item.number();
    Generation.Generated run =
        generate(origin, request, n, streams, what + " with " + session().model());
    remember(run, what);
    return entries(run.run(), run.set().drafts(), "refine of " + item.number());
  }

  @Override
  public List<PickEntry> merge(
      List<Picker.Item> items, String instruction, PickView.Streams streams) {
    String parentRun = items.get(0).entry().run();
    boolean oneRun = items.stream().allMatch(i -> i.entry().run().equals(parentRun));
    List<NumberedText> texts = new ArrayList<>();
    List<String> drafts = new ArrayList<>();
    StringBuilder label = new StringBuilder();
    for (Picker.Item item : items) {
      texts.add(new NumberedText(item.number(), item.text()));
      int index = item.entry().draft().index();
      drafts.add(oneRun ? String.valueOf(index) : item.entry().run() + "/" + index);
      label.append(label.length() == 0 ? "" : "+").append(item.number());
    }
    ChatRequest request = revisions().merge(texts, instruction).parent(params).build();
    PromptCheck.check(session(), request, "the drafts or the instruction");
    RunOrigin origin = revisions().mergeOrigin(parentRun, String.join(",", drafts), instruction);
    Generation.Generated run =
        generate(origin, request, 1, streams, "merging " + label + " with " + session().model());
    remember(run, "a merge of " + label);
    return entries(run.run(), run.set().drafts(), "merge of " + label);
  }

  private Generation.Generated generate(
      RunOrigin origin, ChatRequest request, int n, PickView.Streams streams, String heading) {
    Generation.Generated made;
    try (LiveView live = streams.open(heading, n)) {
      made =
          new Generation(context, session(), record).run(origin, "samples", request, n, null, live);
      live.finish(made.set().drafts());
    }
    made.throwIfNothingCame();
    if (made.set().drafts().stream()
        .allMatch(d -> d.text().isBlank() && d.status() == Status.INTERRUPTED)) {
      throw new IllegalStateException("stopped before any text came; nothing was added");
    }
    return made;
  }

  private void remember(Generation.Generated run, String what) {
    if (run.recorded()) {
      made.add("draft: the view also saved " + run.run() + " (" + what + ")");
    }
  }

  @Override
  public Map<Picker.Item, Advice> judge(List<Picker.Item> items) {
    List<NumberedText> texts = new ArrayList<>();
    Map<Integer, Picker.Item> byNumber = new LinkedHashMap<>();
    for (Picker.Item item : items) {
      texts.add(new NumberedText(item.number(), item.text()));
      byNumber.put(item.number(), item);
    }
    Judgement judgement = revisions().judge(brief, texts);
    if (record) {
      recordJudgement(judgement, byNumber);
    }
    Map<Picker.Item, Advice> advice = new LinkedHashMap<>();
    int of = judgement.ranking().size();
    for (int rank = 0; rank < of; rank++) {
      int number = judgement.ranking().get(rank);
      advice.put(byNumber.get(number), new Advice(rank + 1, of, judgement.notes().get(number)));
    }
    return advice;
  }

  /**
   * Records the ranking on each run whose drafts were judged, in that run's own draft numbers (the
   * view numbers revisions after the first run's drafts).
   */
  private void recordJudgement(Judgement judgement, Map<Integer, Picker.Item> byNumber) {
    Map<String, List<Integer>> runs = new LinkedHashMap<>();
    for (int number : judgement.ranking()) {
      Picker.Item item = byNumber.get(number);
      runs.computeIfAbsent(item.entry().run(), r -> new ArrayList<>()).add(number);
    }
    for (Map.Entry<String, List<Integer>> run : runs.entrySet()) {
      List<Integer> ranking = new ArrayList<>();
      Map<Integer, String> notes = new LinkedHashMap<>();
      Map<String, Integer> shownAs = new LinkedHashMap<>();
      for (int number : run.getValue()) {
        int index = byNumber.get(number).entry().draft().index();
        ranking.add(index);
        if (judgement.notes().containsKey(number)) {
          notes.put(index, judgement.notes().get(number));
        }
      }
      judgement
          .shownAs()
          .forEach(
              (label, number) -> {
                if (run.getValue().contains(number)) {
                  shownAs.put(label, byNumber.get(number).entry().draft().index());
                }
              });
      events.judge(run.getKey(), new Judgement(ranking, notes, judgement.model(), shownAs));
    }
  }

  /**
   * Ends the session once the screen is closed: records the pick (null for none) and closes the
   * history. What went wrong in the view and which runs it made are then in {@link #notes()}.
   */
  public void finish(Picker.Item picked) {
    try (events) {
      if (picked != null && record) {
        events.pick(picked.entry().run(), picked.entry().draft().index(), Events.PickedBy.VIEW);
      }
    }
  }

  /** What went wrong in the view, then the runs it made, as lines for stderr. */
  public List<String> notes() {
    List<String> lines = new ArrayList<>(notes);
    lines.addAll(made);
    return lines;
  }

  /** Whether the view's runs and choices are recorded in the history. */
  public boolean recording() {
    return record;
  }

  /** Every draft the view held, in its order (its numbers), after it closed. */
  public List<Picker.Item> shown() {
    return shown == null ? List.of() : shown.items();
  }

  /**
   * The text a pick delivers: the user's edit as it stands, else the draft with the line that marks
   * it partial, if it is.
   */
  public static String deliverable(Picker.Item picked) {
    return picked.edited()
        ? picked.text()
        : DraftText.marked(picked.entry().draft().withText(picked.text()));
  }
}
