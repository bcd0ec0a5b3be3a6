package dev.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpCacheTest {
  private static final byte[] TEXT = "Usage: draft [-hV]\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private Path home;
  private Path cwd;
  private Path jar;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(dir.resolve("home"));
    cwd = Files.createDirectories(dir.resolve("project"));
    jar = Files.writeString(dir.resolve("draft.jar"), "a jar");
    env = new HashMap<>(Map.of("DRAFT_HOME", home.toString()));
  }

  private HelpCache entry(String stdout, String... args) throws IOException {
    return HelpCache.of(args, env, cwd, jar, stdout);
  }

  @Test
  void onlyHelpAloneOrAfterOneNameIsKept() {
    assertThat(HelpCache.asksForHelp(new String[] {"--help"})).isTrue();
    assertThat(HelpCache.asksForHelp(new String[] {"-h"})).isTrue();
    assertThat(HelpCache.asksForHelp(new String[] {"article", "--help"})).isTrue();
    assertThat(HelpCache.asksForHelp(new String[] {"ask", "-h"})).isTrue();
    assertThat(HelpCache.asksForHelp(new String[] {})).isFalse();
    assertThat(HelpCache.asksForHelp(new String[] {"--version"})).isFalse();
    assertThat(HelpCache.asksForHelp(new String[] {"--verbose", "--help"})).isFalse();
    assertThat(HelpCache.asksForHelp(new String[] {"article", "--topic=x", "--help"})).isFalse();
    assertThat(HelpCache.asksForHelp(new String[] {"ask", "--help", "hello"})).isFalse();
  }

  @Test
  void standardOutputIsKnownByItsKind() {
    assertThat(HelpCache.kind("/dev/pts/3")).isEqualTo("terminal");
    assertThat(HelpCache.kind("/dev/tty1")).isEqualTo("terminal");
    assertThat(HelpCache.kind("/dev/null")).isEqualTo("null");
    assertThat(HelpCache.kind("pipe:[123456]")).isEqualTo("pipe");
    assertThat(HelpCache.kind("socket:[99]")).isEqualTo("socket");
    assertThat(HelpCache.kind("/home/me/help.txt")).isEqualTo("file");
  }

  @Test
  void whatWasWrittenIsReadBackUnderTheSameInputs() throws IOException {
    assertThat(entry("pipe:[1]", "--help").read()).isEmpty();
    entry("pipe:[1]", "--help").write(TEXT);
    assertThat(entry("pipe:[2]", "--help").read()).contains(TEXT);
    assertThat(entry("pipe:[2]", "--help").file()).startsWith(home.resolve("cache"));
  }

  @Test
  void anotherCommandTerminalOrColourSettingIsAnotherEntry() throws IOException {
    entry("pipe:[1]", "--help").write(TEXT);
    assertThat(entry("pipe:[1]", "-h").read()).isEmpty();
    assertThat(entry("pipe:[1]", "article", "--help").read()).isEmpty();
    assertThat(entry("/dev/pts/0", "--help").read()).isEmpty();
    env.put("NO_COLOR", "1");
    assertThat(entry("pipe:[1]", "--help").read()).isEmpty();
  }

  @Test
  void aChangedOrNewTemplateIsAnotherEntry() throws IOException {
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Path mine = Files.writeString(prompts.resolve("mine.md"), "---\ndescription: Mine\n---\nHi\n");
    entry("pipe:[1]", "--help").write(TEXT);
    assertThat(entry("pipe:[1]", "--help").read()).contains(TEXT);

    // The same size, written a second later: only the time of change tells them apart.
    Files.writeString(mine, "---\ndescription: Ours\n---\nHi\n");
    Files.setLastModifiedTime(mine, FileTime.from(Instant.now().plusSeconds(1)));
    assertThat(entry("pipe:[1]", "--help").read()).isEmpty();
    entry("pipe:[1]", "--help").write(TEXT);

    Files.createDirectories(cwd.resolve(".draft/prompts"));
    assertThat(entry("pipe:[1]", "--help").read()).as("a project folder appeared").isEmpty();
    entry("pipe:[1]", "--help").write(TEXT);
    Files.writeString(cwd.resolve(".draft/prompts/ours.md"), "---\n---\nHi\n");
    assertThat(entry("pipe:[1]", "--help").read()).as("a project template").isEmpty();
  }

  @Test
  void aRebuiltJarIsAnotherEntry() throws IOException {
    entry("pipe:[1]", "--help").write(TEXT);
    Files.writeString(jar, "another jar");
    assertThat(entry("pipe:[1]", "--help").read()).isEmpty();
  }

  @Test
  void aNewTextForTheSameQuestionReplacesTheOldOne() throws IOException {
    entry("pipe:[1]", "--help").write(TEXT);
    Files.writeString(jar, "another jar");
    Files.createDirectories(home.resolve("prompts"));
    Files.writeString(home.resolve("prompts/mine.md"), "---\n---\nHi\n");
    HelpCache rebuilt = entry("pipe:[1]", "--help");
    rebuilt.write(TEXT);
    assertThat(rebuilt.read()).contains(TEXT);
    try (var files = Files.list(rebuilt.file().getParent())) {
      assertThat(files).as("one file per way of asking").hasSize(1);
    }
  }

  @Test
  void aFileOfTheSameNameForAnotherKeyIsNotRead() throws IOException {
    HelpCache cache = entry("pipe:[1]", "--help");
    Files.createDirectories(cache.file().getParent());
    Files.writeString(cache.file(), "args=--other\n\u0000\nSomething else\n");
    assertThat(cache.read()).isEmpty();
    Files.writeString(cache.file(), "");
    assertThat(cache.read()).isEmpty();
  }

  @Test
  void aCacheThatCannotBeWrittenLosesNothing() throws IOException {
    Files.writeString(home.resolve("cache"), "a file where the folder should be");
    HelpCache cache = entry("pipe:[1]", "--help");
    cache.write(TEXT);
    assertThat(cache.read()).isEmpty();
  }

  @Test
  void theTeeKeepsWhatPassesAndTheWatchNotesAnyWrite() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HelpCache.Tee tee = new HelpCache.Tee(out);
    tee.write(TEXT, 0, 6);
    tee.write('!');
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Usage:!");
    assertThat(tee.copied()).isEqualTo("Usage:!".getBytes(StandardCharsets.UTF_8));

    HelpCache.Watched watched = new HelpCache.Watched(OutputStream.nullOutputStream());
    assertThat(watched.written()).isFalse();
    watched.write(TEXT, 0, 0);
    assertThat(watched.written()).isFalse();
    watched.write('x');
    assertThat(watched.written()).isTrue();
  }
}
