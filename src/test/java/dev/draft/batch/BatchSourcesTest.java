package dev.draft.batch;

import static dev.draft.batch.SourceItems.readAll;
import static dev.draft.batch.SourceItems.utf8;
import static dev.draft.batch.SourceItems.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which reader an {@code --in} argument gets, and the one-line errors when none fits. */
class BatchSourcesTest {
  private static final BatchSources.Options NONE = BatchSources.Options.NONE;

  @TempDir Path dir;

  private String describe(String in) throws IOException {
    try (BatchSource source =
        BatchSources.open(in, null, dir, new ByteArrayInputStream(new byte[0]))) {
      return source.describe();
    }
  }

  @Test
  void theArgumentTellsTheKind() throws IOException {
    write(dir, "a.jsonl", "{}\n");
    write(dir, "b.ndjson", "{}\n");
    write(dir, "c.csv", "x\n1\n");
    write(dir, "D.CSV", "x\n1\n");
    write(dir, "posts/a.md", "A");
    write(dir, "posts/b.md", "B");

    assertThat(describe("-")).isEqualTo("standard input (JSONL)");
    assertThat(describe("a.jsonl")).isEqualTo("a.jsonl (JSONL)");
    assertThat(describe("b.ndjson")).isEqualTo("b.ndjson (JSONL)");
    assertThat(describe("c.csv")).isEqualTo("c.csv (CSV)");
    assertThat(describe("D.CSV")).isEqualTo("D.CSV (CSV)");
    assertThat(describe("posts")).isEqualTo("posts (a directory of 2 files)");
    assertThat(describe("posts/*.md")).isEqualTo("'posts/*.md' (2 files)");
    assertThat(describe("posts/a*")).isEqualTo("'posts/a*' (1 file)");
  }

  @Test
  void standardInputIsJsonl() throws IOException {
    BatchSource source =
        BatchSources.open("-", NONE, dir, new ByteArrayInputStream(utf8("{\"input\":\"x\"}\n")));

    assertThat(readAll(source)).extracting(BatchItem::input).containsExactly("x");
  }

  @Test
  void anExistingFileWithGlobCharactersInItsNameIsTheFile() throws IOException {
    write(dir, "runs[1].jsonl", "{\"a\":1}\n");

    assertThat(describe("runs[1].jsonl")).isEqualTo("runs[1].jsonl (JSONL)");
  }

  @Test
  void aFileOfAnotherKindIsRefused() throws IOException {
    write(dir, "notes.txt", "hello");

    assertThatThrownBy(() -> BatchSources.open("notes.txt", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessage(
            "cannot tell what kind of source notes.txt is: use a .jsonl or .csv file, a directory,"
                + " or a glob such as 'posts/*.md'");
  }

  @Test
  void aMissingPathIsNamed() {
    assertThatThrownBy(() -> BatchSources.open("nope.jsonl", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessageStartingWith("nope.jsonl does not exist: check the path");
    assertThatThrownBy(() -> BatchSources.count("missing/dir", NONE, dir))
        .isInstanceOf(BatchException.class)
        .hasMessageStartingWith("missing/dir does not exist");
  }

  @Test
  void aGlobThatMatchesNothingIsAnError() throws IOException {
    write(dir, "posts/a.txt", "A");

    assertThatThrownBy(() -> BatchSources.open("posts/*.md", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessageStartingWith("no file matches 'posts/*.md'");
    assertThatThrownBy(() -> BatchSources.open("nowhere/*.md", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessageStartingWith("no file matches 'nowhere/*.md'");
  }

  @Test
  void anInvalidGlobIsAnError() {
    assertThatThrownBy(() -> BatchSources.open("posts/{a,{b}}.md", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessageStartingWith("'posts/{a,{b}}.md' is not a valid glob");
  }

  @Test
  void anEmptyArgumentIsAnError() {
    assertThatThrownBy(() -> BatchSources.open(" ", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessageStartingWith("--in names no source");
  }

  @Test
  void anOptionTheKindHasNoUseForIsRefused() throws IOException {
    write(dir, "a.jsonl", "{}\n");
    write(dir, "c.csv", "x\n1\n");
    write(dir, "posts/a.md", "A");

    assertThatThrownBy(
            () ->
                BatchSources.open("a.jsonl", new BatchSources.Options(null, "x", null), dir, null))
        .hasMessage("--input-column names a CSV column: for a JSONL source use --input-field");
    assertThatThrownBy(
            () -> BatchSources.open("c.csv", new BatchSources.Options("x", null, null), dir, null))
        .hasMessage("--input-field names a JSONL field: for a CSV source use --input-column");
    assertThatThrownBy(
            () -> BatchSources.open("posts", new BatchSources.Options(null, null, "id"), dir, null))
        .hasMessage(
            "--id-field is for JSONL and CSV sources: a file's text is its input and its path its"
                + " id");
  }

  @Test
  void countIsHowManyItemsEachKindHolds() throws IOException {
    write(dir, "a.jsonl", "{}\n\n{}\nbad\n");
    write(dir, "c.csv", "x,y\n1,\"a\nb\"\n\n2,3\n");
    write(dir, "posts/a.md", "A");
    write(dir, "posts/sub/b.md", "B");
    write(dir, "posts/.hidden.md", "H");

    assertThat(BatchSources.count("a.jsonl", NONE, dir)).hasValue(3);
    assertThat(BatchSources.count("c.csv", null, dir)).hasValue(2);
    assertThat(BatchSources.count("posts", NONE, dir)).hasValue(2);
    assertThat(BatchSources.count("posts/**/*.md", NONE, dir)).hasValue(2);
    assertThat(BatchSources.count("-", NONE, dir)).isEmpty();
  }

  @Test
  void countAgreesWithWhatTheSourceGives() throws IOException {
    write(dir, "a.jsonl", "{}\n\n{}\nbad\n");
    write(dir, "c.csv", "x,y\n1,\"a\nb\"\n\n2,3,4\n");

    for (String in : new String[] {"a.jsonl", "c.csv"}) {
      assertThat(BatchSources.count(in, NONE, dir)).hasValue(readAll(dir, in, NONE).size());
    }
  }
}
