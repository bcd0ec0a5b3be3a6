package dev.draft.template;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code draft templates list}: a template that wins its name, where it comes from,
 * what it overrides, and why it cannot be used when it is broken.
 *
 * @param description null when the template is broken
 * @param overrides the sources of the same name that this one hides, earliest first
 * @param broken the loader's message when the template does not load, else null
 */
public record TemplateSummary(
    String name,
    String description,
    Source source,
    String location,
    List<Source> overrides,
    String broken) {

  public TemplateSummary {
    overrides = List.copyOf(overrides);
  }

  /** Every winning template, sorted by name; each is loaded, so a broken one says why. */
  public static List<TemplateSummary> of(TemplateLibrary library) {
    List<TemplateSummary> summaries = new ArrayList<>();
    for (TemplateRef ref : library.all()) {
      List<Source> overrides =
          library.shadowed(ref.name()).stream().map(TemplateRef::source).toList();
      String description = null;
      String broken = null;
      try {
        description = ref.load().description();
      } catch (TemplateException e) {
        broken = e.getMessage();
      }
      summaries.add(
          new TemplateSummary(
              ref.name(), description, ref.source(), ref.location(), overrides, broken));
    }
    return summaries;
  }

  /** A prompt draft itself sends ({@code _angles}), which users may override but not run. */
  public boolean reserved() {
    return name.startsWith("_");
  }
}
