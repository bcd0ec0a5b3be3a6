package dev.draft.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.draft.template.YamlNode.Entry;
import dev.draft.template.YamlNode.Mapping;
import dev.draft.template.YamlNode.Scalar;
import dev.draft.template.YamlNode.Sequence;
import dev.draft.text.DidYouMean;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a template file into a {@link Template}: the front matter strictly (an unknown key or a
 * value of the wrong kind is an error naming its line and the fix), the body as text. Whether the
 * body is valid Mustache and agrees with the front matter is {@link TemplateLint}'s job.
 */
public final class TemplateParser {
  static final List<String> KEYS =
      List.of(
          "description",
          "variables",
          "input",
          "system",
          "model",
          "n",
          "temperature",
          "max_tokens",
          "long_input");
  static final List<String> VARIABLE_KEYS =
      List.of("description", "default", "required", "choices");

  /** The name the INPUT text is bound to; a variable cannot take it. */
  static final String INPUT = "input";

  // Variables become options of the template's command, so they cannot take the names of the
  // options every template command already has.
  private static final Set<String> OPTION_NAMES =
      Set.of(
          "model",
          "profile",
          "base_url",
          "timeout",
          "n",
          "candidates",
          "temperature",
          "max_tokens",
          "seed",
          "vary",
          "format",
          "pick",
          "no_pick",
          "o",
          "out",
          "out_dir",
          "output",
          "no_history",
          "no_stream",
          "long_input",
          "dry_run",
          "reread",
          "help",
          "version",
          "verbose",
          "system");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final List<String> LONG_INPUT =
      List.of("map-reduce", "refine", "truncate", "error");
  private static final String FENCE = "---";
  private static final String SYNTAX_FIX =
      "(check the indentation, and quote text that contains ': ' or starts with a special"
          + " character)";
  // Finds {{input}} in a body that does not compile, where the tags cannot be listed.
  private static final Pattern INPUT_TAG = Pattern.compile("\\{\\{\\s*[#^&{]?\\s*input\\s*}");
  private static final YAMLFactory YAML = new YAMLFactory();

  private TemplateParser() {}

