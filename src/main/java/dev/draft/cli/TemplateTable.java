package dev.draft.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.session.JsonText;
import dev.draft.template.Source;
import dev.draft.template.Template;
import dev.draft.template.TemplateRef;
import dev.draft.template.TemplateSummary;
import dev.draft.template.Variable;
import dev.draft.text.DisplayWidth;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code draft templates list} and {@code show} print templates. */
final class TemplateTable {
  private static final String GAP = "  ";

  private TemplateTable() {}

  /** One template a line in aligned columns; the reserved tool prompts last, under a heading. */
  static void print(PrintWriter out, List<TemplateSummary> all) {
    List<TemplateSummary> commands = all.stream().filter(s -> !s.reserved()).toList();
    List<TemplateSummary> tools = all.stream().filter(TemplateSummary::reserved).toList();
    int nameWidth = all.stream().mapToInt(s -> DisplayWidth.of(s.name())).max().orElse(0);
    // A broken template's message can be long; it does not push every other line's source out.
    int descriptionWidth =
        all.stream()
            .filter(s -> s.broken() == null)
            .mapToInt(s -> DisplayWidth.of(s.description()))
            .max()
            .orElse(0);
    for (TemplateSummary summary : commands) {
      out.println(row(summary, nameWidth, descriptionWidth));
    }
    if (!tools.isEmpty()) {
      if (!commands.isEmpty()) {
        out.println();
      }
      out.println("tool prompts (overridable):");
      for (TemplateSummary summary : tools) {
        out.println(row(summary, nameWidth, descriptionWidth));
      }
    }
  }

  private static String row(TemplateSummary summary, int nameWidth, int descriptionWidth) {
    String description =
        summary.broken() == null ? summary.description() : "(broken: " + summary.broken() + ")";
    return pad(summary.name(), nameWidth) + pad(description, descriptionWidth) + source(summary);
  }

  // Pads by display width: a CJK character takes two columns.
  private static String pad(String text, int width) {
    return DisplayWidth.padRight(text, width) + GAP;
  }

  private static String source(TemplateSummary summary) {
    return summary.source().label()
        + (summary.overrides().isEmpty() ? "" : ", overrides " + labels(summary.overrides()));
  }

  private static String labels(List<Source> sources) {
    return String.join(", ", sources.stream().map(Source::label).toList());
  }

  static ArrayNode json(List<TemplateSummary> all) {
    ArrayNode array = JsonText.MAPPER.createArrayNode();
    for (TemplateSummary summary : all) {
      ObjectNode node = array.addObject();
      node.put("name", summary.name());
      node.put("description", summary.description());
      node.put("source", summary.source().label());
      node.put("location", summary.location());
      node.put("broken", summary.broken());
      ArrayNode overrides = node.putArray("overrides");
      summary.overrides().forEach(source -> overrides.add(source.label()));
    }
    return array;
  }

  /**
   * The head of {@code draft templates show}: where the template is and, when it loads, what it
   * takes.
   *
   * @param template null when the template does not load
   */
  static void details(
      PrintWriter out, TemplateRef ref, List<TemplateRef> shadowed, Template template) {
    field(out, "name", ref.name());
    if (template != null) {
      field(out, "description", template.description());
    }
    field(out, "location", ref.location());
    field(
        out,
        "source",
        ref.source().label()
            + (shadowed.isEmpty()
                ? ""
                : ", overrides " + labels(shadowed.stream().map(TemplateRef::source).toList())));
    for (TemplateRef hidden : shadowed) {
      field(out, "overrides", hidden.location());
    }
    if (template == null) {
      return;
    }
    field(
        out,
        "input",
        switch (template.input()) {
          case REQUIRED -> "required (files or stdin)";
          case OPTIONAL -> "optional (files or stdin)";
          case NONE -> "none";
        });
    optional(out, "model", template.model());
    optional(out, "n", template.n());
    optional(out, "temperature", template.temperature());
    optional(out, "max_tokens", template.maxTokens());
    optional(out, "long_input", template.longInput());
    if (template.variables().isEmpty()) {
      field(out, "variables", "none");
      return;
    }
    out.println("variables:");
    List<String[]> rows = new ArrayList<>();
    for (Variable variable : template.variables().values()) {
      rows.add(
          new String[] {
            variable.name(), variable.optionName(), status(variable), describe(variable)
          });
    }
    int[] widths = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], DisplayWidth.of(row[i]));
      }
    }
    for (String[] row : rows) {
      out.println(
          (GAP + pad(row[0], widths[0]) + pad(row[1], widths[1]) + pad(row[2], widths[2]) + row[3])
              .stripTrailing());
    }
  }

  private static String status(Variable variable) {
    if (variable.required()) {
      return "required";
    }
    return variable.defaultValue() == null ? "optional" : "default: " + variable.defaultValue();
  }

  private static String describe(Variable variable) {
    String description = variable.description() == null ? "" : variable.description().strip();
    return variable.choices().isEmpty()
        ? description
        : description + " (one of: " + String.join(", ", variable.choices()) + ")";
  }

  private static void optional(PrintWriter out, String label, Object value) {
    if (value != null) {
      field(out, label, value instanceof Double d ? format(d) : value.toString());
    }
  }

  // 0.9 rather than 0.90000000001, 1 rather than 1.0.
  private static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  private static void field(PrintWriter out, String label, String value) {
    out.println(pad(label + ":", 12) + value);
  }
}
