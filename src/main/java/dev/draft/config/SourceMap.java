package dev.draft.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a YAML document sits and how its value was written, read from the token stream
 * before binding. Data binding forgets positions once it succeeds; this lets a check that runs
 * afterwards (a negative number, a missing profile) still name the line. It also catches duplicate
 * keys, which binding would silently let the last one win.
 */
final class SourceMap {
  private static final int SHOWN_LIMIT = 40;
  private static final String NOTHING = "nothing";

  /** A key's line and its value as a message may quote it: {@code "two"}, {@code -1}, a map. */
  record Spot(int line, String shown, boolean scalar) {}

  private final Map<List<String>, Spot> spots = new HashMap<>();
  private final Path file;

  private SourceMap(Path file) {
    this.file = file;
  }

  /**
   * Reads the whole document.
   *
   * @throws IOException on invalid YAML, for the caller to word
   * @throws ConfigException on a duplicate key
   */
  static SourceMap read(JsonParser parser, Path file) throws IOException {
    SourceMap map = new SourceMap(file);
    if (parser.nextToken() != null) {
      map.readValue(parser, List.of(), parser.currentTokenLocation().getLineNr());
    }
    return map;
  }

  /** Whether the document holds nothing but comments, or an explicit null. */
  boolean isEmpty() {
    Spot root = spots.get(List.of());
    return root == null || (root.scalar() && root.shown().equals(NOTHING));
  }

  /** The spot of this key, or of its nearest ancestor that was written down. */
  Spot spot(List<String> path) {
    for (int end = path.size(); end >= 0; end--) {
      Spot spot = spots.get(path.subList(0, end));
      if (spot != null) {
        return spot;
      }
    }
    return new Spot(1, NOTHING, true);
  }

  int line(List<String> path) {
    return spot(path).line();
  }

  /**
   * The deepest key whose scalar value sits on this line, for errors that carry a position but no
   * path (a number too large for its type); the document root when none does.
   */
  List<String> pathAtLine(int line) {
    List<String> best = List.of();
    for (Map.Entry<List<String>, Spot> entry : spots.entrySet()) {
      Spot spot = entry.getValue();
      if (spot.line() == line && spot.scalar() && entry.getKey().size() > best.size()) {
        best = entry.getKey();
      }
    }
    return best;
  }

  private void readValue(JsonParser parser, List<String> path, int keyLine) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      put(path, new Spot(keyLine, "a map", false));
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int line = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        readValue(parser, append(path, name), line);
      }
    } else if (token == JsonToken.START_ARRAY) {
      put(path, new Spot(keyLine, "a list", false));
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        int line = parser.currentTokenLocation().getLineNr();
        readValue(parser, append(path, String.valueOf(index++)), line);
      }
    } else {
      put(path, new Spot(keyLine, shown(parser), true));
    }
  }

  private void put(List<String> path, Spot spot) {
    Spot first = spots.putIfAbsent(path, spot);
    if (first != null) {
      String key = path.get(path.size() - 1);
      throw ConfigException.at(
          file,
          spot.line(),
          "duplicate key '" + key + "' (first at line " + first.line() + "): keep only one");
    }
  }

  private static String shown(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return NOTHING;
    }
    String text = parser.getText();
    if (text.length() > SHOWN_LIMIT) {
      text = text.substring(0, SHOWN_LIMIT) + "...";
    }
    return parser.currentToken() == JsonToken.VALUE_STRING ? '"' + text + '"' : text;
  }

  private static List<String> append(List<String> path, String name) {
    List<String> longer = new ArrayList<>(path);
    longer.add(name);
    return List.copyOf(longer);
  }
}
