package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import dev.draft.ui.Key.Type;
import dev.draft.ui.Picker.Item;
import dev.draft.ui.Picker.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PickerTest {
  private static PickEntry entry(int index, String text) {
    Status status = text.isEmpty() ? Status.FAILED : Status.COMPLETE;
    return new PickEntry("r1", new Draft(index, text, null, status, null, null, Usage.NONE), null);
  }

  /** A picker over drafts with the texts given, numbered 1 and up. */
  private static Picker picker(String... texts) {
    List<PickEntry> entries = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      entries.add(entry(i + 1, texts[i]));
    }
    return new Picker(entries);
  }

  private static Effect press(Picker picker, char... chars) {
    Effect last = Effect.NONE;
    for (char c : chars) {
      last = picker.handle(Key.of(c));
    }
    return last;
  }

  private static Effect press(Picker picker, Type type) {
    return picker.handle(Key.of(type));
  }

  private static Effect type(Picker picker, String text) {
    return press(picker, text.toCharArray());
  }

  private static List<Integer> numbers(List<Item> items) {
    return items.stream().map(Item::number).toList();
  }

  private static Item item(Picker picker, int number) {
    return picker.items().stream().filter(i -> i.number() == number).findFirst().orElseThrow();
  }

  @Test
  void needsAtLeastOneDraft() {
    assertThatThrownBy(() -> new Picker(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one draft");
  }

  @Test
  void startsBrowsingTheFirstOfTheDraftsNumberedFromOne() {
    Picker picker = picker("alpha", "beta", "gamma");

    assertThat(numbers(picker.items())).containsExactly(1, 2, 3);
    assertThat(picker.current().number()).isEqualTo(1);
    assertThat(picker.current().text()).isEqualTo("alpha");
    assertThat(picker.current().edited()).isFalse();
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.message()).isNull();
    assertThat(picker.diff()).isNull();
    assertThat(picker.input()).isEmpty();
  }

  @Test
  void nextKeysMoveOnAndWrapAroundToTheFirst() {
    Picker picker = picker("a", "b", "c");
    List<Key> next =
        List.of(Key.of(Type.RIGHT), Key.of(Type.DOWN), Key.of(Type.TAB), Key.of('l'), Key.of('n'));

    List<Integer> seen = new ArrayList<>();
    for (Key key : next) {
      assertThat(picker.handle(key)).isEqualTo(Effect.NONE);
      seen.add(picker.current().number());
    }

    assertThat(seen).containsExactly(2, 3, 1, 2, 3);
  }

  @Test
  void previousKeysMoveBackAndWrapAroundToTheLast() {
    Picker picker = picker("a", "b", "c");
    List<Key> previous = List.of(Key.of(Type.LEFT), Key.of(Type.UP), Key.of('h'), Key.of('p'));

    List<Integer> seen = new ArrayList<>();
    for (Key key : previous) {
      picker.handle(key);
      seen.add(picker.current().number());
    }

    assertThat(seen).containsExactly(3, 2, 1, 3);
  }

  @Test
  void homeAndEndGoToTheFirstAndLastShown() {
    Picker picker = picker("a", "b", "c", "d");
    press(picker, Type.END);
    press(picker, 'x'); // discards 4
    assertThat(picker.current().number()).isEqualTo(3);

    press(picker, Type.HOME);
    assertThat(picker.current().number()).isEqualTo(1);
    press(picker, Type.END);
    assertThat(picker.current().number()).isEqualTo(3);
  }

  @Test
  void aDigitGoesToTheDraftWithThatNumberAlsoAfterOthersAreDiscarded() {
    Picker picker = picker("a", "b", "c", "d");
    press(picker, '2', 'x'); // discards 2: 1, 3 and 4 are shown

    press(picker, '3');

    assertThat(picker.current().number()).isEqualTo(3);
    assertThat(picker.message()).isNull();

    press(picker, '2');
    assertThat(picker.current().number()).isEqualTo(3);
    assertThat(picker.message()).isEqualTo("draft 2 is discarded: press u to bring it back");
  }

  @Test
  void aDigitWithNoDraftKeepsTheCursorAndSaysSo() {
    Picker picker = picker("a", "b", "c");
    press(picker, '2');

    assertThat(press(picker, '7')).isEqualTo(Effect.NONE);

    assertThat(picker.current().number()).isEqualTo(2);
    assertThat(picker.message())
        .isEqualTo("there is no draft 7 (use the arrows for drafts past 9)");
  }

  @Test
  void scrollKeysMoveTheCurrentDraftOnlyAndNeverAboveTheTop() {
    Picker picker = picker("a", "b");
    picker.pageHeight(5);

    press(picker, 'j', 'j', 'j');
    assertThat(picker.current().scroll()).isEqualTo(3);
    press(picker, 'k');
    assertThat(picker.current().scroll()).isEqualTo(2);
    press(picker, Type.PAGE_DOWN);
    assertThat(picker.current().scroll()).isEqualTo(7);
    press(picker, Type.PAGE_UP);
    press(picker, Type.PAGE_UP);
    assertThat(picker.current().scroll()).isZero();
    press(picker, 'k');
    assertThat(picker.current().scroll()).isZero();

    press(picker, 'j', 'n');
    assertThat(picker.current().scroll()).isZero();
    assertThat(item(picker, 1).scroll()).isEqualTo(1);
  }

  @Test
  void theViewClampsScrollingPastTheEnd() {
    Picker picker = picker("a");
    picker.pageHeight(10);
    press(picker, Type.PAGE_DOWN);
    press(picker, Type.PAGE_DOWN);

    picker.clampScroll(picker.current(), 4);
    assertThat(picker.current().scroll()).isEqualTo(4);
    picker.clampScroll(picker.current(), -3);
    assertThat(picker.current().scroll()).isZero();
  }

  @Test
  void spaceTogglesTheMarkOnTheCurrentDraft() {
    Picker picker = picker("a", "b");

    assertThat(press(picker, ' ')).isEqualTo(Effect.NONE);
    assertThat(picker.current().marked()).isTrue();
    press(picker, ' ');
    assertThat(picker.current().marked()).isFalse();
  }

  @Test
  void starTogglesAndAsksToRecordIt() {
    Picker picker = picker("a", "b");
    Item first = picker.current();

    assertThat(press(picker, 's')).isEqualTo(new Effect.Star(first, true));
    assertThat(first.starred()).isTrue();
    assertThat(press(picker, 's')).isEqualTo(new Effect.Star(first, false));
    assertThat(first.starred()).isFalse();
  }

  @Test
  void discardHidesTheDraftAndMovesToTheNextShown() {
    Picker picker = picker("a", "b", "c");
    press(picker, '2');
    Item second = picker.current();
    press(picker, ' ');

    assertThat(press(picker, 'x')).isEqualTo(new Effect.Discard(second, true));

    assertThat(second.discarded()).isTrue();
    assertThat(second.marked()).isFalse();
    assertThat(numbers(picker.visible())).containsExactly(1, 3);
    assertThat(numbers(picker.items())).containsExactly(1, 2, 3);
    assertThat(picker.current().number()).isEqualTo(3);
    assertThat(picker.message()).contains("discarded draft 2");
  }

  @Test
  void discardingTheLastInOrderMovesBackToTheOneBefore() {
    Picker picker = picker("a", "b", "c");
    press(picker, Type.END);

    press(picker, 'x');

    assertThat(picker.current().number()).isEqualTo(2);
  }

  @Test
  void theOnlyDraftLeftCannotBeDiscarded() {
    Picker picker = picker("a", "b");
    press(picker, 'x');

    assertThat(press(picker, 'x')).isEqualTo(Effect.NONE);

    assertThat(picker.current().discarded()).isFalse();
    assertThat(numbers(picker.visible())).containsExactly(2);
    assertThat(picker.message()).isEqualTo("draft 2 is the only one left: it cannot be discarded");
  }

  @Test
  void undoRestoresTheMostRecentlyDiscardedFirst() {
    Picker picker = picker("a", "b", "c");
    press(picker, 'x'); // 1, cursor to 2
    press(picker, 'x'); // 2, cursor to 3

    assertThat(press(picker, 'u')).isEqualTo(new Effect.Discard(item(picker, 2), false));
    assertThat(picker.current().number()).isEqualTo(2);
    assertThat(picker.message()).isEqualTo("restored draft 2");
    assertThat(press(picker, 'u')).isEqualTo(new Effect.Discard(item(picker, 1), false));
    assertThat(numbers(picker.visible())).containsExactly(1, 2, 3);

    assertThat(press(picker, 'u')).isEqualTo(Effect.NONE);
    assertThat(picker.message()).isEqualTo("nothing to undo");
  }

  @Test
  void fullScreenKeepsNavigationAndLeavesWithFZEscapeOrQ() {
    Picker picker = picker("a", "b", "c");
    for (Key leave : List.of(Key.of('f'), Key.of('z'), Key.of(Type.ESCAPE), Key.of('q'))) {
      press(picker, 'f');
      assertThat(picker.mode()).isEqualTo(Mode.FULL);
      int from = picker.current().number();
      press(picker, 'n');
      assertThat(picker.current().number()).isEqualTo(from % 3 + 1);
      int scroll = picker.current().scroll();
      press(picker, 'j');
      assertThat(picker.current().scroll()).isEqualTo(scroll + 1);
      assertThat(picker.handle(leave)).isEqualTo(Effect.NONE);
      assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    }
    press(picker, 'z');
    assertThat(picker.mode()).isEqualTo(Mode.FULL);
  }

  @Test
  void enterInFullScreenPicksTheDraftShown() {
    Picker picker = picker("a", "b");
    press(picker, 'n', 'f');

    assertThat(press(picker, Type.ENTER)).isEqualTo(new Effect.Pick(item(picker, 2)));
  }

  @Test
  void dWithTwoMarkedDiffsThemLowerNumberOnTheLeft() {
    Picker picker = picker("one", "two", "three");
    press(picker, '3', ' ', '1', ' ');

    press(picker, 'd');

    assertThat(picker.mode()).isEqualTo(Mode.DIFF);
    assertThat(picker.diff()).isEqualTo(new DiffPair("draft 1", "one", "draft 3", "three"));
    assertThat(picker.diffScroll()).isZero();
  }

  @Test
  void dWithoutTwoMarkedAsksWhichDraftToDiffWith() {
    Picker picker = picker("one", "two", "three");
    press(picker, '3');

    press(picker, 'd');

    assertThat(picker.mode()).isEqualTo(Mode.DIFF_CHOOSE);
    assertThat(picker.message())
        .isEqualTo("diff draft 3 with which? press its number (Esc cancels)");

    press(picker, '2');

    assertThat(picker.mode()).isEqualTo(Mode.DIFF);
    assertThat(picker.diff()).isEqualTo(new DiffPair("draft 2", "two", "draft 3", "three"));
  }

  @Test
  void choosingTheSameDraftOrAMissingOneKeepsAsking() {
    Picker picker = picker("one", "two", "three");
    press(picker, '2', 'd');

    press(picker, '2');
    assertThat(picker.mode()).isEqualTo(Mode.DIFF_CHOOSE);
    assertThat(picker.message()).contains("that is draft 2 itself");

    press(picker, '9');
    assertThat(picker.mode()).isEqualTo(Mode.DIFF_CHOOSE);
    assertThat(picker.message()).contains("there is no draft 9");

    press(picker, 'w');
    assertThat(picker.mode()).isEqualTo(Mode.DIFF_CHOOSE);
    assertThat(picker.message()).startsWith("diff draft 2 with which?");

    press(picker, Type.ESCAPE);
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.diff()).isNull();
    assertThat(picker.current().number()).isEqualTo(2);
  }

  @Test
  void aDiffNeedsAnotherDraftShown() {
    Picker picker = picker("one", "two");
    press(picker, 'x');

    press(picker, 'd');

    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.message()).isEqualTo("there is no other draft to diff draft 2 with");
  }

  @Test
  void theDiffScrollsAndLeavesWithDEscapeOrQ() {
    Picker picker = picker("one", "two");
    picker.pageHeight(4);
    for (Key leave : List.of(Key.of('d'), Key.of(Type.ESCAPE), Key.of('q'))) {
      press(picker, 'd', '2');
      press(picker, 'j', 'j', 'k');
      assertThat(picker.diffScroll()).isEqualTo(1);
      press(picker, Type.PAGE_DOWN);
      assertThat(picker.diffScroll()).isEqualTo(5);
      picker.clampDiffScroll(3);
      assertThat(picker.diffScroll()).isEqualTo(3);
      press(picker, Type.PAGE_UP);
      assertThat(picker.diffScroll()).isZero();

      assertThat(picker.handle(leave)).isEqualTo(Effect.NONE);

      assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
      assertThat(picker.diff()).isNull();
    }
  }

  @Test
  void enterPicksTheCurrentDraft() {
    Picker picker = picker("one", "two");
    press(picker, 'n');

    assertThat(press(picker, Type.ENTER)).isEqualTo(new Effect.Pick(item(picker, 2)));
  }

  @Test
  void aDraftWithoutTextCannotBePickedButCanBeEdited() {
    Picker picker = picker("", "two");

    assertThat(press(picker, Type.ENTER)).isEqualTo(Effect.NONE);
    assertThat(picker.message()).isEqualTo("draft 1 has no text to pick");

    assertThat(press(picker, 'e')).isEqualTo(new Effect.Edit(item(picker, 1)));
  }

  @Test
  void refineTakesATypedInstructionStripped() {
    Picker picker = picker("one", "two");
    press(picker, 'n', 'r');
    assertThat(picker.mode()).isEqualTo(Mode.PROMPT_REFINE);
    assertThat(picker.input()).isEmpty();

    type(picker, "  tighter, 2 q x ");
    assertThat(picker.input()).isEqualTo("  tighter, 2 q x ");
    assertThat(picker.current().number()).isEqualTo(2);
    assertThat(picker.visible()).hasSize(2);

    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Refine(item(picker, 2), "tighter, 2 q x", Picker.REVISIONS));
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.input()).isEmpty();
  }

  @Test
  void refineInstructionThatStartsWithACountAsksForThatMany() {
    Picker picker = picker("one", "two");
    press(picker, 'r');
    type(picker, "3: shorter");
    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Refine(item(picker, 1), "shorter", 3));

    press(picker, 'r');
    type(picker, " 1x warmer tone");
    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Refine(item(picker, 1), "warmer tone", 1));

    press(picker, 'r');
    type(picker, "4×more examples");
    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Refine(item(picker, 1), "more examples", 4));
  }

  @Test
  void aCountWithNothingAfterItIsTheInstructionItself() {
    Picker picker = picker("one", "two");
    press(picker, 'r');
    type(picker, "3:");
    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Refine(item(picker, 1), "3:", Picker.REVISIONS));

    press(picker, 'r');
    type(picker, "10: longer");
    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Refine(item(picker, 1), "10: longer", Picker.REVISIONS));
  }

  @Test
  void refineWithABlankInstructionAsksForOne() {
    Picker picker = picker("one");
    press(picker, 'r', ' ', ' ');

    assertThat(press(picker, Type.ENTER)).isEqualTo(Effect.NONE);

    assertThat(picker.mode()).isEqualTo(Mode.PROMPT_REFINE);
    assertThat(picker.message())
        .isEqualTo("type how to revise it, e.g. tighter intro, more concrete examples");
  }

  @Test
  void escapeCancelsAPromptAndDropsTheInput() {
    Picker picker = picker("one");
    press(picker, 'r');
    type(picker, "shorter");

    assertThat(press(picker, Type.ESCAPE)).isEqualTo(Effect.NONE);

    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.input()).isEmpty();
  }

  @Test
  void backspaceDeletesOneCodePointEvenOutsideTheBmp() {
    Picker picker = picker("one");
    press(picker, 'r');
    type(picker, "ok 👍🏽é");

    press(picker, Type.BACKSPACE);
    assertThat(picker.input()).isEqualTo("ok 👍🏽");
    press(picker, Type.BACKSPACE);
    assertThat(picker.input()).isEqualTo("ok 👍");
    press(picker, Type.BACKSPACE);
    assertThat(picker.input()).isEqualTo("ok ");
    for (int i = 0; i < 5; i++) {
      press(picker, Type.BACKSPACE);
    }
    assertThat(picker.input()).isEmpty();
    assertThat(picker.mode()).isEqualTo(Mode.PROMPT_REFINE);
  }

  @Test
  void aDraftWithoutTextCannotBeRefined() {
    Picker picker = picker("", "two");

    press(picker, 'r');

    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.message()).isEqualTo("draft 1 has no text to refine");
  }

  @Test
  void mergeNeedsTwoMarkedDrafts() {
    Picker picker = picker("one", "two", "three");
    press(picker, ' ');

    assertThat(press(picker, 'm')).isEqualTo(Effect.NONE);

    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.message()).isEqualTo("mark two or more drafts with space, then press m");
  }

  @Test
  void mergeSendsTheMarkedInNumberOrderAndClearsTheMarks() {
    Picker picker = picker("one", "two", "three");
    press(picker, '3', ' ', '1', ' ', '2', 'm');
    assertThat(picker.mode()).isEqualTo(Mode.PROMPT_MERGE);
    type(picker, " keep 3's ending ");

    Effect effect = press(picker, Type.ENTER);

    assertThat(effect)
        .isEqualTo(new Effect.Merge(List.of(item(picker, 1), item(picker, 3)), "keep 3's ending"));
    assertThat(picker.items()).noneMatch(Item::marked);
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.input()).isEmpty();
  }

  @Test
  void mergeWithoutInstructionSendsAnEmptyOne() {
    Picker picker = picker("one", "two");
    press(picker, ' ', 'n', ' ', 'm');

    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Merge(List.of(item(picker, 1), item(picker, 2)), ""));
  }

  @Test
  void cancellingAMergeKeepsTheMarks() {
    Picker picker = picker("one", "two");
    press(picker, ' ', 'n', ' ', 'm');

    press(picker, Type.ESCAPE);

    assertThat(picker.items()).allMatch(Item::marked);
  }

  @Test
  void discardedDraftsAreNotMerged() {
    Picker picker = picker("one", "two", "three");
    press(picker, ' ', 'n', ' ', 'n', ' ', 'x');

    press(picker, 'm');

    assertThat(press(picker, Type.ENTER))
        .isEqualTo(new Effect.Merge(List.of(item(picker, 1), item(picker, 2)), ""));
  }

  @Test
  void judgeRanksTheDraftsShownThatHaveText() {
    Picker picker = picker("one", "", "three", "four");
    press(picker, '4', 'x');

    assertThat(press(picker, 'J'))
        .isEqualTo(new Effect.Judge(List.of(item(picker, 1), item(picker, 3))));
  }

  @Test
  void judgeNeedsTwoDraftsWithText() {
    Picker picker = picker("one", "");

    assertThat(press(picker, 'J')).isEqualTo(Effect.NONE);

    assertThat(picker.message()).isEqualTo("the judge needs two or more drafts with text");
  }

  @Test
  void judgedAdviceIsStoredAndOlderAdviceCleared() {
    Picker picker = picker("one", "two", "three");
    Item first = item(picker, 1);
    Item second = item(picker, 2);
    Item third = item(picker, 3);
    picker.judged(Map.of(first, new Advice(2, 2, "vaguer"), third, new Advice(1, 2, "concrete")));
    assertThat(third.advice()).isEqualTo(new Advice(1, 2, "concrete"));
    assertThat(second.advice()).isNull();

    picker.judged(Map.of(second, new Advice(1, 1, "only one")));

    assertThat(first.advice()).isNull();
    assertThat(second.advice()).isEqualTo(new Advice(1, 1, "only one"));
    assertThat(third.advice()).isNull();
  }

  @Test
  void helpReturnsToTheModeBeforeWithoutActingOnTheKey() {
    Picker picker = picker("one", "two");
    press(picker, '?');
    assertThat(picker.mode()).isEqualTo(Mode.HELP);

    assertThat(press(picker, 'q')).isEqualTo(Effect.NONE);
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);

    press(picker, 'f', '?');
    assertThat(press(picker, Type.ENTER)).isEqualTo(Effect.NONE);
    assertThat(picker.mode()).isEqualTo(Mode.FULL);

    press(picker, 'd', '2', '?');
    press(picker, 'x');
    assertThat(picker.mode()).isEqualTo(Mode.DIFF);
    assertThat(picker.diff()).isNotNull();
    assertThat(picker.visible()).hasSize(2);
    assertThat(Picker.help()).isNotEmpty();
  }

  @Test
  void qEscapeAndCtrlCQuitWhenBrowsing() {
    for (Key quit : List.of(Key.of('q'), Key.of(Type.ESCAPE), Key.of(Type.CTRL_C))) {
      assertThat(picker("one").handle(quit)).isEqualTo(new Effect.Quit());
    }
  }

  @Test
  void ctrlCAbandonsAPromptButQuitsFromEveryOtherMode() {
    Picker prompt = picker("one", "two");
    press(prompt, 'r');
    type(prompt, "shorter");
    assertThat(press(prompt, Type.CTRL_C)).isEqualTo(Effect.NONE);
    assertThat(prompt.mode()).isEqualTo(Mode.BROWSE);
    assertThat(prompt.input()).isEmpty();
    assertThat(press(prompt, Type.CTRL_C)).isEqualTo(new Effect.Quit());

    Picker merge = picker("one", "two");
    press(merge, ' ', 'n', ' ', 'm');
    assertThat(press(merge, Type.CTRL_C)).isEqualTo(Effect.NONE);
    assertThat(merge.mode()).isEqualTo(Mode.BROWSE);

    Picker help = picker("one");
    press(help, '?');
    assertThat(press(help, Type.CTRL_C)).isEqualTo(new Effect.Quit());

    Picker diff = picker("one", "two");
    press(diff, 'd', '2');
    assertThat(press(diff, Type.CTRL_C)).isEqualTo(new Effect.Quit());

    Picker choose = picker("one", "two");
    press(choose, 'd');
    assertThat(press(choose, Type.CTRL_C)).isEqualTo(new Effect.Quit());

    Picker full = picker("one");
    press(full, 'f');
    assertThat(press(full, Type.CTRL_C)).isEqualTo(new Effect.Quit());
  }

  @Test
  void anUnknownKeyDoesNothingButPointAtHelp() {
    Picker picker = picker("one", "two");

    assertThat(press(picker, 'w')).isEqualTo(Effect.NONE);
    assertThat(picker.message()).isEqualTo("press ? for help");
    assertThat(press(picker, Type.BACKSPACE)).isEqualTo(Effect.NONE);
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.current().number()).isEqualTo(1);
  }

  @Test
  void theNextKeyClearsTheMessage() {
    Picker picker = picker("one", "two");
    press(picker, 'w');

    press(picker, 'n');

    assertThat(picker.message()).isNull();
  }

  @Test
  void addedDraftsAreNumberedAfterTheLastEvenWhenItWasDiscarded() {
    Picker picker = picker("one", "two", "three");
    press(picker, '3', 'x');
    press(picker, 'r');
    type(picker, "shorter");
    press(picker, Type.ENTER);

    picker.added(
        List.of(
            new PickEntry("r2", entry(1, "two, shorter").draft(), "refine of 2"),
            new PickEntry("r2", entry(2, "two, shortest").draft(), "refine of 2")));

    assertThat(numbers(picker.items())).containsExactly(1, 2, 3, 4, 5);
    assertThat(numbers(picker.visible())).containsExactly(1, 2, 4, 5);
    assertThat(picker.current().number()).isEqualTo(4);
    assertThat(picker.current().entry().origin()).isEqualTo("refine of 2");
    assertThat(picker.current().text()).isEqualTo("two, shorter");
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
  }

  @Test
  void addedReturnsToBrowsingFromAnyMode() {
    Picker picker = picker("one", "two");
    press(picker, 'd', '2');

    picker.added(List.of(entry(1, "merged")));

    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.diff()).isNull();
    assertThat(picker.current().number()).isEqualTo(3);
  }

  @Test
  void anEditShowsItsDiffAgainstTheGeneratedText() {
    Picker picker = picker("one", "two");
    Item second = item(picker, 2);

    picker.edited(second, "two, edited");

    assertThat(second.text()).isEqualTo("two, edited");
    assertThat(second.generated()).isEqualTo("two");
    assertThat(second.edited()).isTrue();
    assertThat(picker.mode()).isEqualTo(Mode.DIFF);
    assertThat(picker.diff())
        .isEqualTo(new DiffPair("2 as generated", "two", "2 as edited", "two, edited"));
  }

  @Test
  void enterOnTheDiffOfAnEditPicksTheEditedDraft() {
    Picker picker = picker("one", "two", "three");
    Item second = item(picker, 2);
    picker.edited(second, "two, edited");

    assertThat(picker.diffPicks()).isTrue();
    assertThat(press(picker, Type.ENTER)).isEqualTo(new Effect.Pick(second));
    assertThat(picker.current()).isSameAs(second);
    assertThat(second.text()).isEqualTo("two, edited");
  }

  @Test
  void enterOnADiffOfTwoDraftsPicksNeither() {
    Picker picker = picker("one", "two");
    press(picker, ' ');
    press(picker, Type.RIGHT);
    press(picker, ' ', 'd');
    assertThat(picker.mode()).isEqualTo(Mode.DIFF);

    assertThat(picker.diffPicks()).isFalse();
    assertThat(press(picker, Type.ENTER)).isEqualTo(Effect.NONE);
    assertThat(picker.mode()).isEqualTo(Mode.DIFF);
  }

  @Test
  void anEditWithoutChangesSaysSo() {
    Picker picker = picker("one", "two");
    Item first = item(picker, 1);

    picker.edited(first, "one");

    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.message()).isEqualTo("no changes to draft 1");
    assertThat(first.edited()).isFalse();
  }

  @Test
  void aLineBreakTheEditorAddedIsNoChange() {
    Picker picker = picker("one");
    Item first = item(picker, 1);

    picker.edited(first, "one\n");

    assertThat(first.text()).isEqualTo("one");
    assertThat(picker.message()).isEqualTo("no changes to draft 1");
  }

  @Test
  void editingBackToTheGeneratedTextClearsTheEdit() {
    Picker picker = picker("one");
    Item first = item(picker, 1);
    picker.edited(first, "uno");
    press(picker, 'q');

    picker.edited(first, "one");

    assertThat(first.edited()).isFalse();
    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.message()).isEqualTo("draft 1 is back to its text as generated");
  }

  @Test
  void pickAndDiffUseTheEditedText() {
    Picker picker = picker("one", "two");
    picker.edited(item(picker, 1), "uno");
    press(picker, 'q');

    press(picker, 'd', '2');

    assertThat(picker.diff()).isEqualTo(new DiffPair("draft 1", "uno", "draft 2", "two"));
  }

  @Test
  void aFailureGoesBackToBrowsingWithItsMessage() {
    Picker picker = picker("one", "two");
    press(picker, ' ', 'n', ' ', 'm');
    type(picker, "half");

    picker.failed("the merge failed: HTTP 500");

    assertThat(picker.mode()).isEqualTo(Mode.BROWSE);
    assertThat(picker.input()).isEmpty();
    assertThat(picker.message()).isEqualTo("the merge failed: HTTP 500");
  }

  @Test
  void aCharKeyNeedsItsCharacter() {
    assertThat(Key.of('a')).isEqualTo(new Key(Type.CHAR, 'a'));
    assertThatThrownBy(() -> Key.of(Type.CHAR)).isInstanceOf(IllegalArgumentException.class);
  }
}