  /**
   * Parses a template file.
   *
   * @param name the template's name (its file name without {@code .md})
   * @param location how messages name the file: its path, or {@code prompts/NAME.md (built-in)}
   * @throws TemplateException when the file has no front matter, invalid YAML, or a key or value
   *     draft does not accept
   */
  public static Template parse(String name, Source source, String location, String text) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(text, "text");
    Parts parts = split(location, text);
    Mapping root = frontMatter(location, parts);
    return new Reading(location).template(name, source, text, root, parts);
  }

  /**
   * A file cut at its front matter.
   *
   * @param yaml the lines between the fences; its first line is line 2 of the file
   * @param bodyLine the file line the body starts on
   */
  record Parts(String yaml, String body, int bodyLine) {}

  static Parts split(String location, String text) {
    String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = normalized.replace("\r\n", "\n").split("\n", -1);
    if (!isFence(lines[0])) {
      throw new TemplateException(
          location,
          1,
          "no front matter (start the file with a line '---', then description: ... and the"
              + " other settings, then a line '---' above the prompt)");
    }
    for (int i = 1; i < lines.length; i++) {
      if (isFence(lines[i])) {
        String yaml = String.join("\n", List.of(lines).subList(1, i));
        String body = String.join("\n", List.of(lines).subList(i + 1, lines.length));
        return new Parts(yaml, body, i + 2);
      }
    }
    throw new TemplateException(
        location,
        1,
        "the front matter opened here is never closed (add a line '---' between the settings and"
            + " the prompt)");
  }

  private static boolean isFence(String line) {
    // Only trailing spaces are allowed: an indented '---' belongs to a YAML block.
    return line.stripTrailing().equals(FENCE);
  }

  /**
   * The front matter as a map, with file lines.
   *
   * @throws TemplateException on invalid YAML or a front matter that is not a map
   */
  static Mapping frontMatter(String location, Parts parts) {
    YamlNode root;
    try (JsonParser parser = YAML.createParser(parts.yaml())) {
      root = YamlNode.read(parser, parts.yaml(), 2);
    } catch (IOException e) {
      throw syntaxError(location, e);
    }
    if (root == null) {
      return new Mapping(1, List.of());
    }
    if (root instanceof Mapping mapping) {
      return mapping;
    }
    throw new TemplateException(
        location,
        root.line(),
        "the front matter is "
            + root.shown()
            + " (write 'key: value' lines, starting with description: ...)");
  }

  private static TemplateException syntaxError(String location, IOException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      // An unclosed quote or bracket is only noticed at the end; the line that opened it is the
      // one to fix.
      boolean unclosed = isEndOfStream(yaml.getProblem()) && yaml.getContextMark() != null;
      int yamlLine = (unclosed ? yaml.getContextMark() : yaml.getProblemMark()).getLine();
      String context = yaml.getContext() == null ? "" : yaml.getContext() + ", ";
      return new TemplateException(
          location,
          yamlLine + 2, // marks count from 0, and the YAML starts on line 2
          "invalid YAML: " + context + yaml.getProblem() + " " + SYNTAX_FIX,
          e);
    }
    int line = 2;
    if (e instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      line = at == null || at.getLineNr() < 1 ? 2 : at.getLineNr() + 1;
    }
    String message = Objects.requireNonNullElse(e.getMessage(), "unreadable");
    int newline = message.indexOf('\n');
    message = newline < 0 ? message : message.substring(0, newline);
    return new TemplateException(location, line, "invalid YAML: " + message + " " + SYNTAX_FIX, e);
  }

  private static boolean isEndOfStream(String problem) {
    return problem != null
        && (problem.contains("end of stream") || problem.contains("<stream end>"));
  }

  /** Reads the front matter of one file; every error names that file. */
  private static final class Reading {
    private final String location;

    Reading(String location) {
      this.location = location;
    }

    Template template(String name, Source source, String text, Mapping root, Parts parts) {
      checkKeys(root, KEYS, "");
      Optional<Entry> description = root.get("description");
      Optional<Entry> variables = root.get("variables");
      Optional<Entry> input = root.get("input");
      Optional<Entry> system = root.get("system");
      Optional<Entry> model = root.get("model");
      Optional<Entry> n = root.get("n");
      Optional<Entry> temperature = root.get("temperature");
      Optional<Entry> maxTokens = root.get("max_tokens");
      Optional<Entry> longInput = root.get("long_input");

      String systemText =
          system
              .map(e -> text(e, "'system'", "write the system message after 'system: |'"))
              .orElse(null);
      return new Template(
          name,
          source,
          location,
          description
              .map(e -> text(e, "'description'", "say in one line what the template writes"))
              .orElse(null),
          variables.map(this::variables).orElse(Map.of()),
          input
              .map(this::inputMode)
              .orElseGet(
                  () -> usesInput(parts.body(), systemText) ? InputMode.OPTIONAL : InputMode.NONE),
          systemText,
          model.map(e -> text(e, "'model'", "name a model, or remove the line")).orElse(null),
          n.map(e -> wholeNumber(e, 1, 32, "a whole number from 1 to 32")).orElse(null),
          temperature.map(this::temperature).orElse(null),
          maxTokens
              .map(e -> wholeNumber(e, 1, Integer.MAX_VALUE, "a whole number of 1 or more"))
              .orElse(null),
          longInput.map(this::longInput).orElse(null),
          parts.body(),
          parts.bodyLine(),
          text);
    }

    private Map<String, Variable> variables(Entry entry) {
      if (entry.value() instanceof Scalar scalar && scalar.isNull()) {
        return Map.of(); // "variables:" with nothing under it: a skeleton not filled in yet
      }
      if (!(entry.value() instanceof Mapping mapping)) {
        throw fail(
            entry.line(),
            "'variables' is "
                + entry.value().shown()
                + " (write one 'name: {description: ...}' line per variable under it)");
      }
      checkDuplicates(mapping, " under variables");
      Map<String, Variable> declared = new LinkedHashMap<>();
      for (Entry variable : mapping.entries()) {
        declared.put(variable.key(), variable(variable));
      }
      return declared;
    }

    private Variable variable(Entry entry) {
      String name = entry.key();
      checkVariableName(name, entry.line());
      if (!(entry.value() instanceof Mapping mapping)) {
        throw fail(
            entry.line(),
            "variable '"
                + name
                + "' is "
                + entry.value().shown()
                + " (write it as "
                + name
                + ": {description: ..., default: ...})");
      }
      String where = " of variable '" + name + "'";
      checkKeys(mapping, VARIABLE_KEYS, " in variable '" + name + "'");
      String description =
          mapping
              .get("description")
              .map(e -> text(e, "'description'" + where, "say what the value is for"))
              .orElse(null);
      Optional<Entry> defaultEntry = mapping.get("default");
      String defaultValue =
          defaultEntry.map(e -> plainValue(e.value(), e.line(), "'default'" + where)).orElse(null);
      boolean required = mapping.get("required").map(e -> bool(e, where)).orElse(false);
      List<String> choices = mapping.get("choices").map(e -> choices(e, where)).orElse(List.of());
      if (required && defaultEntry.isPresent()) {
        throw fail(
            defaultEntry.get().line(),
            "variable '"
                + name
                + "' is required and also has a default (remove one: a variable with a default"
                + " is optional)");
      }
      if (defaultValue != null && !choices.isEmpty() && !choices.contains(defaultValue)) {
        throw fail(
            defaultEntry.get().line(),
            "the default \""
                + defaultValue
                + "\""
                + where
                + " is not one of its choices (use one of: "
                + String.join(", ", choices)
                + ")");
      }
      return new Variable(name, description, defaultValue, required, choices);
    }

    private void checkVariableName(String name, int line) {
      if (name.equals(INPUT)) {
        throw fail(
            line,
            "'input' cannot be a variable: it holds the INPUT text (use {{input}} without"
                + " declaring it, and set input: required, optional or none)");
      }
      if (!VARIABLE_NAME.matcher(name).matches()) {
        throw fail(
            line,
            "variable name '"
                + name
                + "' is not allowed (use lowercase letters, digits and '_', starting with a"
                + " letter"
                + suggestedName(name)
                + ")");
      }
      if (OPTION_NAMES.contains(name)) {
        String option = name.length() == 1 ? "-" + name : "--" + name.replace('_', '-');
        throw fail(
            line,
            "variable '"
                + name
                + "' clashes with draft's own "
                + option
                + " option (rename it, e.g. to '"
                + name
                + "_text')");
      }
    }

    private static String suggestedName(String name) {
      String fixed = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
      return VARIABLE_NAME.matcher(fixed).matches() ? ", e.g. '" + fixed + "'" : "";
    }

    private InputMode inputMode(Entry entry) {
      if (entry.value() instanceof Scalar scalar && scalar.token() == JsonToken.VALUE_STRING) {
        for (InputMode mode : InputMode.values()) {
          if (mode.name().toLowerCase(Locale.ROOT).equals(scalar.text())) {
            return mode;
          }
        }
      }
      throw fail(
          entry.line(),
          "'input' is " + entry.value().shown() + " (use required, optional or none)");
    }

    private String longInput(Entry entry) {
      if (entry.value() instanceof Scalar scalar
          && scalar.token() == JsonToken.VALUE_STRING
          && LONG_INPUT.contains(scalar.text())) {
        return scalar.text();
      }
      throw fail(
          entry.line(),
          "'long_input' is "
              + entry.value().shown()
              + " (use map-reduce, refine, truncate or error)");
    }

    private Double temperature(Entry entry) {
      if (entry.value() instanceof Scalar scalar && scalar.number() != null) {
        double value = scalar.number().doubleValue();
        if (value >= 0 && value <= 2) {
          return value;
        }
      }
      throw fail(
          entry.line(),
          "'temperature' is " + entry.value().shown() + " (use a number from 0 to 2)");
    }

    private Integer wholeNumber(Entry entry, int min, int max, String rule) {
      if (entry.value() instanceof Scalar scalar
          && scalar.token() == JsonToken.VALUE_NUMBER_INT
          && !(scalar.number() instanceof BigInteger)) {
        long value = scalar.number().longValue();
        if (value >= min && value <= max) {
          return (int) value;
        }
      }
      throw fail(
          entry.line(),
          "'" + entry.key() + "' is " + entry.value().shown() + " (use " + rule + ")");
    }

    private boolean bool(Entry entry, String where) {
      if (entry.value() instanceof Scalar scalar && scalar.isBoolean()) {
        return scalar.token() == JsonToken.VALUE_TRUE;
      }
      throw fail(
          entry.line(),
          "'required'" + where + " is " + entry.value().shown() + " (use true or false)");
    }

    private List<String> choices(Entry entry, String where) {
      if (!(entry.value() instanceof Sequence list)) {
        throw fail(
            entry.line(),
            "'choices'" + where + " is " + entry.value().shown() + " (list them: [a, b, c])");
      }
      if (list.items().isEmpty()) {
        throw fail(
            entry.line(),
            "'choices'" + where + " is an empty list (list the allowed values, or remove it)");
      }
      List<String> choices = new ArrayList<>();
      for (YamlNode item : list.items()) {
        String choice = plainValue(item, item.line(), "a choice" + where);
        if (choices.contains(choice)) {
          throw fail(
              item.line(), "choice \"" + choice + "\"" + where + " is listed twice (remove one)");
        }
        choices.add(choice);
      }
      return List.copyOf(choices);
    }

    /**
     * A default or a choice: text, a number or a yes/no, kept exactly as written ({@code 900} stays
     * {@code "900"}, {@code 0.50} stays {@code "0.50"}), since it is substituted as text.
     */
    private String plainValue(YamlNode value, int line, String what) {
      if (value instanceof Scalar scalar && !scalar.isNull()) {
        return scalar.text();
      }
      throw fail(
          line,
          what
              + " is "
              + value.shown()
              + " (use text or a number, quoted if it contains ': ' or starts with a special"
              + " character)");
    }

    /** Any non-empty single value as text: YAML's {@code yes} or {@code 4} read as written. */
    private String text(Entry entry, String what, String fix) {
      if (entry.value() instanceof Scalar scalar && !scalar.isNull()) {
        return scalar.text();
      }
      String fixNow =
          entry.value() instanceof Scalar
              ? fix
              : "write text, quoted if it contains ': ', or as a block after '"
                  + entry.key()
                  + ": |'";
      throw fail(entry.line(), what + " is " + entry.value().shown() + " (" + fixNow + ")");
    }

    private void checkKeys(Mapping mapping, List<String> known, String where) {
      checkDuplicates(mapping, where);
      for (Entry entry : mapping.entries()) {
        if (!known.contains(entry.key())) {
          String hint =
              DidYouMean.closest(entry.key(), known)
                  .map(k -> "did you mean '" + k + "'?")
                  .orElse("known keys: " + String.join(", ", known));
          throw fail(entry.line(), "unknown key '" + entry.key() + "'" + where + " (" + hint + ")");
        }
      }
    }

    private void checkDuplicates(Mapping mapping, String where) {
      Map<String, Integer> seen = new HashMap<>();
      for (Entry entry : mapping.entries()) {
        Integer first = seen.putIfAbsent(entry.key(), entry.line());
        if (first != null) {
          throw fail(
              entry.line(),
              "duplicate key '"
                  + entry.key()
                  + "'"
                  + where
                  + " (it is already on line "
                  + first
                  + "; keep one)");
        }
      }
    }

    private TemplateException fail(int line, String message) {
      return new TemplateException(location, line, message);
    }
  }

  /**
   * Whether the body or system uses {@code {{input}}}, which decides the input mode when the front
   * matter does not. A body that does not compile is judged by eye; lint reports it anyway.
   */
  static boolean usesInput(String body, String system) {
    return usesInput(body) || (system != null && usesInput(system));
  }

  private static boolean usesInput(String text) {
    try {
      return MustacheCompiler.compile(text).tags().stream()
          .anyMatch(t -> t.kind().readsValue() && t.name().equals(INPUT));
    } catch (MustacheCompiler.Invalid e) {
      return INPUT_TAG.matcher(text).find();
    }
  }
}
