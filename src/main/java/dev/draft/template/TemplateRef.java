package dev.draft.template;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A template the library found, not yet read: listing templates reads no files, and one broken
 * template does not stop the others from being listed or used.
 *
 * @param location the file path, or {@code prompts/NAME.md (built-in)}
 * @param text reads the file when asked; throws {@link TemplateException} when it cannot
 */
public record TemplateRef(String name, Source source, String location, Supplier<String> text) {

  public TemplateRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Reads, parses and lints the template.
   *
   * @throws TemplateException when it cannot be read or has any problem
   */
  public Template load() {
    return TemplateLoader.load(name, source, location, text.get());
  }
}
