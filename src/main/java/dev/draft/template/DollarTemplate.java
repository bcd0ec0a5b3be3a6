package dev.draft.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text in llm's template syntax, which is Python's {@code string.Template}: {@code $name} and
 * {@code ${name}} are variables, {@code $$} is a dollar sign.
 */
final class DollarTemplate {
  // string.Template's identifiers: ASCII, case-insensitive.
  private static final Pattern NAME = Pattern.compile("[_A-Za-z][_A-Za-z0-9]*");

  /** Literal text, or a variable by its llm name. */
  private record Piece(String text, boolean variable) {}

  private final List<Piece> pieces;
  private final boolean strayDollar;

  private DollarTemplate(List<Piece> pieces, boolean strayDollar) {
    this.pieces = List.copyOf(pieces);
    this.strayDollar = strayDollar;
  }

  static DollarTemplate parse(String text) {
    List<Piece> pieces = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    boolean stray = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
        literal.append('$');
        i += 2;
        continue;
      }
      Matcher named = NAME.matcher(text).region(i + 1, text.length());
      String variable = null;
      int next = i + 1;
      if (named.lookingAt()) {
        variable = named.group();
        next = named.end();
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        if (close > 0 && NAME.matcher(text.substring(i + 2, close)).matches()) {
          variable = text.substring(i + 2, close);
          next = close + 1;
        }
      }
      if (variable == null) {
        // Python refuses such a '$'; keeping it as text is the kinder reading.
        stray = true;
        literal.append('$');
        i++;
        continue;
      }
      if (literal.length() > 0) {
        pieces.add(new Piece(literal.toString(), false));
        literal.setLength(0);
      }
      pieces.add(new Piece(variable, true));
      i = next;
    }
    if (literal.length() > 0) {
      pieces.add(new Piece(literal.toString(), false));
    }
    return new DollarTemplate(pieces, stray);
  }

  /** The variables' llm names, in the order they are first used. */
  Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    pieces.stream().filter(Piece::variable).forEach(p -> names.add(p.text()));
    return names;
  }

  /** Whether a {@code $} starts no variable (and is kept as text). */
  boolean hasStrayDollar() {
    return strayDollar;
  }

  /**
   * The same text as Mustache, rendering as llm would: literal braces kept literal.
   *
   * @param renamed draft's name for an llm name, where they differ
   */
  String toMustache(Map<String, String> renamed) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pieces.size(); i++) {
      Piece piece = pieces.get(i);
      if (piece.variable()) {
        out.append("{{").append(renamed.getOrDefault(piece.text(), piece.text())).append("}}");
      } else {
        out.append(LiteralText.of(piece.text(), i + 1 < pieces.size()));
      }
    }
    return out.toString().strip();
  }
}
