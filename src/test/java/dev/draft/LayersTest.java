package dev.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of the README's architecture section, read from the sources' imports: {@code
 * cli -> session -> draft/history/template -> client}, and the views ({@code ui}) know drafts but
 * not the client. A fully qualified name in code would slip past; the code uses imports.
 */
class LayersTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/draft");

  /** What each package may import of draft's others; a package not named here may import none. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry(
              "cli",
              Set.of(
                  "session",
                  "batch",
                  "draft",
                  "history",
                  "template",
                  "longdoc",
                  "config",
                  "client",
                  "text",
                  "ui")),
          Map.entry(
              "session",
              Set.of(
                  "batch",
                  "draft",
                  "history",
                  "template",
                  "longdoc",
                  "config",
                  "client",
                  "text",
                  "ui")),
          Map.entry("batch", Set.of("draft", "client", "text")),
          Map.entry("ui", Set.of("draft", "text")),
          Map.entry("draft", Set.of("client", "longdoc", "text")),
          Map.entry("history", Set.of("draft", "client", "text")),
          Map.entry("template", Set.of("text")),
          Map.entry("config", Set.of("client", "text")),
          Map.entry("longdoc", Set.of()),
          Map.entry("client", Set.of()),
          Map.entry("text", Set.of()));

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.draft\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void everyPackageImportsOnlyTheLayersBelowIt() throws IOException {
    List<String> wrong = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // Main wires everything together.
        }
        String from = relative.getName(0).toString();
        assertThat(ALLOWED).as("a layer for package %s", from).containsKey(from);
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String to = m.group(1);
          if (!to.equals(from) && !ALLOWED.get(from).contains(to)) {
            wrong.add(relative + " imports " + to);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theViewsKnowNothingOfTheClient() throws IOException {
    Set<String> imports = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve("ui"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          imports.add(m.group(1));
        }
      }
    }
    assertThat(imports).doesNotContain("client", "session", "cli").isNotEmpty();
  }
}
