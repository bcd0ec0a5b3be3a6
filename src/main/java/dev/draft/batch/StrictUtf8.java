package dev.draft.batch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that refuses bytes that are not UTF-8, where {@code new String(bytes, UTF_8)} would put
 * replacement characters into a prompt without a word.
 */
final class StrictUtf8 {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private StrictUtf8() {}

  /** The text of {@code length} bytes from {@code offset}, which must be UTF-8. */
  static String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, offset, length))
        .toString();
  }

  /** The length of the UTF-8 byte order mark that starts the first {@code length} bytes: 3 or 0. */
  static int bomLength(byte[] bytes, int length) {
    return length >= BOM.length && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2]
        ? BOM.length
        : 0;
  }
}
