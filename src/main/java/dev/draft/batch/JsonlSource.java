package dev.draft.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Items from JSON Lines: each non-blank line is one JSON object whose fields are the item's
 * variables. Reads bytes line by line, so that a line that is not valid UTF-8 becomes one item with
 * a problem instead of ending the batch, and never holds more than one line.
 */
final class JsonlSource implements BatchSource {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final int MAX_MESSAGE = 100;

  private final InputStream in;
  private final boolean closeIn;
  private final Lines lines;
  private final String description;
  static final String DEFAULT_ID = "id";
  static final String DEFAULT_INPUT = "input";
  static final String FALLBACK_INPUT = "text";

  private final String inputField;
  private final String idField;
  private final SeenIds seenIds = new SeenIds();

  /**
   * @param in the JSONL bytes, read as a stream
   * @param closeIn whether {@link #close()} closes {@code in}: not for standard input, which is not
   *     the source's to close
   * @param name what the source is, for {@link #describe()}
   * @param inputField the field whose value is the input, or null for a field named {@code input},
   *     else one named {@code text}
   * @param idField the field whose value is the id, or null for a line's non-blank {@code id}
   *     field, else {@code <line>-<hash>}
   */
  JsonlSource(InputStream in, boolean closeIn, String name, String inputField, String idField) {
    this.in = in;
    this.closeIn = closeIn;
    this.lines = new Lines(in);
    this.description = name + " (JSONL)";
    this.inputField = inputField;
    this.idField = idField;
  }

