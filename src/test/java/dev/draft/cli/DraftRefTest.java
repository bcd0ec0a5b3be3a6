package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draft.session.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftRefTest {
  @Test
  void oneDraftOrNone() {
    assertThat(DraftRef.one("last/2")).isEqualTo(new DraftRef("last", List.of(2)));
    assertThat(DraftRef.one("r2qp0")).isEqualTo(new DraftRef("r2qp0", List.of()));
    assertThatThrownBy(() -> DraftRef.one("last/1,2"))
        .isInstanceOf(UsageException.class)
        .hasMessage("'last/1,2': after the / comes a draft number, e.g. last/2");
  }

  @Test
  void severalDraftsAsNumbersAndRangesInTheOrderGiven() {
    assertThat(DraftRef.several("last/3,1").drafts()).containsExactly(3, 1);
    assertThat(DraftRef.several("last/1-3").drafts()).containsExactly(1, 2, 3);
    assertThat(DraftRef.several("last/4, 1-2,2").drafts()).containsExactly(4, 1, 2);
    assertThat(DraftRef.several("r2qp0").drafts()).isEmpty();
  }

  @Test
  void anythingElseAfterTheSlashIsAUsageError() {
    for (String bad :
        new String[] {"last/", "last/1,", "last/a", "last/3-1", "last/1-", "last/-2"}) {
      assertThatThrownBy(() -> DraftRef.several(bad))
          .as(bad)
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith("'" + bad + "': after the / come draft numbers");
    }
  }
}
