package dev.draft.draft;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Short, typeable run ids that sort by time: {@code r} plus the seconds since 2024 in base 32, then
 * three random base-32 characters, e.g. {@code r1k9qz7m4x}. Lower case, no look-alike letters.
 */
public final class RunId {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final long EPOCH = 1_704_067_200L; // 2024-01-01T00:00:00Z
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunId() {}

  public static String next(Instant now) {
    long seconds = Math.max(0, now.getEpochSecond() - EPOCH);
    StringBuilder time = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      time.append(ALPHABET[(int) (seconds & 31)]);
      seconds >>>= 5;
    }
    StringBuilder id = new StringBuilder("r").append(time.reverse());
    for (int i = 0; i < 3; i++) {
      id.append(ALPHABET[RANDOM.nextInt(32)]);
    }
    return id.toString();
  }
}
