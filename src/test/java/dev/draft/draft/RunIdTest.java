package dev.draft.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Run ids: typeable, sortable by time, and unlikely to repeat within one second. */
class RunIdTest {
  @Test
  void anIdIsRThenSixTimeAndThreeRandomCharactersWithoutLookAlikes() {
    String id = RunId.next(Instant.parse("2026-12-06T10:00:00Z"));

    assertThat(id).matches("r[0-9a-hjkmnp-tv-z]{9}");
  }

  @Test
  void idsSortByTheSecondTheyWereMadeIn() {
    String earlier = RunId.next(Instant.parse("2026-12-06T10:00:00Z"));
    String later = RunId.next(Instant.parse("2026-12-06T10:00:01Z"));
    String muchLater = RunId.next(Instant.parse("2030-01-01T00:00:00Z"));

    assertThat(earlier.substring(0, 7)).isLessThan(later.substring(0, 7));
    assertThat(later).isLessThan(muchLater);
  }

  @Test
  void theStartOf2024IsTimeZeroAndEarlierTimesDoNotGoNegative() {
    assertThat(RunId.next(Instant.parse("2024-01-01T00:00:00Z"))).startsWith("r000000");
    assertThat(RunId.next(Instant.parse("1999-01-01T00:00:00Z"))).startsWith("r000000");
  }

  @Test
  void idsMadeInTheSameSecondDiffer() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ids.add(RunId.next(now));
    }
    // 32^3 = 32,768 suffixes: 200 draws make about 0.6 equal pairs; ten never happen in practice.
    assertThat(ids).hasSizeGreaterThan(190);
  }
}
