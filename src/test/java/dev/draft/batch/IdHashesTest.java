package dev.draft.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdHashesTest {
  @Test
  void aHashIsTheFirstEightBytesOfTheSha256OfTheId() {
    // SHA-256("abc") = ba7816bf8f01cfea 414140de5dae2223 ...
    assertThat(IdHashes.of("abc")).isEqualTo(0xba7816bf8f01cfeaL);
    assertThat(IdHashes.of("posts/a.md")).isEqualTo(IdHashes.of("posts/a.md"));
    assertThat(IdHashes.of("a")).isNotEqualTo(IdHashes.of("b"));
  }

  @Test
  void theSetGrowsAndKeepsEveryHashOnce() {
    IdHashes set = new IdHashes();
    for (int i = 0; i < 10_000; i++) {
      assertThat(set.add(IdHashes.of("item-" + i))).isTrue();
    }
    for (int i = 0; i < 10_000; i += 7) {
      assertThat(set.add(IdHashes.of("item-" + i))).isFalse();
    }
    assertThat(set.size()).isEqualTo(10_000);
    assertThat(set.contains(IdHashes.of("item-9999"))).isTrue();
    assertThat(set.contains(IdHashes.of("item-10000"))).isFalse();
  }

  @Test
  void zeroIsAHashLikeAnyOther() {
    IdHashes set = new IdHashes();
    assertThat(set.contains(0)).isFalse();
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
    assertThat(set.add(-1)).isTrue();
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.toSortedArray()).containsExactly(-1, 0);
  }

  @Test
  void theSortedArrayAnswersForTheIds() {
    IdHashes set = new IdHashes();
    for (String id : new String[] {"a", "b", "c"}) {
      set.add(IdHashes.of(id));
    }
    long[] sorted = set.toSortedArray();
    assertThat(sorted).isSorted().hasSize(3);
    assertThat(IdHashes.contains(sorted, "b")).isTrue();
    assertThat(IdHashes.contains(sorted, "d")).isFalse();
  }
}
