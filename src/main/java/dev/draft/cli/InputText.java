package dev.draft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads text a user gave, refusing binary data and invalid UTF-8 with a clear message. */
final class InputText {
  /** Far beyond any context window; the long-documents feature reads larger files its own way. */
  static final int MAX_BYTES = 64 * 1024 * 1024;

  private InputText() {}

  static String read(InputStream in, String name) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new UsageException(
          name + " is larger than " + (MAX_BYTES >> 20) + " MiB: pass a smaller text");
    }
    return decode(bytes, name);
  }

  static String decode(byte[] bytes, String name) {
    for (byte b : bytes) {
      if (b == 0) {
        throw new UsageException(name + " looks binary (it contains NUL bytes): pass a text file");
      }
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new UsageException(
          name + " is not valid UTF-8 text: convert it first (e.g. iconv -f latin1 -t utf-8)");
    }
  }
}
