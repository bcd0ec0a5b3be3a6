package dev.draft.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A set of item ids kept as 64-bit hashes (the first 8 bytes of the id's SHA-256), so that a
 * million ids take a few megabytes rather than the hundred or more their strings would. Two ids
 * share a hash with a chance of about n²/2⁶⁵: one in thirty million for a million ids.
 *
 * <p>The set is open addressing in a {@code long[]} kept at most half full: 16 to 32 bytes per id.
 * {@link #toSortedArray()} freezes it into 8 bytes per id, searched with {@link #contains(long[],
 * String)}. Not thread-safe.
 */
final class IdHashes {
  private long[] table = new long[16];
  private int size;

  /** Zero marks a free slot, so a hash of zero is kept aside. */
  private boolean hasZero;

  /** The 64-bit hash of {@code id}. */
  static long of(String id) {
    byte[] digest = sha256().digest(id.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (digest[i] & 0xff);
    }
    return h;
  }

  /** Whether {@code sorted}, from {@link #toSortedArray()}, holds the hash of {@code id}. */
  static boolean contains(long[] sorted, String id) {
    return Arrays.binarySearch(sorted, of(id)) >= 0;
  }

  /** Adds {@code hash}; false when it was already there. */
  boolean add(long hash) {
    if (hash == 0) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      size++;
      return true;
    }
    if ((size + 1) * 2L > table.length) {
      grow();
    }
    if (!insert(table, hash)) {
      return false;
    }
    size++;
    return true;
  }

  boolean contains(long hash) {
    if (hash == 0) {
      return hasZero;
    }
    int mask = table.length - 1;
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      if (table[i] == hash) {
        return true;
      }
      if (table[i] == 0) {
        return false;
      }
    }
  }

  int size() {
    return size;
  }

  /** The hashes, sorted, for {@link #contains(long[], String)}. */
  long[] toSortedArray() {
    long[] out = new long[size];
    int n = 0;
    if (hasZero) {
      out[n++] = 0;
    }
    for (long h : table) {
      if (h != 0) {
        out[n++] = h;
      }
    }
    Arrays.sort(out);
    return out;
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long h : table) {
      if (h != 0) {
        insert(bigger, h);
      }
    }
    table = bigger;
  }

  private static boolean insert(long[] into, long hash) {
    int mask = into.length - 1;
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      if (into[i] == hash) {
        return false;
      }
      if (into[i] == 0) {
        into[i] = hash;
        return true;
      }
    }
  }

  private static int slot(long hash, int mask) {
    // SHA-256 bits are uniform already; the multiply spreads other hashes (a path's, say) too.
    return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }
}
