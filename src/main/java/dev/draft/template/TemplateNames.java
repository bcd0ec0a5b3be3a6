package dev.draft.template;

import dev.draft.text.DidYouMean;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names templates are filed under. A name is a file name and a command name at once, so it
 * keeps to lowercase letters, digits and {@code -}; names starting with {@code _} are reserved for
 * the prompts draft itself sends.
 */
public final class TemplateNames {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s_.]+");
  private static final Pattern OTHER = Pattern.compile("[^a-z0-9-]");

  private TemplateNames() {}

  /** Whether a user may create a template of this name. */
  public static boolean isValid(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * A valid name made from a file or folder name: {@code Summarize_Paper} → {@code
   * summarize-paper}. Falls back to {@code imported} when nothing usable is left.
   */
  public static String from(String fileName) {
    String name = SEPARATORS.matcher(fileName.toLowerCase(Locale.ROOT)).replaceAll("-");
    name = OTHER.matcher(name).replaceAll("");
    name = name.replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "imported" : name;
  }

  /** The closest of {@code names} to a mistyped one, if any is close. */
  public static Optional<String> closest(String typed, Collection<String> names) {
    return DidYouMean.closest(typed, names);
  }
}
