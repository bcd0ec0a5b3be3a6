package dev.draft.batch;

import static dev.draft.batch.SourceItems.BOM;
import static dev.draft.batch.SourceItems.NOT_UTF8;
import static dev.draft.batch.SourceItems.concat;
import static dev.draft.batch.SourceItems.readAll;
import static dev.draft.batch.SourceItems.utf8;
import static dev.draft.batch.SourceItems.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory and glob sources: one item a file, its text the input, its path the id. */
class FileSourceTest {
  private static final BatchSources.Options NONE = BatchSources.Options.NONE;

  @TempDir Path dir;

  @Test
  void aDirectoryGivesEveryFileUnderItSortedByPath() throws IOException {
    write(dir, "posts/b.md", "B");
    write(dir, "posts/a.md", "A");
    write(dir, "posts/2024/c.txt", "C");
    write(dir, "posts/z/d.md", "D");

    List<BatchItem> items = readAll(dir, "posts", NONE);

    assertThat(items)
        .extracting(BatchItem::path)
        .containsExactly("2024/c.txt", "a.md", "b.md", "z/d.md");
    BatchItem c = items.get(0);
    assertThat(c.id()).isEqualTo("2024/c.txt");
    assertThat(c.where()).isEqualTo("2024/c.txt");
    assertThat(c.input()).isEqualTo("C");
    assertThat(c.variables()).isEqualTo(Map.of("name", "c.txt", "path", "2024/c.txt"));
    assertThat(c.runnable()).isTrue();
  }

  @Test
  void hiddenFilesAndDirectoriesAreSkipped() throws IOException {
    write(dir, "posts/a.md", "A");
    write(dir, "posts/.draft.md", "hidden");
    write(dir, "posts/.git/config", "hidden");
    write(dir, "posts/sub/.DS_Store", "hidden");

    assertThat(readAll(dir, "posts", NONE)).extracting(BatchItem::path).containsExactly("a.md");
  }

  @Test
  void aHiddenDirectoryGivenAsTheSourceIsRead() throws IOException {
    write(dir, ".notes/a.md", "A");

    assertThat(readAll(dir, ".notes", NONE)).extracting(BatchItem::path).containsExactly("a.md");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheText() throws IOException {
    write(dir, "posts/a.md", concat(BOM, utf8("Titel: é\r\n")));

    assertThat(readAll(dir, "posts", NONE).get(0).input()).isEqualTo("Titel: é\r\n");
  }

  @Test
  void aBinaryFileOrOneNotUtf8FailsAloneAndTheRestAreRead() throws IOException {
    write(dir, "in/a.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
    write(dir, "in/b.txt", concat(utf8("caf"), NOT_UTF8));
    write(dir, "in/c.txt", "fine");

    List<BatchItem> items = readAll(dir, "in", NONE);

    assertThat(items)
        .extracting(BatchItem::problem)
        .containsExactly("a.png: not a text file", "b.txt: not valid UTF-8 text", null);
    assertThat(items.get(0).input()).isNull();
    assertThat(items.get(0).id()).isEqualTo("a.png");
    assertThat(items.get(2).input()).isEqualTo("fine");
  }

  @Test
  void aNulByteAfterTheFirst8KibIsNotBinaryButStillChecked() throws IOException {
    byte[] text = concat(utf8("x".repeat(8 * 1024)), new byte[] {0}, utf8("tail"));
    write(dir, "in/late-nul.txt", text);

    BatchItem item = readAll(dir, "in", NONE).get(0);

    assertThat(item.runnable()).isTrue();
    assertThat(item.input()).endsWith("\0tail");
  }

  @Test
  void filesAreReadOnlyWhenReached() throws IOException {
    write(dir, "in/a.txt", "A");
    write(dir, "in/b.txt", "old");
    write(dir, "in/c.txt", "C");

    try (BatchSource source = BatchSources.open("in", NONE, dir, null)) {
      assertThat(source.next().input()).isEqualTo("A");
      Files.writeString(dir.resolve("in/b.txt"), "new");
      Files.delete(dir.resolve("in/c.txt"));

      assertThat(source.next().input()).isEqualTo("new");
      BatchItem gone = source.next();
      assertThat(gone.problem()).startsWith("c.txt: cannot read it: ").endsWith("does not exist");
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void aGlobGivesTheFilesItMatchesRelativeToItsFixedPart() throws IOException {
    write(dir, "posts/a.md", "A");
    write(dir, "posts/b.txt", "B");
    write(dir, "posts/sub/c.md", "C");

    List<BatchItem> items = readAll(dir, "posts/*.md", NONE);

    assertThat(items).extracting(BatchItem::path).containsExactly("a.md");
    assertThat(items.get(0).variables()).isEqualTo(Map.of("name", "a.md", "path", "a.md"));
  }

  @Test
  void aDoubleStarMatchesAnyDepthIncludingNone() throws IOException {
    write(dir, "docs/a.txt", "A");
    write(dir, "docs/x/b.txt", "B");
    write(dir, "docs/x/y/c.txt", "C");
    write(dir, "docs/x/y/c.md", "not this");
    write(dir, "docs/.hidden/d.txt", "not this");

    List<BatchItem> items = readAll(dir, "docs/**/*.txt", NONE);

    assertThat(items).extracting(BatchItem::path).containsExactly("a.txt", "x/b.txt", "x/y/c.txt");
    assertThat(items.get(2).variables()).containsEntry("name", "c.txt");
  }

  @Test
  void aGlobInTheMiddleAndBraces() throws IOException {
    write(dir, "site/en/index.md", "en");
    write(dir, "site/fr/index.md", "fr");
    write(dir, "site/fr/other.md", "no");
    write(dir, "site/de/index.html", "no");

    assertThat(readAll(dir, "site/*/index.{md,txt}", NONE))
        .extracting(BatchItem::path)
        .containsExactly("en/index.md", "fr/index.md");
  }

  @Test
  void aGlobWithoutADirectoryIsRelativeToTheWorkingDirectory() throws IOException {
    write(dir, "one.md", "1");
    write(dir, "two.md", "2");
    write(dir, "sub/three.md", "3");

    List<BatchItem> items = readAll(dir, "*.md", NONE);

    assertThat(items).extracting(BatchItem::path).containsExactly("one.md", "two.md");
  }

  @Test
  void anAbsoluteGlobIsRelativeToItsFixedPart() throws IOException {
    write(dir, "abs/x.md", "X");

    List<BatchItem> items = readAll(Path.of("/"), dir.resolve("abs") + "/*.md", NONE);

    assertThat(items).extracting(BatchItem::path).containsExactly("x.md");
    assertThat(items.get(0).input()).isEqualTo("X");
  }
}
