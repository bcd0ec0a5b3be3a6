package dev.draft.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JudgeReplyTest {
  private static final List<String> ABC = List.of("A", "B", "C");

  @Test
  void readsTheRankingAndTheNotesOfPlainJson() {
    JudgeReply reply =
        JudgeReply.parse(
            "{\"ranking\": [\"C\", \"A\", \"B\"], \"notes\": {\"A\": \"Clear.\", \"B\": \"Long.\","
                + " \"C\": \"Best on the brief.\"}}",
            ABC);

    assertThat(reply.ranking()).containsExactly("C", "A", "B");
    assertThat(reply.notes())
        .containsExactly(
            entry("C", "Best on the brief."), entry("A", "Clear."), entry("B", "Long."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "```json\n{\"ranking\": [\"C\", \"A\", \"B\"]}\n```",
        "Sure! Here is my ranking:\n\n{\"ranking\": [\"C\", \"A\", \"B\"]}\n\nC wins on clarity.",
        "{'ranking': ['C', 'A', 'B'],}",
        "{\"ranking\": [\"Draft C\", \"a\", \"(B)\"]}",
        "{\"ranking\": \"C > A > B\"}",
        "{\"ranking\": \"C, A, B\", \"notes\": null}",
        "{\"verdict\": {\"ranking\": [\"C\", \"A\", \"B\"]}}",
        "I weighed {clarity} first. {\"ranking\": [\"C\", \"A\", \"B\"]}"
      })
  void toleratesFencesProseAndLooseLabels(String answer) {
    assertThat(JudgeReply.parse(answer, ABC).ranking()).containsExactly("C", "A", "B");
  }

  @Test
  void notesAreOneLineAndOnlyForLabelsShown() {
    JudgeReply reply =
        JudgeReply.parse(
            "{\"ranking\": [\"B\", \"A\"], \"notes\": {\"A\": \"Fine,\\n  but flat.\", \"Z\":"
                + " \"ghost\", \"b\": \"  \"}}",
            List.of("A", "B"));

    assertThat(reply.notes()).containsExactly(entry("A", "Fine, but flat."));
  }

  @Test
  void aRankingThatLeavesOutADraftIsNoRanking() {
    assertThatThrownBy(() -> JudgeReply.parse("{\"ranking\": [\"C\"]}", ABC))
        .isInstanceOf(JudgeReply.Unreadable.class)
        .hasMessage("the ranking leaves out A and B");
  }

  @Test
  void aLabelThatWasNotShownIsNoRanking() {
    assertThatThrownBy(() -> JudgeReply.parse("{\"ranking\": [\"C\", \"A\", \"D\"]}", ABC))
        .isInstanceOf(JudgeReply.Unreadable.class)
        .hasMessage("the ranking names \"D\", which is not one of A, B and C");
  }

  @Test
  void aLabelTwiceIsNoRanking() {
    assertThatThrownBy(() -> JudgeReply.parse("{\"ranking\": [\"C\", \"A\", \"c\"]}", ABC))
        .isInstanceOf(JudgeReply.Unreadable.class)
        .hasMessage("the ranking names C twice");
  }

  @Test
  void proseWithoutJsonOrAnEmptyAnswerIsNoRanking() {
    assertThatThrownBy(() -> JudgeReply.parse("C is best, then A, then B.", ABC))
        .isInstanceOf(JudgeReply.Unreadable.class)
        .hasMessage("it holds no JSON object with a \"ranking\"");
    assertThatThrownBy(() -> JudgeReply.parse("{\"order\": [\"C\", \"A\", \"B\"]}", ABC))
        .hasMessage("it holds no JSON object with a \"ranking\"");
    assertThatThrownBy(() -> JudgeReply.parse("  ", ABC)).hasMessage("the answer was empty");
    assertThatThrownBy(() -> JudgeReply.parse("{\"ranking\": 3}", ABC))
        .hasMessage("the ranking is 3, not a list of labels");
  }

  // --- Judgement --------------------------------------------------------------------------------

  @Test
  void aBlindOrderIsASeededShuffleLabelledInTheOrderShown() {
    Map<String, Integer> shownAs = Judgement.blindOrder(List.of(1, 2, 3), new Random(1));

    assertThat(shownAs).containsExactly(entry("A", 2), entry("B", 3), entry("C", 1));
    assertThat(Judgement.blindOrder(List.of(1, 2, 3), new Random(1))).isEqualTo(shownAs);
  }

  @Test
  void labelsGoOnAfterZ() {
    assertThat(List.of(0, 25, 26, 27, 31))
        .extracting(Judgement::label)
        .containsExactly("A", "Z", "AA", "AB", "AF");
    assertThat(
            Judgement.blindOrder(
                    List.of(
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                        22, 23, 24, 25, 26, 27, 28),
                    new Random(3))
                .keySet())
        .endsWith("Z", "AA", "AB");
  }

  @Test
  void aJudgementMapsTheLettersBackToDraftNumbers() {
    Map<String, Integer> shownAs = Map.of("A", 2, "B", 3, "C", 1);
    JudgeReply reply =
        JudgeReply.parse(
            "{\"ranking\": [\"B\", \"C\", \"A\"], \"notes\": {\"B\": \"Vivid.\"}}", ABC);

    Judgement judgement = Judgement.of(reply, shownAs, "m1");

    assertThat(judgement.ranking()).containsExactly(3, 1, 2);
    assertThat(judgement.first()).isEqualTo(3);
    assertThat(judgement.notes()).containsExactly(entry(3, "Vivid."));
    assertThat(judgement.model()).isEqualTo("m1");
  }
}
