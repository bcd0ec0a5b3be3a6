package dev.draft.draft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.Outcome;
import org.junit.jupiter.api.Test;

class StatusTest {
  @Test
  void everyOutcomeMapsToTheStatusThatTellsTheSame() {
    for (Outcome outcome : Outcome.values()) {
      Status status = Status.of(outcome);
      assertThat(status.label()).isEqualTo(outcome.label());
      assertThat(status.delivered()).isEqualTo(outcome.delivered());
    }
  }

  @Test
  void onlyFailedAndInterruptedDraftsAreNotDelivered() {
    assertThat(Status.values())
        .filteredOn(s -> !s.delivered())
        .containsExactly(Status.FAILED, Status.INTERRUPTED);
  }
}
