package dev.draft.template;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes front matter by hand, to keep the layout people write: flow maps for variables. */
final class FrontMatterWriter {
  // Text that YAML reads back as the same string without quotes, in flow maps too.
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z]([A-Za-z0-9 .'()/;!?-]*[^ ])?");
  private static final Set<String> YAML_WORDS =
      Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

  private final StringBuilder text = new StringBuilder("---\n");

  void comment(String line) {
    text.append("# ").append(MarkdownSummary.oneLine(line)).append('\n');
  }

  void line(String line) {
    text.append(line).append('\n');
  }

  void scalar(String key, String value) {
    line(key + ": " + yamlScalar(value));
  }

  void variable(String name, String description, String defaultValue) {
    line(
        "  "
            + name
            + ": {description: "
            + yamlScalar(description)
            + (defaultValue == null
                ? ", required: true}"
                : ", default: " + yamlScalar(defaultValue) + "}"));
  }

  /** A multi-line value as a {@code |} block, or quoted when it holds characters blocks cannot. */
  void block(String key, String value) {
    if (value.chars().anyMatch(c -> c != '\n' && !printable(c))) {
      scalar(key, value);
      return;
    }
    String[] lines = value.split("\n", -1);
    String first = "";
    for (String l : lines) {
      if (!l.isBlank()) {
        first = l;
        break;
      }
    }
    // A first line that starts with a space would be taken for the indentation: say it.
    boolean indicator = !first.isEmpty() && Character.isWhitespace(first.charAt(0));
    line(key + ": |" + (indicator ? "2" : ""));
    for (String l : lines) {
      // Blank lines are written empty: spaces on them could be taken for the indentation.
      line(l.isBlank() ? "" : "  " + l);
    }
  }

  String text() {
    return text.toString();
  }

  String end(String body) {
    return text + "---\n" + body + "\n";
  }

  private static String yamlScalar(String value) {
    if (PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
      return value;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (printable(c)) {
            quoted.append(c);
          } else {
            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  private static boolean printable(int c) {
    return (c >= 0x20 || c == '\t')
        && c != 0x7f
        && c != 0x85
        && c != 0x2028
        && c != 0x2029
        && c != 0xfeff;
  }
}
