package dev.draft.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes the history keeps of template and input texts: SHA-256 of the UTF-8 bytes, in hex. */
public final class Sha256 {
  private Sha256() {}

  // Encoded a slice at a time, so hashing a 50 MB input does not copy it whole into bytes.
  private static final int SLICE = 64 * 1024;

  public static String hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      int start = 0;
      while (start < text.length()) {
        int end = Math.min(text.length(), start + SLICE);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
          end--; // never split a surrogate pair between two slices
        }
        digest.update(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
        start = end;
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
