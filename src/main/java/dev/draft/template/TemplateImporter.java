package dev.draft.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts prompts written for other tools into draft templates: a fabric pattern folder ({@code
 * system.md}, optionally {@code user.md}) or an llm YAML template ({@code $var} placeholders and
 * {@code defaults}). Text from those tools is plain, so any {@code {{} in it is kept literal. The
 * result is loaded before it is returned, so an import never writes a file draft would refuse.
 */
public final class TemplateImporter {
  /**
   * A converted template.
   *
   * @param name a valid template name, from the folder or file name
   * @param text the template file
   * @param notes what did not carry over or was changed on the way, one sentence each
   */
  public record Imported(String name, String text, List<String> notes) {
    public Imported {
      notes = List.copyOf(notes);
    }
  }

  static final String ACCEPTS =
      "draft templates import takes a fabric pattern folder (one with system.md) or an llm"
          + " template file (.yaml or .yml)";

  private TemplateImporter() {}

  /**
   * Reads and converts a fabric pattern folder (or its {@code system.md}) or an llm template file.
   *
   * @param name the template's name, or null to make one from the folder or file name
   * @throws TemplateUsageException when the path is missing or is neither
   * @throws TemplateException when a file cannot be read or an llm template is not valid YAML
   */
  public static Imported read(Path path, String name) {
    if (Files.isDirectory(path)) {
      Path system = path.resolve("system.md");
      if (!Files.isRegularFile(system)) {
        throw new TemplateUsageException(path + " is a folder without system.md; " + ACCEPTS);
      }
      return fabricFolder(path, name);
    }
    if (!Files.isRegularFile(path)) {
      throw new TemplateUsageException("no such file or folder: " + path + "; " + ACCEPTS);
    }
    String fileName = path.getFileName().toString();
    if (fileName.equals("system.md") && path.toAbsolutePath().getParent() != null) {
      return fabricFolder(path.toAbsolutePath().getParent(), name);
    }
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      String stem = TemplateFiles.stem(path);
      List<String> notes = new ArrayList<>();
      String chosen = name != null ? name : nameFor(stem, "file", notes);
      String text = TemplateFiles.read(path, path.toString());
      return withNotes(notes, llm(chosen, stem, path.toString(), text));
    }
    throw new TemplateUsageException("cannot import " + path + ": " + ACCEPTS);
  }

  private static Imported fabricFolder(Path folder, String name) {
    String folderName = folder.getFileName().toString();
    List<String> notes = new ArrayList<>();
    String chosen = name != null ? name : nameFor(folderName, "folder", notes);
    Path user = folder.resolve("user.md");
    String userText = Files.isRegularFile(user) ? TemplateFiles.read(user, user.toString()) : null;
    Path system = folder.resolve("system.md");
    return withNotes(
        notes, fabric(chosen, folderName, TemplateFiles.read(system, system.toString()), userText));
  }

  private static Imported withNotes(List<String> first, Imported imported) {
    List<String> notes = new ArrayList<>(first);
    notes.addAll(imported.notes());
    return new Imported(imported.name(), imported.text(), notes);
  }

  /**
   * Converts a fabric pattern: its system.md becomes the system message and the input the user
   * message, after user.md's text when there is any.
   *
   * @param name the template's name
   * @param folderName the pattern's folder name, for the file's comment
   * @param user the text of user.md, or null when the folder has none
   */
  public static Imported fabric(String name, String folderName, String system, String user) {
    List<String> notes = new ArrayList<>();
    String systemText = plain(system);
    String userText = user == null ? "" : plain(user);
    if (systemText.contains("{{") || userText.contains("{{")) {
      notes.add(
          "the pattern's {{ braces are kept as literal text by switching delimiters around them;"
              + " fabric variables in them are not converted");
    }
    if (systemText.isEmpty()) {
      notes.add("system.md is empty, so the template sends the input alone");
    }

    FrontMatterWriter front = new FrontMatterWriter();
    front.comment("Imported by draft templates import from the fabric pattern " + folderName + ".");
    front.scalar(
        "description",
        MarkdownSummary.of(systemText).orElse("Imported from the fabric pattern " + folderName));
    front.scalar("input", "required");
    if (!systemText.isEmpty()) {
      front.block("system", LiteralText.of(systemText, false));
    }
    String body =
        userText.isEmpty() ? "{{input}}" : LiteralText.of(userText, false) + "\n\n{{input}}";
    return checked(name, "fabric pattern " + folderName, front.end(body), notes);
  }

  /**
   * Converts an llm template: {@code $var} and {@code ${var}} become {@code {{var}}}, each a
   * declared variable described as "imported from llm template", with its default from {@code
   * defaults} or else required; {@code $input} is the input.
   *
   * @param name the template's name
   * @param fileName the file name without {@code .yaml}, for the file's comment
   * @param location how messages name the file
   * @throws TemplateUsageException when the YAML has neither a prompt nor a system message
   * @throws TemplateException when it is not valid YAML
   */
  public static Imported llm(String name, String fileName, String location, String yaml) {
    return LlmTemplateConverter.convert(name, fileName, location, yaml);
  }

  static Imported checked(String name, String from, String text, List<String> notes) {
    // A conversion that does not load is a bug here, not in the user's file: fail loudly.
    TemplateLoader.load(name, Source.USER, name + ".md (converted from the " + from + ")", text);
    return new Imported(name, text, notes);
  }

  // Editors on Windows save Markdown with CRLF and sometimes a byte-order mark.
  private static String plain(String markdown) {
    String text = markdown.replace("\r\n", "\n");
    return (text.startsWith("\uFEFF") ? text.substring(1) : text).strip();
  }

  private static String nameFor(String fileName, String what, List<String> notes) {
    String name = TemplateNames.from(fileName);
    if (!name.equals(fileName)) {
      notes.add("named it " + name + " after the " + what + " name " + fileName);
    }
    return name;
  }
}
