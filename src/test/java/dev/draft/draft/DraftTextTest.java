package dev.draft.draft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.Usage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftTextTest {
  private static Draft draft(String text, Status status, String error) {
    return new Draft(2, text, null, status, null, error, Usage.NONE);
  }

  @Test
  void headerNamesTheDraftAndItsTotal() {
    assertThat(DraftText.header(2, 3, List.of())).isEqualTo("=== draft 2/3 ===");
  }

  @Test
  void headerJoinsNotesWithDotsAndSkipsBlankOnes() {
    assertThat(DraftText.header(1, 4, Arrays.asList("complete", "", null, "picked")))
        .isEqualTo("=== draft 1/4 · complete · picked ===");
  }

  @Test
  void headerPutsAMarkInParenthesesWithoutADot() {
    Draft failed = draft("half", Status.FAILED, "HTTP 500");
    assertThat(DraftText.header(2, 3, List.of(DraftText.headerMark(failed))))
        .isEqualTo("=== draft 2/3 (failed: HTTP 500) ===");
    assertThat(DraftText.headerMark(draft("x", Status.COMPLETE, null))).isEmpty();
    assertThat(DraftText.headerMark(draft("x", Status.INTERRUPTED, "stopped")))
        .isEqualTo("(interrupted)");
  }

  @Test
  void textEndsWithExactlyOneNewlineUnlessEmpty() {
    assertThat(DraftText.withNewline("a")).isEqualTo("a\n");
    assertThat(DraftText.withNewline("a\n")).isEqualTo("a\n");
    assertThat(DraftText.withNewline("")).isEmpty();
  }

  @Test
  void aPartialDraftEndsWithALineThatSaysSo() {
    assertThat(DraftText.marked(draft("half", Status.INTERRUPTED, "the stream ended -->")))
        .isEqualTo("half\n<!-- draft: interrupted: the stream ended -> -->\n");
    assertThat(DraftText.marked(draft("whole", Status.TRUNCATED, null))).isEqualTo("whole\n");
    assertThat(DraftText.marker(draft("", Status.FAILED, "HTTP 500"))).isNull();
  }
}
