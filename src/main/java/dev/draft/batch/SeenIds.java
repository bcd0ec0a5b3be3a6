package dev.draft.batch;

/**
 * The ids a source has given so far, to report an id used twice with the line of its first use.
 * Keeps a 64-bit hash of each id and its line in two open-addressing arrays, not the ids
 * themselves: memory grows by about 21 to 43 bytes per item (16 bytes a slot, the table between
 * three eighths and three quarters full), so a million items take at most about 43 MB. Two
 * different ids share a hash with odds of about one in 37 million in a million items; the second
 * would then be reported as used before.
 */
final class SeenIds {
  private long[] hashes = new long[1024];
  private long[] lines = new long[1024]; // 0 marks an empty slot: lines count from 1.
  private int size;

  /**
   * Records that {@code id} is used on {@code line} (at least 1), unless it was used before.
   *
   * @return the line of its first use, or 0 when this is the first
   */
  long firstUse(String id, long line) {
    long hash = ItemIds.hash64(id);
    int slot = find(hashes, lines, hash);
    if (lines[slot] != 0) {
      return lines[slot];
    }
    hashes[slot] = hash;
    lines[slot] = line;
    if (++size * 4L > hashes.length * 3L) {
      grow();
    }
    return 0;
  }

  private void grow() {
    long[] newHashes = new long[hashes.length * 2];
    long[] newLines = new long[lines.length * 2];
    for (int i = 0; i < hashes.length; i++) {
      if (lines[i] != 0) {
        int slot = find(newHashes, newLines, hashes[i]);
        newHashes[slot] = hashes[i];
        newLines[slot] = lines[i];
      }
    }
    hashes = newHashes;
    lines = newLines;
  }

  /** The slot that holds {@code hash}, or the empty slot where it goes (linear probing). */
  private static int find(long[] hashes, long[] lines, long hash) {
    int mask = hashes.length - 1;
    int slot = (int) (hash ^ (hash >>> 32)) & mask;
    while (lines[slot] != 0 && hashes[slot] != hash) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }
}
