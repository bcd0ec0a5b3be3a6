package dev.draft.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Converts an llm YAML template ({@code system}, {@code prompt}, {@code defaults}, {@code model},
 * {@code options}) into a draft template, following llm's own reading of it: without a prompt the
 * input is the prompt, and a prompt without {@code $input} ignores the input.
 */
final class LlmTemplateConverter {
  static final String VARIABLE_DESCRIPTION = "imported from llm template";

  private static final Set<String> KEYS =
      Set.of("prompt", "system", "model", "defaults", "options", "description");
  private static final String STRAY = "a '$' that starts no variable";
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private LlmTemplateConverter() {}

  /** See {@link TemplateImporter#llm}. */
  static TemplateImporter.Imported convert(
      String name, String fileName, String location, String yaml) {
    JsonNode root = parseYaml(location, yaml);
    List<String> notes = new ArrayList<>();
    if (root != null && root.isTextual()) {
      root = JsonNodeFactory.instance.objectNode().put("prompt", root.asText());
    }
    if (root == null || !root.isObject() || (!root.has("prompt") && !root.has("system"))) {
      throw new TemplateUsageException(
          location
              + " is not an llm template (it has no prompt: or system:); "
              + TemplateImporter.ACCEPTS);
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        notes.add("dropped '" + key + "': draft templates have no such setting");
      }
    }
    String prompt = text(root, "prompt", location);
    String system = text(root, "system", location);

    DollarTemplate promptText = prompt == null ? null : DollarTemplate.parse(normalize(prompt));
    DollarTemplate systemText = system == null ? null : DollarTemplate.parse(normalize(system));
    Set<String> used = new LinkedHashSet<>();
    for (DollarTemplate text : Arrays.asList(promptText, systemText)) {
      if (text != null) {
        used.addAll(text.names());
        if (text.hasStrayDollar() && notes.stream().noneMatch(n -> n.startsWith(STRAY))) {
          notes.add(STRAY + " is kept as text (llm would refuse it; $$ is '$')");
        }
      }
    }
    // llm sends the input as the prompt when the template has none.
    boolean input = prompt == null || used.contains(TemplateParser.INPUT);
    used.remove(TemplateParser.INPUT);
    Map<String, String> names = draftNames(used, notes);
    Map<String, String> defaults = defaults(root.get("defaults"), names, notes);

    FrontMatterWriter front = new FrontMatterWriter();
    front.comment("Imported by draft templates import from the llm template " + fileName + ".");
    String description =
        root.path("description").isTextual() && !root.path("description").asText().isBlank()
            ? MarkdownSummary.oneLine(root.path("description").asText())
            : MarkdownSummary.of(system == null ? prompt : system)
                .filter(s -> !s.contains("$"))
                .orElse("Imported from the llm template " + fileName);
    front.scalar("description", description);
    if (!names.isEmpty()) {
      front.line("variables:");
      for (String draftName : names.values()) {
        front.variable(draftName, VARIABLE_DESCRIPTION, defaults.get(draftName));
      }
    }
    front.scalar("input", input ? "required" : "none");
    String model = text(root, "model", location);
    if (model != null && !model.isBlank()) {
      front.scalar("model", model.strip());
    }
    options(root.get("options"), front, notes);
    if (system != null) {
      front.block("system", systemText.toMustache(names));
    }
    String body = prompt == null ? "{{input}}" : promptText.toMustache(names);
    if (LiteralText.switchesDelimiters(front.text() + body)) {
      notes.add(
          "literal {{ braces are kept as text by switching delimiters around them ("
              + LiteralText.OPEN
              + "{{"
              + LiteralText.CLOSE
              + ")");
    }
    return TemplateImporter.checked(name, "llm template " + fileName, front.end(body), notes);
  }

  /**
   * Draft names for llm's: lowercase, and never one of draft's own options, which the parser
   * refuses as variable names ({@code $model} becomes {@code model_text}).
   */
  private static Map<String, String> draftNames(Set<String> llmNames, List<String> notes) {
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (String llmName : llmNames) {
      String base = llmName.toLowerCase(Locale.ROOT).replaceFirst("^[_0-9]+", "");
      base = base.isEmpty() ? "value" : base;
      String name = base;
      if (!accepted(name)) {
        name = base + "_text";
      }
      for (int k = 2; taken.contains(name) || !accepted(name); k++) {
        name = base + "_" + k;
      }
      taken.add(name);
      names.put(llmName, name);
      if (!name.equals(llmName)) {
        notes.add(
            "$"
                + llmName
                + " is {{"
                + name
                + "}} here"
                + (accepted(base)
                    ? " (draft variable names are lowercase)"
                    : " (draft's own --" + base.replace('_', '-') + " option has its name)"));
      }
    }
    return names;
  }

  /**
   * Whether the parser takes this as a variable name. The rules (the pattern, the names of draft's
   * own options) live in the parser; asking it keeps one copy of them.
   */
  private static boolean accepted(String name) {
    String probe = "---\nvariables:\n  " + name + ": {description: probe}\n---\n";
    try {
      TemplateParser.parse("probe", Source.USER, "probe", probe);
      return true;
    } catch (TemplateException e) {
      return false;
    }
  }

  private static Map<String, String> defaults(
      JsonNode node, Map<String, String> names, List<String> notes) {
    Map<String, String> defaults = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return defaults;
    }
    if (!node.isObject()) {
      notes.add("dropped 'defaults': it is not a map of variable names to values");
      return defaults;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String draftName = names.get(entry.getKey());
      JsonNode value = entry.getValue();
      if (entry.getKey().equals(TemplateParser.INPUT)) {
        notes.add("dropped the default for 'input': the input comes from INPUT files or stdin");
      } else if (draftName == null) {
        notes.add(
            "dropped the default for '"
                + entry.getKey()
                + "': the template does not use $"
                + entry.getKey());
      } else if (value.isValueNode() && !value.isNull()) {
        defaults.put(draftName, value.asText());
      } else {
        notes.add(
            "dropped the default for '"
                + entry.getKey()
                + "': it is not a single value, so $"
                + entry.getKey()
                + " is required");
      }
    }
    return defaults;
  }

  /** llm's model options: the two draft templates have are kept, the rest dropped. */
  private static void options(JsonNode node, FrontMatterWriter front, List<String> notes) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      notes.add("dropped 'options': it is not a map");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      Double number = number(entry.getValue());
      if (key.equals("temperature") && number != null && number >= 0 && number <= 2) {
        front.line("temperature: " + entry.getValue().asText().strip());
      } else if (key.equals("max_tokens")
          && number != null
          && number >= 1
          && number == Math.rint(number)
          && number <= Integer.MAX_VALUE) {
        front.line("max_tokens: " + number.intValue());
      } else {
        notes.add("dropped option '" + key + "': draft templates have no such setting");
      }
    }
  }

  private static Double number(JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.valueOf(value.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String text(JsonNode root, String key, String location) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new TemplateException(location, 0, "'" + key + "' is not text (write it as text)");
    }
    // llm treats an empty prompt as none.
    String text = value.asText();
    return text.isBlank() ? null : text;
  }

  private static JsonNode parseYaml(String location, String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null || at.getLineNr() < 1 ? 0 : at.getLineNr();
      String message = Objects.requireNonNullElse(e.getOriginalMessage(), "unreadable");
      int newline = message.indexOf('\n');
      message = newline < 0 ? message : message.substring(0, newline);
      throw new TemplateException(location, line, "invalid YAML: " + message, e);
    } catch (IOException e) {
      throw new TemplateException(location, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  private static String normalize(String text) {
    return text.replace("\r\n", "\n");
  }
}
