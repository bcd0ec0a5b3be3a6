package dev.draft.template;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Template files named by path rather than found in the library: for lint, edit and import. */
public final class TemplateFiles {
  private TemplateFiles() {}

  /**
   * A ref to the file at {@code file}, named after its file name without the extension; the file is
   * read when the ref is loaded.
   *
   * @param location how messages name the file, usually the path as the user typed it
   */
  public static TemplateRef ref(Path file, Source source, String location) {
    return new TemplateRef(stem(file), source, location, () -> read(file, location));
  }

  /** The file name without its extension: {@code notes/article.md} → {@code article}. */
  public static String stem(Path file) {
    String fileName = file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /**
   * Reads a file as strict UTF-8.
   *
   * @throws TemplateException when it cannot be read or is not UTF-8
   */
  public static String read(Path file, String location) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TemplateException(location, 0, "cannot read: " + e.getMessage(), e);
    }
    return decode(bytes, location);
  }

  /** The bytes as UTF-8 text, or a template error that says to save the file as UTF-8. */
  static String decode(byte[] bytes, String location) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new TemplateException(location, 0, "not UTF-8 text (save it as UTF-8)", e);
    }
  }
}
