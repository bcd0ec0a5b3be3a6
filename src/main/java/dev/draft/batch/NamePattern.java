package dev.draft.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a directory destination names an item's file: a pattern such as {@code {{path}}} (the
 * default) or {@code {{category}}/{{id}}.md}, with these placeholders:
 *
 * <ul>
 *   <li>{@code {{id}}}: the item's id;
 *   <li>{@code {{name}}}: the item's file name without its extension, or the id for an item not
 *       read from a file;
 *   <li>{@code {{ext}}}: the item's extension with its dot ({@code .md}, empty for a file without
 *       one), or {@code .md};
 *   <li>{@code {{path}}}: the item's path relative to the source's root, sub-directories and
 *       extension included, or the id and {@code .md};
 *   <li>{@code {{var}}}: any other name is the item's variable of that name.
 * </ul>
 *
 * <p>The name resolved always stays inside the destination: a value never adds a directory (only
 * {@code {{path}}} and the pattern's own {@code /} separate directories), {@code ..} and {@code .}
 * segments and leading slashes go, and {@code \ : * ? " < > |} and control characters, which some
 * file systems refuse, become {@code _}.
 */
final class NamePattern {
  static final String DEFAULT = "{{path}}";

  /** The manifest's name, which no item's file may take. */
  static final String MANIFEST = ".draft-batch.jsonl";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");

  private final String pattern;

  private NamePattern(String pattern) {
    this.pattern = pattern;
  }

  /**
   * The pattern {@code text}, or the default for null.
   *
   * @throws BatchException when it could only name files outside the destination, or names none
   */
  static NamePattern parse(String text) {
    if (text == null) {
      return new NamePattern(DEFAULT);
    }
    String literal = PLACEHOLDER.matcher(text).replaceAll("x");
    if (text.isBlank() || literal.contains("{{") || literal.contains("}}")) {
      throw new BatchException(
          "the file name pattern '"
              + text
              + "' is not one: write placeholders as {{id}}, {{name}}, {{ext}}, {{path}} or"
              + " {{variable}}");
    }
    if (literal.startsWith("/")
        || literal.startsWith("\\")
        || literal.matches("^[A-Za-z]:.*")
        || List.of(literal.split("[/\\\\]")).contains("..")) {
      throw new BatchException(
          "the file name pattern '"
              + text
              + "' leads outside the destination directory: give a name relative to it, without"
              + " '..'");
    }
    return new NamePattern(text);
  }

  /**
   * The file of {@code item}, relative to the destination, with {@code /} between directories.
   *
   * @throws IllegalArgumentException when the item cannot be named: it lacks a variable the pattern
   *     uses, or its name comes out empty; the message says so, for the item's error
   */
  String resolve(BatchItem item) {
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(pathValue(pattern.substring(last, m.start())));
      out.append(value(m.group(1), item));
      last = m.end();
    }
    out.append(pathValue(pattern.substring(last)));
    List<String> segments = new ArrayList<>();
    for (String segment : out.toString().split("/")) {
      String clean = segment.strip();
      if (clean.isEmpty() || clean.equals(".")) {
        continue;
      }
      segments.add(clean.equals("..") ? "_" : clean);
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException(
          "its file name, from the pattern '" + pattern + "', is empty");
    }
    String name = String.join("/", segments);
    if (name.equals(MANIFEST)) {
      throw new IllegalArgumentException(
          "its file name would be " + MANIFEST + ", the batch's own record: use another pattern");
    }
    return name;
  }

  /** The file of candidate {@code k} beside {@code file}: {@code a.md} gives {@code a.2.md}. */
  static String candidate(String file, int k) {
    int slash = file.lastIndexOf('/');
    int dot = file.lastIndexOf('.');
    if (dot <= slash + 1) {
      return file + "." + k;
    }
    return file.substring(0, dot) + "." + k + file.substring(dot);
  }

  private String value(String placeholder, BatchItem item) {
    String path = item.path() == null ? null : item.path().replace('\\', '/');
    String fileName = path == null ? null : path.substring(path.lastIndexOf('/') + 1);
    int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
    return switch (placeholder) {
      case "id" -> segment(item.id());
      case "name" ->
          segment(fileName == null ? item.id() : dot > 0 ? fileName.substring(0, dot) : fileName);
      case "ext" -> segment(fileName == null ? ".md" : dot > 0 ? fileName.substring(dot) : "");
      case "path" -> path == null ? segment(item.id()) + ".md" : pathValue(path);
      default -> {
        String value = item.variables().get(placeholder);
        if (value == null) {
          throw new IllegalArgumentException(
              "the file name pattern '"
                  + pattern
                  + "' uses {{"
                  + placeholder
                  + "}}, which this item does not set: give it that field, or change the pattern");
        }
        yield segment(value);
      }
    };
  }

  /**
   * {@code path} with {@code /} (or {@code \\}) between directories, each part a {@link #segment}.
   */
  private static String pathValue(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.replace('\\', '/').split("/", -1)) {
      parts.add(segment(part));
    }
    return String.join("/", parts);
  }

  /** {@code value} as part of one file name: no separator, nothing a file system refuses. */
  static String segment(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean bad = c < 0x20 || c == 0x7f || "/\\:*?\"<>|".indexOf(c) >= 0;
      out.append(bad ? '_' : c);
    }
    return out.toString();
  }
}
