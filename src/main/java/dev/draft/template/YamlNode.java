package dev.draft.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML value and the file line it was written on. Data binding forgets positions, and every
 * front-matter error has to name its line, so the front matter is read into these from Jackson's
 * token stream and checked by hand.
 */
sealed interface YamlNode {
  /** The 1-based file line of the value (for a map or list, where it starts). */
  int line();

  /** What a message calls the value: {@code "three"}, {@code 40}, {@code a list}. */
  String shown();

  record Entry(String key, int line, YamlNode value) {}

  record Mapping(int line, List<Entry> entries) implements YamlNode {
    Optional<Entry> get(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    @Override
    public String shown() {
      return "a map";
    }
  }

  record Sequence(int line, List<YamlNode> items) implements YamlNode {
    @Override
    public String shown() {
      return "a list";
    }
  }

  /**
   * A single value.
   *
   * @param number the parsed value of a numeric token, else null
   * @param block whether it is a {@code |} or {@code >} block scalar, whose text starts on the line
   *     after {@link #line()}
   */
  record Scalar(int line, JsonToken token, String text, Number number, boolean block)
      implements YamlNode {
    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    boolean isBoolean() {
      return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
    }

    @Override
    public String shown() {
      if (isNull()) {
        return "empty";
      }
      String quoted = token == JsonToken.VALUE_STRING ? "\"" + text + "\"" : text;
      return quoted.length() > 40 ? quoted.substring(0, 40) + "..." : quoted;
    }
  }

  /**
   * Reads one document, or returns null when it holds nothing (no keys, only comments).
   *
   * @param source the YAML text the parser reads, to tell block scalars from others
   * @param firstLine the file line of the YAML's first line
   * @throws IOException on invalid YAML, for the caller to word
   */
  static YamlNode read(JsonParser parser, String source, int firstLine) throws IOException {
    if (parser.nextToken() == null) {
      return null;
    }
    return new Reader(parser, source, firstLine - 1).value();
  }

  /** Walks the tokens of one value, turning parser lines into file lines. */
  final class Reader {
    private final JsonParser parser;
    private final String source;
    private final int offset;

    private Reader(JsonParser parser, String source, int offset) {
      this.parser = parser;
      this.source = source;
      this.offset = offset;
    }

    private YamlNode value() throws IOException {
      int line = line();
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT) {
        List<Entry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = line();
          parser.nextToken();
          entries.add(new Entry(key, keyLine, value()));
        }
        return new Mapping(line, List.copyOf(entries));
      }
      if (token == JsonToken.START_ARRAY) {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value());
        }
        return new Sequence(line, List.copyOf(items));
      }
      Number number = token.isNumeric() ? parser.getNumberValue() : null;
      return new Scalar(line, token, parser.getText(), number, isBlock());
    }

    private int line() {
      return parser.currentTokenLocation().getLineNr() + offset;
    }

    private boolean isBlock() {
      long at = parser.currentTokenLocation().getCharOffset();
      if (at < 0 || at >= source.length()) {
        return false;
      }
      char indicator = source.charAt((int) at);
      return indicator == '|' || indicator == '>';
    }
  }
}
