/**
 * Prompt templates: Markdown files with YAML front matter and a Mustache body ({@code DESIGN.md}
 * §4). {@link dev.draft.template.TemplateLoader} reads one strictly, {@link
 * dev.draft.template.TemplateValues} fills its variables, {@link
 * dev.draft.template.TemplateRenderer} turns it into the system and user messages, and {@link
 * dev.draft.template.TemplateLibrary} finds templates in the jar, the user's folder and the
 * project's folder.
 *
 * <p>The package is pure: apart from the library reading template files, nothing here does I/O.
 * Errors in a template file are {@link dev.draft.template.TemplateException}s naming the file, the
 * line and the fix; errors in how a template is called are {@link
 * dev.draft.template.TemplateUsageException}s.
 */
package dev.draft.template;
