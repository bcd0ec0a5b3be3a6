package dev.draft.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helpers for the sources: read every item, write a file, the id a line should get. */
final class SourceItems {
  private SourceItems() {}

  /** Every item of {@code source}, then closes it. */
  static List<BatchItem> readAll(BatchSource source) throws IOException {
    try (source) {
      List<BatchItem> items = new ArrayList<>();
      for (BatchItem item = source.next(); item != null; item = source.next()) {
        items.add(item);
      }
      return items;
    }
  }

  /** Every item of {@code in} under {@code dir}, opened with {@code options}. */
  static List<BatchItem> readAll(Path dir, String in, BatchSources.Options options)
      throws IOException {
    return readAll(BatchSources.open(in, options, dir, InputStream.nullInputStream()));
  }

  static Path write(Path dir, String name, String text) throws IOException {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  /** The id an item without an id field gets: its line and a hash of {@code text}. */
  static String lineId(int line, String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return line + "-" + HexFormat.of().formatHex(digest).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes that are not UTF-8: a lead byte followed by no continuation byte. */
  static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};

  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
}
