package dev.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes draft start fast, checked the way it runs: help kept from the time before, sqlite's
 * native library unpacked once, and the launcher's class-data archive. Each must print exactly what
 * draft printed without it.
 */
class StartupIT {
  @TempDir Path home;

  @Test
  void helpIsKeptAndBuiltAgainWhenATemplateAppears() throws Exception {
    JarProcess draft = new JarProcess(home);
    JarProcess.Result first = draft.run(Map.of(), "", "--help");
    assertThat(first.exitCode()).isZero();
    assertThat(files(home.resolve("cache/help"))).hasSize(1);

    JarProcess.Result again = draft.run(Map.of(), "", "--help");
    assertThat(again.out()).isEqualTo(first.out());
    assertThat(again.err()).isEmpty();

    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(
        prompts.resolve("limerick.md"),
        "---\ndescription: A limerick about the topic\n---\nA limerick about {{input}}\n");
    JarProcess.Result changed = draft.run(Map.of(), "", "--help");
    assertThat(changed.out()).contains("limerick", "A limerick about the topic");
    assertThat(draft.run(Map.of(), "", "limerick", "--help").out())
        .contains("Usage: draft limerick");
  }

  @Test
  void helpThatFailsIsNotKept() throws Exception {
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(prompts.resolve("broken.md"), "---\ndescription: [broken\n---\nHi\n");
    JarProcess.Result broken = new JarProcess(home).run(Map.of(), "", "broken", "--help");
    assertThat(broken.exitCode()).isEqualTo(3);
    assertThat(broken.err()).contains("broken.md:2: invalid YAML");
    assertThat(home.resolve("cache/help")).doesNotExist();
  }

  @Test
  void sqlitesLibraryIsUnpackedOnceIntoTheCache() throws Exception {
    Path tmp = Files.createDirectories(home.resolve("tmp"));
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    JarProcess draft = new JarProcess(home);
    assertThat(draft.run(env, "", "history").exitCode()).isZero();
    List<Path> libraries = libraries(home.resolve("cache/native"));
    assertThat(libraries).hasSize(1);
    Object unpacked = Files.readAttributes(libraries.get(0), BasicFileAttributes.class).fileKey();

    assertThat(draft.run(env, "", "history").exitCode()).isZero();
    assertThat(libraries(home.resolve("cache/native"))).isEqualTo(libraries);
    assertThat(Files.readAttributes(libraries.get(0), BasicFileAttributes.class).fileKey())
        .as("the same file, not a new copy")
        .isEqualTo(unpacked);
    assertThat(files(tmp)).as("nothing unpacked into the temporary folder").isEmpty();
  }

  @Test
  void theLauncherMakesItsArchiveOnceAndPrintsTheSame() throws Exception {
    Result made = launcher(Map.of(), "templates", "list");
    assertThat(made.code()).as(made.err()).isZero();
    assertThat(made.err()).doesNotContain("building");
    List<Path> archives =
        files(home.resolve("cache/cds")).stream()
            .filter(f -> f.toString().endsWith(".jsa"))
            .toList();
    assertThat(archives).as("the full archive and the small one for version and help").hasSize(2);

    Path classes = home.resolve("classes.log");
    Result mapped =
        launcher(
            Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes),
            "templates",
            "list");
    assertThat(mapped.out()).isEqualTo(made.out());
    assertThat(Files.readString(classes))
        .as("draft's classes come from the archive")
        .contains("dev.draft.cli.Cli source: shared objects file (top)");

    Path light = home.resolve("light.log");
    Result version =
        launcher(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + light), "--version");
    assertThat(version.out()).startsWith("draft ");
    assertThat(Files.readString(light))
        .as("--version maps the small archive")
        .contains("dev.draft.Main source: shared objects file (top)")
        .doesNotContain("picocli");

    Result without = launcher(Map.of("DRAFT_CDS", "off"), "templates", "list");
    assertThat(without.out()).isEqualTo(made.out());
    assertThat(files(home.resolve("cache/cds")).stream().filter(f -> f.toString().endsWith(".jsa")))
        .isEqualTo(archives);
  }

  private record Result(int code, String out, String err) {}

  private Result launcher(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "scripts/draft"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("DRAFT_HOME", home.toString());
    builder
        .environment()
        .put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    var out = JarProcess.readAll(process.getInputStream());
    var err = JarProcess.readAll(process.getErrorStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Result(process.exitValue(), out.get(), err.get());
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static List<Path> libraries(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("libsqlitejdbc"))
          .sorted()
          .toList();
    }
  }
}
