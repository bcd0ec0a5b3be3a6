package dev.draft.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ids of items that have no {@code --id-field}: the line number and the first 8 hex digits of
 * the SHA-256 of the line ({@code 12-3fa9c2d1}), so an id stays the same from one run to the next
 * while the line does, and changes when it is edited or moved.
 */
final class ItemIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ItemIds() {}

  /** {@code <line>-<hash>} of a line's bytes, without its line ending. */
  static String forLine(long line, byte[] bytes) {
    return line + "-" + hex8(sha256(bytes));
  }

  /** {@code <line>-<hash>} of a line's text, hashed as UTF-8. */
  static String forLine(long line, String text) {
    return forLine(line, text.getBytes(StandardCharsets.UTF_8));
  }

  /** 64 bits of the SHA-256 of {@code text}: a key for {@link SeenIds}. */
  static long hash64(String text) {
    byte[] digest = sha256(text.getBytes(StandardCharsets.UTF_8));
    long hash = 0;
    for (int i = 0; i < 8; i++) {
      hash = (hash << 8) | (digest[i] & 0xff);
    }
    return hash;
  }

  private static String hex8(byte[] digest) {
    char[] out = new char[8];
    for (int i = 0; i < 4; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
      throw new IllegalStateException(e);
    }
  }
}
