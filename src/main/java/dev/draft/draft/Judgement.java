package dev.draft.draft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A judge's verdict on some drafts of a run, in the drafts' own numbers. The judge saw them blind:
 * shuffled and labelled A, B, C…, never with their numbers or in their order.
 *
 * @param ranking the draft numbers, best first
 * @param notes a one-line note per draft number, for those the judge wrote one for
 * @param model the model that judged
 * @param shownAs which draft each label stood for, in the order the judge saw them
 */
public record Judgement(
    List<Integer> ranking, Map<Integer, String> notes, String model, Map<String, Integer> shownAs) {

  public Judgement {
    ranking = List.copyOf(ranking);
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    shownAs = Collections.unmodifiableMap(new LinkedHashMap<>(shownAs));
  }

  /** The judge's first choice. */
  public int first() {
    return ranking.get(0);
  }

  /**
   * A blind order for {@code numbers}: shuffled with {@code random}, then labelled A, B, C… in the
   * shuffled order (after Z: AA, AB, …).
   *
   * @return label to draft number, in the order the judge will see them
   */
  public static Map<String, Integer> blindOrder(List<Integer> numbers, Random random) {
    List<Integer> shuffled = new ArrayList<>(numbers);
    Collections.shuffle(shuffled, random);
    Map<String, Integer> shownAs = new LinkedHashMap<>();
    for (int i = 0; i < shuffled.size(); i++) {
      shownAs.put(label(i), shuffled.get(i));
    }
    return shownAs;
  }

  /**
   * The verdict of {@code reply}, its labels mapped back to draft numbers through {@code shownAs}.
   */
  public static Judgement of(JudgeReply reply, Map<String, Integer> shownAs, String model) {
    List<Integer> ranking = reply.ranking().stream().map(shownAs::get).toList();
    Map<Integer, String> notes = new LinkedHashMap<>();
    reply.notes().forEach((label, note) -> notes.put(shownAs.get(label), note));
    return new Judgement(ranking, notes, model, shownAs);
  }

  /** The label of the draft shown in {@code position} (from 0): A … Z, then AA, AB, … */
  static String label(int position) {
    String letter = String.valueOf((char) ('A' + position % 26));
    return position < 26 ? letter : label(position / 26 - 1) + letter;
  }
}
