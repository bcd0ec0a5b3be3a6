package dev.draft.template;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * The templates draft can run, by name. They come from three places, later winning over earlier on
 * the same name: the {@code prompts/} folder shipped in the jar, the user's prompts folder, and the
 * project's {@code .draft/prompts} folder. Finding templates reads folder listings only; each file
 * is read when its {@link TemplateRef} is loaded.
 */
public final class TemplateLibrary {
  private static final String BUILTIN_FOLDER = "prompts";
  private static final String SUFFIX = ".md";

  // Every ref of a name, from the earliest source to the winner.
  private final Map<String, List<TemplateRef>> byName;

  private TemplateLibrary(Map<String, List<TemplateRef>> byName) {
    this.byName = byName;
  }

  /**
   * Finds the built-in templates through this class's class loader, then the user's and the
   * project's.
   *
   * @param userDir the user's prompts folder ({@code <config>/prompts}); may be null or missing
   * @param projectDir the project's prompts folder ({@code <cwd>/.draft/prompts}); may be null or
   *     missing
   */
  public static TemplateLibrary discover(Path userDir, Path projectDir) {
    return discover(TemplateLibrary.class.getClassLoader(), userDir, projectDir);
  }

  /**
   * Finds the templates, the built-in ones in {@code prompts/} of {@code loader}'s class path: a
   * folder (running from {@code target/classes}) or a jar.
   *
   * @throws TemplateException when a folder exists but cannot be listed
   */
  public static TemplateLibrary discover(ClassLoader loader, Path userDir, Path projectDir) {
    List<TemplateRef> refs = new ArrayList<>(builtins(loader));
    refs.addAll(folder(userDir, Source.USER));
    refs.addAll(folder(projectDir, Source.PROJECT));
    return of(refs);
  }

  /**
   * A library of the given refs. A later source wins over an earlier one whatever the list order;
   * within one source, the later ref wins.
   */
  public static TemplateLibrary of(List<TemplateRef> refs) {
    List<TemplateRef> ordered = new ArrayList<>(refs);
    ordered.sort(Comparator.comparing(TemplateRef::source)); // stable: keeps the list order
    Map<String, List<TemplateRef>> byName = new TreeMap<>();
    for (TemplateRef ref : ordered) {
      byName.computeIfAbsent(ref.name(), k -> new ArrayList<>()).add(ref);
    }
    byName.replaceAll((name, list) -> List.copyOf(list));
    return new TemplateLibrary(Collections.unmodifiableMap(byName));
  }

  /** The winning ref of every name, sorted by name; reserved {@code _names} included. */
  public List<TemplateRef> all() {
    return byName.values().stream().map(refs -> refs.get(refs.size() - 1)).toList();
  }

  /** The ref that wins for this name. */
  public Optional<TemplateRef> find(String name) {
    List<TemplateRef> refs = byName.get(name);
    return refs == null ? Optional.empty() : Optional.of(refs.get(refs.size() - 1));
  }

  /** The refs of this name that the winner overrides, earliest source first. */
  public List<TemplateRef> shadowed(String name) {
    List<TemplateRef> refs = byName.getOrDefault(name, List.of());
    return refs.isEmpty() ? List.of() : refs.subList(0, refs.size() - 1);
  }

  private static List<TemplateRef> folder(Path dir, Source source) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    List<TemplateRef> refs = new ArrayList<>();
    for (Path file : templateFiles(dir)) {
      String location = file.toString();
      refs.add(new TemplateRef(nameOf(file), source, location, () -> readFile(file, location)));
    }
    return refs;
  }

  private static List<Path> templateFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> isTemplateName(f.getFileName().toString()) && Files.isRegularFile(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new TemplateException(
          dir.toString(), 0, "cannot list the templates in this folder: " + e.getMessage(), e);
    }
  }

  private static boolean isTemplateName(String fileName) {
    // Editors leave hidden files (".article.md.swp" style) beside the ones being edited.
    return fileName.endsWith(SUFFIX) && !fileName.startsWith(".");
  }

  private static String nameOf(Path file) {
    return nameOf(file.getFileName().toString());
  }

  private static String nameOf(String fileName) {
    return fileName.substring(0, fileName.length() - SUFFIX.length());
  }

  private static String readFile(Path file, String location) {
    try {
      return TemplateFiles.decode(Files.readAllBytes(file), location);
    } catch (IOException e) {
      throw new TemplateException(location, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The templates in {@code prompts/} of every class-path entry that has the folder. When two
   * entries have the same name, the first one on the class path wins, as it does for any resource.
   */
  private static List<TemplateRef> builtins(ClassLoader loader) {
    Set<String> names = new LinkedHashSet<>();
    try {
      // Both spellings: a jar lists the folder under "prompts/", a directory under "prompts".
      for (String folder : List.of(BUILTIN_FOLDER, BUILTIN_FOLDER + "/")) {
        Enumeration<URL> roots = loader.getResources(folder);
        while (roots.hasMoreElements()) {
          names.addAll(builtinNames(roots.nextElement()));
        }
      }
    } catch (IOException e) {
      throw new TemplateException(
          BUILTIN_FOLDER + "/ (built-in)",
          0,
          "cannot list the built-in templates: " + e.getMessage(),
          e);
    }
    List<TemplateRef> refs = new ArrayList<>();
    for (String name : names.stream().sorted().toList()) {
      String resource = BUILTIN_FOLDER + "/" + name + SUFFIX;
      String location = resource + " (built-in)";
      refs.add(
          new TemplateRef(
              name, Source.BUILTIN, location, () -> readResource(loader, resource, location)));
    }
    return refs;
  }

  private static List<String> builtinNames(URL folder) throws IOException {
    switch (folder.getProtocol()) {
      case "file":
        try {
          return names(Path.of(folder.toURI()));
        } catch (URISyntaxException e) {
          throw new IOException("bad class-path folder " + folder, e);
        }
      case "jar":
        // The jar the class loader has open already (the connection's cache shares it, so it must
        // stay open): a zip file system of its own read the whole directory of some 5,000 entries
        // again, a tenth of a second of every start that lists the templates.
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        String prefix = BUILTIN_FOLDER + "/";
        List<String> names = new ArrayList<>();
        for (Enumeration<JarEntry> entries = connection.getJarFile().entries();
            entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          if (!entry.isDirectory()
              && name.startsWith(prefix)
              && name.indexOf('/', prefix.length()) < 0
              && isTemplateName(name.substring(prefix.length()))) {
            names.add(nameOf(name.substring(prefix.length())));
          }
        }
        return names;
      default:
        return List.of(); // nothing else is on draft's class path
    }
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> isTemplateName(f.getFileName().toString()) && Files.isRegularFile(f))
          .map(TemplateLibrary::nameOf)
          .toList();
    }
  }

  private static String readResource(ClassLoader loader, String resource, String location) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new TemplateException(location, 0, "missing from the class path (reinstall draft)");
      }
      return TemplateFiles.decode(in.readAllBytes(), location);
    } catch (IOException e) {
      throw new TemplateException(location, 0, "cannot read: " + e.getMessage(), e);
    }
  }
}
