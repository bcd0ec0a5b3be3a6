package dev.draft.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads text a user gave, refusing binary data and invalid UTF-8 with a clear message. */
public final class InputText {
  /** Far beyond any context window; the long-documents feature reads larger files its own way. */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  private InputText() {}

  public static String read(InputStream in, String name) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new UsageException(
          name + " is larger than " + (MAX_BYTES >> 20) + " MiB: pass a smaller text");
    }
    return decode(bytes, name);
  }

  public static String decode(byte[] bytes, String name) {
    for (byte b : bytes) {
      if (b == 0) {
        throw new UsageException(name + " looks binary (it contains NUL bytes): pass a text file");
      }
    }
    if (!isUtf8(bytes)) {
      throw new UsageException(
          name + " is not valid UTF-8 text: convert it first (e.g. iconv -f latin1 -t utf-8)");
    }
    // Checked first, so the string is made straight from the bytes: decoding into a char buffer
    // would hold a long document twice more, as UTF-16.
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Whether {@code bytes} are valid UTF-8, decoded a slice at a time to hold little memory. */
  private static boolean isUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer slice = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, slice, true);
      if (result.isError()) {
        return false;
      }
      if (result.isUnderflow()) {
        return !decoder.flush(slice.clear()).isError();
      }
      slice.clear();
    }
  }
}
