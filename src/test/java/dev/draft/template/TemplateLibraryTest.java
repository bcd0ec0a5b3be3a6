package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLibraryTest {
  private static final String FIXTURE = "zz-test-fixture";

  @TempDir Path temp;

  private static String template(String description) {
    return "---\ndescription: " + description + "\n---\nHello\n";
  }

  private static TemplateRef ref(String name, Source source) {
    return new TemplateRef(
        name, source, name + "@" + source.label(), () -> template(name + " " + source.label()));
  }

  private Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void laterSourceWinsWhateverTheListOrder() {
    TemplateLibrary library =
        TemplateLibrary.of(
            List.of(
                ref("article", Source.PROJECT),
                ref("article", Source.BUILTIN),
                ref("article", Source.USER)));

    assertThat(library.find("article"))
        .get()
        .extracting(TemplateRef::source)
        .isEqualTo(Source.PROJECT);
    assertThat(library.shadowed("article"))
        .extracting(TemplateRef::source)
        .containsExactly(Source.BUILTIN, Source.USER);
  }

  @Test
  void userOverridesBuiltIn() {
    TemplateLibrary library =
        TemplateLibrary.of(List.of(ref("tldr", Source.BUILTIN), ref("tldr", Source.USER)));

    assertThat(library.find("tldr").orElseThrow().load().description()).isEqualTo("tldr user");
    assertThat(library.shadowed("tldr"))
        .extracting(TemplateRef::source)
        .containsExactly(Source.BUILTIN);
  }

  @Test
  void aTemplateNobodyOverridesShadowsNothing() {
    TemplateLibrary library = TemplateLibrary.of(List.of(ref("tldr", Source.BUILTIN)));

    assertThat(library.shadowed("tldr")).isEmpty();
    assertThat(library.shadowed("unknown")).isEmpty();
    assertThat(library.find("unknown")).isEmpty();
  }

  @Test
  void allListsTheWinnersByNameIncludingReservedOnes() {
    TemplateLibrary library =
        TemplateLibrary.of(
            List.of(
                ref("summarize", Source.BUILTIN),
                ref("_angles", Source.BUILTIN),
                ref("article", Source.BUILTIN),
                ref("summarize", Source.PROJECT)));

    assertThat(library.all())
        .extracting(TemplateRef::name, TemplateRef::source)
        .containsExactly(
            tuple("_angles", Source.BUILTIN),
            tuple("article", Source.BUILTIN),
            tuple("summarize", Source.PROJECT));
  }

  @Test
  void discoversTheClassPathThenUserThenProjectFolders() throws IOException {
    Path user = temp.resolve("config/prompts");
    Path project = temp.resolve("work/.draft/prompts");
    write(user.resolve(FIXTURE + ".md"), template("user fixture"));
    write(user.resolve("mine.md"), template("user mine"));
    write(project.resolve("mine.md"), template("project mine"));
    write(project.resolve("notes.txt"), "not a template");
    write(project.resolve(".mine.md"), "an editor's hidden file");

    TemplateLibrary library = TemplateLibrary.discover(user, project);

    TemplateRef fixture = library.find(FIXTURE).orElseThrow();
    assertThat(fixture.source()).isEqualTo(Source.USER);
    assertThat(library.shadowed(FIXTURE))
        .extracting(TemplateRef::source, TemplateRef::location)
        .containsExactly(tuple(Source.BUILTIN, "prompts/" + FIXTURE + ".md (built-in)"));
    TemplateRef mine = library.find("mine").orElseThrow();
    assertThat(mine.source()).isEqualTo(Source.PROJECT);
    assertThat(mine.location()).isEqualTo(project.resolve("mine.md").toString());
    assertThat(mine.load().description()).isEqualTo("project mine");
    assertThat(library.shadowed("mine"))
        .extracting(TemplateRef::source)
        .containsExactly(Source.USER);
    assertThat(library.all()).extracting(TemplateRef::name).doesNotContain("notes", ".mine");
  }

  @Test
  void loadsABuiltInTemplateFromAClassPathFolder() {
    TemplateLibrary library = TemplateLibrary.discover(null, temp.resolve("missing"));

    TemplateRef fixture = library.find(FIXTURE).orElseThrow();
    Template t = fixture.load();

    assertThat(fixture.source()).isEqualTo(Source.BUILTIN);
    assertThat(t.location()).isEqualTo("prompts/zz-test-fixture.md (built-in)");
    assertThat(TemplateRenderer.render(t, TemplateValues.resolve(t, Map.of()), null).user())
        .isEqualTo("Echo fixture.");
  }

  @Test
  void loadsABuiltInTemplateFromAJar() throws IOException {
    Path jar = temp.resolve("draft.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry("prompts/"));
      zip.closeEntry();
      entry(zip, "prompts/x.md", template("from the jar"));
      entry(zip, "prompts/_reserved.md", template("reserved"));
      entry(zip, "prompts/readme.txt", "not a template");
    }

    // No parent: only the jar is on this class path, not target/test-classes.
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      TemplateLibrary library = TemplateLibrary.discover(loader, null, null);

      assertThat(library.all()).extracting(TemplateRef::name).containsExactly("_reserved", "x");
      TemplateRef x = library.find("x").orElseThrow();
      assertThat(x.location()).isEqualTo("prompts/x.md (built-in)");
      assertThat(x.load().description()).isEqualTo("from the jar");
    }
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  @Test
  void emptyClassPathAndNoFoldersIsAnEmptyLibrary() throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
      assertThat(TemplateLibrary.discover(loader, null, null).all()).isEmpty();
    }
  }

  @Test
  void fileThatIsNotUtf8FailsWhenLoadedNotWhenListed() throws IOException {
    Path user = temp.resolve("prompts");
    Files.createDirectories(user);
    Files.write(user.resolve("bad.md"), new byte[] {'-', '-', '-', '\n', (byte) 0xff, '\n'});

    TemplateLibrary library = TemplateLibrary.discover(user, null);
    TemplateRef bad = library.find("bad").orElseThrow();

    assertThatThrownBy(bad::load)
        .isInstanceOf(TemplateException.class)
        .hasMessage(user.resolve("bad.md") + ": not UTF-8 text (save it as UTF-8)");
  }

  @Test
  void brokenTemplateFailsWhenLoadedWithItsPathAndLine() throws IOException {
    Path user = temp.resolve("prompts");
    Path file = write(user.resolve("broken.md"), "---\ndescription: d\nn: 99\n---\nx\n");

    TemplateRef broken = TemplateLibrary.discover(user, null).find("broken").orElseThrow();

    assertThatThrownBy(broken::load)
        .hasMessage(file + ":3: 'n' is 99 (use a whole number from 1 to 32)");
  }
}