  /**
   * How many items {@code in} holds: its non-blank lines. Reads it to the end; does not close it.
   */
  static long count(InputStream in) throws IOException {
    Lines lines = new Lines(in);
    long count = 0;
    for (byte[] line = lines.next(); line != null; line = lines.next()) {
      if (!blank(line)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public BatchItem next() throws IOException {
    for (byte[] line = lines.next(); line != null; line = lines.next()) {
      if (!blank(line)) {
        return item(lines.number(), line);
      }
    }
    return null;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() throws IOException {
    if (closeIn) {
      in.close();
    }
  }

  private BatchItem item(long number, byte[] bytes) throws IOException {
    String where = "line " + number;
    String lineId = ItemIds.forLine(number, bytes);
    String text;
    try {
      text = StrictUtf8.decode(bytes, 0, bytes.length);
    } catch (CharacterCodingException e) {
      return problem(lineId, where, Map.of(), where + ": not valid UTF-8");
    }
    // Field name to its value's text; a null value is kept as null until the input and id are
    // taken, so that they can tell a missing field from a null one.
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return problem(
            lineId, where, Map.of(), where + ": not a JSON object (" + kind(first) + ")");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        fields.put(name, valueText(parser, parser.nextToken(), text));
      }
      if (parser.nextToken() != null) {
        return problem(
            lineId, where, Map.of(), where + ": not a JSON object (more text after the object)");
      }
    } catch (JsonProcessingException e) {
      return problem(
          lineId, where, Map.of(), where + ": not a JSON object (" + shortMessage(e) + ")");
    }

    // The id first: the input's field leaves the variables, and may be the id's field too.
    String id = lineId;
    // Without --id-field, a line's own non-blank "id" names it, as it names most records.
    String idField =
        this.idField != null
            ? this.idField
            : fields.get(DEFAULT_ID) != null && !fields.get(DEFAULT_ID).isBlank()
                ? DEFAULT_ID
                : null;
    if (idField != null) {
      if (!fields.containsKey(idField)) {
        return problem(lineId, where, fields, where + ": no field '" + idField + "' for the id");
      }
      String value = fields.get(idField);
      if (value == null || value.isBlank()) {
        return problem(
            lineId, where, fields, where + ": field '" + idField + "' for the id is empty");
      }
      long first = seenIds.firstUse(value, number);
      if (first != 0) {
        // The item keeps its line id, so no two items of a source share an id: a destination
        // records each once, and the first item's result is never mistaken for this one's.
        return problem(
            lineId, where, fields, where + ": id '" + value + "' already used on line " + first);
      }
      id = value;
    }

    String input = null;
    // Without --input-field: a field named input, else one named text.
    String inputKey =
        inputField != null
            ? inputField
            : fields.containsKey(DEFAULT_INPUT) ? DEFAULT_INPUT : FALLBACK_INPUT;
    if (fields.containsKey(inputKey)) {
      input = fields.remove(inputKey);
      if (input == null && inputField != null) {
        return problem(
            lineId, where, fields, where + ": field '" + inputField + "' for the input is null");
      }
    } else if (inputField != null) {
      return problem(
          lineId, where, fields, where + ": no field '" + inputField + "' for the input");
    }
    fields.values().removeIf(v -> v == null);
    return new BatchItem(id, where, fields, input, null, null);
  }

  private static BatchItem problem(
      String id, String where, Map<String, String> fields, String problem) {
    Map<String, String> variables = new LinkedHashMap<>(fields);
    variables.values().removeIf(v -> v == null);
    return new BatchItem(id, where, variables, null, null, problem);
  }

  /**
   * A field's value as a template variable: strings as they are, numbers and booleans as written,
   * objects and arrays as their JSON text; null for null.
   */
  private static String valueText(JsonParser parser, JsonToken token, String line)
      throws IOException {
    return switch (token) {
      case VALUE_NULL -> null;
      case START_OBJECT, START_ARRAY -> {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        yield line.substring(start, end);
      }
      default -> parser.getText();
    };
  }

  private static String kind(JsonToken token) {
    if (token == null) {
      return "nothing but blanks";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }

  /** The parser's message without where it was (the item says) or a quoted copy of the line. */
  private static String shortMessage(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "cannot parse it";
    }
    message = message.lines().findFirst().orElse(message);
    for (String tail : List.of(" (start marker at", ": was expecting (JSON String")) {
      int at = message.indexOf(tail);
      if (at > 0) {
        message = message.substring(0, at);
      }
    }
    return message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 1).stripTrailing() + "…";
  }

  private static boolean blank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\f') {
        return false;
      }
    }
    return true;
  }

  /**
   * The lines of a byte stream, one at a time, without their line endings ({@code \n} or {@code
   * \r\n}) and without a UTF-8 byte order mark at the start. A last line without a newline is a
   * line; the newline that ends the last line does not start another.
   */
  private static final class Lines {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long number;
    private boolean ended;

    Lines(InputStream in) {
      this.in = in;
    }

    /** The number of the line {@link #next()} returned last, counting from 1. */
    long number() {
      return number;
    }

    /** The next line's bytes, or null after the last. */
    byte[] next() throws IOException {
      byte[] line = new byte[0];
      int length = 0;
      while (true) {
        if (position == limit) {
          if (ended || !fill()) {
            if (length == 0) {
              return null; // Nothing after the last newline: no further line.
            }
            break;
          }
        }
        int start = position;
        while (position < limit && buffer[position] != '\n') {
          position++;
        }
        int chunk = position - start;
        if (length + chunk > line.length) {
          line = Arrays.copyOf(line, Math.max(length + chunk, line.length * 2));
        }
        System.arraycopy(buffer, start, line, length, chunk);
        length += chunk;
        if (position < limit) {
          position++; // The newline.
          break;
        }
      }
      number++;
      int from = number == 1 ? StrictUtf8.bomLength(line, length) : 0;
      int to = length > from && line[length - 1] == '\r' ? length - 1 : length;
      return Arrays.copyOfRange(line, from, to);
    }

    private boolean fill() throws IOException {
      int read = in.read(buffer); // Never 0: the buffer is not empty.
      if (read < 0) {
        ended = true;
        return false;
      }
      position = 0;
      limit = read;
      return true;
    }
  }
}
