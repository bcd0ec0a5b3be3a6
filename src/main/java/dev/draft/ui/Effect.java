package dev.draft.ui;

import java.util.List;

/**
 * What the controller must do after a key. The picker has already updated its own state; the
 * controller runs the effect and reports any result back ({@link Picker#edited}, {@link
 * Picker#added}, {@link Picker#judged}, {@link Picker#failed}).
 */
public sealed interface Effect {
  /** Nothing to do beyond redrawing. */
  Effect NONE = new None();

  /** Nothing to do beyond redrawing. */
  record None() implements Effect {}

  /** Leave the picker without a pick. */
  record Quit() implements Effect {}

  /** The user chose this draft. */
  record Pick(Picker.Item item) implements Effect {}

  /** Open this draft's current text in the editor, then call {@link Picker#edited}. */
  record Edit(Picker.Item item) implements Effect {}

  /**
   * Ask the model for {@code count} revisions of this draft as told, then call {@link
   * Picker#added}.
   */
  record Refine(Picker.Item item, String instruction, int count) implements Effect {}

  /**
   * Ask the model to merge these drafts, in number order, then call {@link Picker#added}.
   *
   * @param instruction what to favour, or {@code ""} when none was typed
   */
  record Merge(List<Picker.Item> items, String instruction) implements Effect {
    public Merge {
      items = List.copyOf(items);
    }
  }

  /** Ask the judge to rank these drafts, then call {@link Picker#judged}. */
  record Judge(List<Picker.Item> items) implements Effect {
    public Judge {
      items = List.copyOf(items);
    }
  }

  /** Record that the user starred ({@code true}) or unstarred the draft. */
  record Star(Picker.Item item, boolean starred) implements Effect {}

  /** Record that the user discarded ({@code true}) or restored the draft by undo. */
  record Discard(Picker.Item item, boolean discarded) implements Effect {}
}
