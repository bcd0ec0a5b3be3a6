package dev.draft.batch;

import static dev.draft.batch.SourceItems.BOM;
import static dev.draft.batch.SourceItems.NOT_UTF8;
import static dev.draft.batch.SourceItems.concat;
import static dev.draft.batch.SourceItems.lineId;
import static dev.draft.batch.SourceItems.readAll;
import static dev.draft.batch.SourceItems.utf8;
import static dev.draft.batch.SourceItems.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSONL sources: a line's fields are an item's variables; a bad line is one failed item. */
class JsonlSourceTest {
  private static final BatchSources.Options NONE = BatchSources.Options.NONE;

  @TempDir Path dir;

  @Test
  void fieldsBecomeVariablesAsText() throws IOException {
    write(
        dir,
        "in.jsonl",
        "{\"title\":\"Hi\",\"n\":1.50,\"big\":1e3,\"ok\":true,\"none\":null,"
            + "\"tags\":[1, \"a\"],\"meta\":{\"k\": {\"x\":null}},\"input\":\"Body\"}\n");

    List<BatchItem> items = readAll(dir, "in.jsonl", NONE);

    assertThat(items).hasSize(1);
    BatchItem item = items.get(0);
    assertThat(item.runnable()).isTrue();
    assertThat(item.variables())
        .isEqualTo(
            Map.of(
                "title", "Hi",
                "n", "1.50",
                "big", "1e3",
                "ok", "true",
                "tags", "[1, \"a\"]",
                "meta", "{\"k\": {\"x\":null}}"));
    assertThat(item.input()).isEqualTo("Body");
    assertThat(item.where()).isEqualTo("line 1");
    assertThat(item.path()).isNull();
  }

  @Test
  void withoutAnInputFieldTheItemHasNoInput() throws IOException {
    write(dir, "in.jsonl", "{\"title\":\"Hi\"}\n");

    BatchItem item = readAll(dir, "in.jsonl", NONE).get(0);

    assertThat(item.input()).isNull();
    assertThat(item.runnable()).isTrue();
  }

  @Test
  void inputFieldNamesTheInputAndIsNoVariable() throws IOException {
    write(dir, "in.jsonl", "{\"text\":\"Body\",\"input\":\"other\"}\n{\"input\":\"x\"}\n");

    List<BatchItem> items = readAll(dir, "in.jsonl", new BatchSources.Options("text", null, null));

    assertThat(items.get(0).input()).isEqualTo("Body");
    assertThat(items.get(0).variables()).isEqualTo(Map.of("input", "other"));
    assertThat(items.get(1).runnable()).isFalse();
    assertThat(items.get(1).problem()).isEqualTo("line 2: no field 'text' for the input");
  }

  @Test
  void idsAreTheLineNumberAndAHashOfTheLine() throws IOException {
    String first = "{\"a\":\"x\"}";
    String second = "{\"a\":\"y\"}";
    write(dir, "in.jsonl", first + "\n" + second + "\n");

    List<BatchItem> once = readAll(dir, "in.jsonl", NONE);
    List<BatchItem> again = readAll(dir, "in.jsonl", NONE);

    assertThat(once).extracting(BatchItem::id).containsExactly(lineId(1, first), lineId(2, second));
    assertThat(once.get(0).id()).matches("1-[0-9a-f]{8}");
    assertThat(again)
        .extracting(BatchItem::id)
        .isEqualTo(once.stream().map(BatchItem::id).toList());
  }

  @Test
  void anEditedOrMovedLineGetsAnotherId() throws IOException {
    write(dir, "in.jsonl", "{\"a\":\"x\"}\n{\"a\":\"y\"}\n");
    List<BatchItem> before = readAll(dir, "in.jsonl", NONE);

    write(dir, "in.jsonl", "{\"a\":\"x!\"}\n{\"a\":\"x\"}\n");
    List<BatchItem> after = readAll(dir, "in.jsonl", NONE);

    assertThat(after.get(0).id()).isNotEqualTo(before.get(0).id());
    assertThat(after.get(1).id()).isNotEqualTo(before.get(0).id()).startsWith("2-");
    assertThat(after.get(1).id().substring(2)).isEqualTo(before.get(0).id().substring(2));
  }

  @Test
  void idFieldGivesTheId() throws IOException {
    write(dir, "in.jsonl", "{\"key\":\"post-1\",\"a\":1}\n{\"key\":42}\n");

    List<BatchItem> items = readAll(dir, "in.jsonl", new BatchSources.Options(null, null, "key"));

    assertThat(items).extracting(BatchItem::id).containsExactly("post-1", "42");
    assertThat(items.get(0).variables()).containsEntry("key", "post-1");
  }

  @Test
  void oneFieldCanBeBothTheIdAndTheInput() throws IOException {
    write(dir, "in.jsonl", "{\"text\":\"Body\",\"a\":\"1\"}\n");

    BatchItem item =
        readAll(dir, "in.jsonl", new BatchSources.Options("text", null, "text")).get(0);

    assertThat(item.id()).isEqualTo("Body");
    assertThat(item.input()).isEqualTo("Body");
    assertThat(item.variables()).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void aMissingOrBlankIdIsTheLinesProblem() throws IOException {
    write(dir, "in.jsonl", "{\"a\":1}\n{\"key\":\" \"}\n{\"key\":null}\n{\"key\":\"ok\"}\n");

    List<BatchItem> items = readAll(dir, "in.jsonl", new BatchSources.Options(null, null, "key"));

    assertThat(items)
        .extracting(BatchItem::problem)
        .containsExactly(
            "line 1: no field 'key' for the id",
            "line 2: field 'key' for the id is empty",
            "line 3: field 'key' for the id is empty",
            null);
    assertThat(items.get(0).id()).isEqualTo(lineId(1, "{\"a\":1}"));
  }

  @Test
  void anIdUsedTwiceFailsTheLaterLines() throws IOException {
    write(dir, "in.jsonl", "{\"key\":\"a\"}\n{\"key\":\"b\"}\n{\"key\":\"a\"}\n{\"key\":\"a\"}\n");

    List<BatchItem> items = readAll(dir, "in.jsonl", new BatchSources.Options(null, null, "key"));

    assertThat(items)
        .extracting(BatchItem::problem)
        .containsExactly(
            null,
            null,
            "line 3: id 'a' already used on line 1",
            "line 4: id 'a' already used on line 1");
    // The later ones keep ids of their own, so a destination never mixes them up with the first.
    assertThat(items.get(2).id()).isEqualTo(lineId(3, "{\"key\":\"a\"}"));
    assertThat(items).extracting(BatchItem::id).doesNotHaveDuplicates();
  }

  @Test
  void anIdUsedTwiceIsFoundAmongManyIds() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 5_000; i++) {
      lines.append("{\"key\":\"k").append(i).append("\"}\n");
    }
    lines.append("{\"key\":\"k7\"}\n{\"key\":\"k5000\"}\n{\"key\":\"new\"}\n");
    write(dir, "in.jsonl", lines.toString());

    List<BatchItem> items = readAll(dir, "in.jsonl", new BatchSources.Options(null, null, "key"));

    assertThat(items.stream().filter(i -> !i.runnable()).map(BatchItem::problem))
        .containsExactly(
            "line 5001: id 'k7' already used on line 7",
            "line 5002: id 'k5000' already used on line 5000");
    assertThat(items.get(5002).id()).isEqualTo("new");
  }

  @Test
  void badLinesAreItemsWithTheirLineNumber() throws IOException {
    write(
        dir,
        "in.jsonl",
        String.join(
            "\n",
            "{\"a\":1}",
            "not json",
            "[1,2]",
            "{\"a\":1} {\"b\":2}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":",
            "\"text\"",
            "{\"a\":2}"));

    List<BatchItem> items = readAll(dir, "in.jsonl", NONE);

    assertThat(items).hasSize(8);
    assertThat(items.get(0).runnable()).isTrue();
    assertThat(items.get(1).problem()).startsWith("line 2: not a JSON object (Unrecognized token");
    assertThat(items.get(2).problem()).isEqualTo("line 3: not a JSON object (an array)");
    assertThat(items.get(3).problem())
        .isEqualTo("line 4: not a JSON object (more text after the object)");
    assertThat(items.get(4).problem()).startsWith("line 5: not a JSON object (Duplicate field 'a'");
    assertThat(items.get(5).problem()).startsWith("line 6: not a JSON object (Unexpected end");
    assertThat(items.get(6).problem()).isEqualTo("line 7: not a JSON object (a string)");
    assertThat(items.get(7).runnable()).isTrue();
    assertThat(items.get(7).where()).isEqualTo("line 8");
    assertThat(items.get(1).id()).isEqualTo(lineId(2, "not json"));
    assertThat(items.get(1).where()).isEqualTo("line 2");
    assertThat(items).extracting(BatchItem::problem).allMatch(p -> p == null || !p.contains("\n"));
  }

  @Test
  void blankLinesAreSkippedButCounted() throws IOException {
    write(dir, "in.jsonl", "\n   \n{\"a\":1}\n\t\r\n\n{\"a\":2}\n\n");

    List<BatchItem> items = readAll(dir, "in.jsonl", NONE);

    assertThat(items).extracting(BatchItem::where).containsExactly("line 3", "line 6");
  }

  @Test
  void aByteOrderMarkCrlfAndNoFinalNewlineChangeNothing() throws IOException {
    write(dir, "plain.jsonl", "{\"a\":\"x\"}\n{\"a\":\"y\"}\n");
    write(dir, "windows.jsonl", concat(BOM, utf8("{\"a\":\"x\"}\r\n{\"a\":\"y\"}")));

    List<BatchItem> plain = readAll(dir, "plain.jsonl", NONE);
    List<BatchItem> windows = readAll(dir, "windows.jsonl", NONE);

    assertThat(windows).isEqualTo(plain);
    assertThat(windows).extracting(i -> i.variables().get("a")).containsExactly("x", "y");
  }

  @Test
  void aLineThatIsNotUtf8IsOneFailedItem() throws IOException {
    write(
        dir,
        "in.jsonl",
        concat(utf8("{\"a\":\"é\"}\n{\"a\":\""), NOT_UTF8, utf8("\"}\n{\"a\":\"z\"}\n")));

    List<BatchItem> items = readAll(dir, "in.jsonl", NONE);

    assertThat(items)
        .extracting(BatchItem::problem)
        .containsExactly(null, "line 2: not valid UTF-8", null);
    assertThat(items.get(0).variables()).containsEntry("a", "é");
    assertThat(items.get(1).id()).matches("2-[0-9a-f]{8}");
  }

  @Test
  void aLineLongerThanTheReadBufferIsReadWhole() throws IOException {
    String longText = "x".repeat(200_000);
    write(dir, "in.jsonl", "{\"a\":\"" + longText + "\"}\n{\"a\":\"short\"}");

    List<BatchItem> items = readAll(dir, "in.jsonl", NONE);

    assertThat(items).extracting(i -> i.variables().get("a")).containsExactly(longText, "short");
  }

  @Test
  void standardInputIsReadButNotClosed() throws IOException {
    boolean[] closed = {false};
    var stdin =
        new FilterInputStream(
            new ByteArrayInputStream(utf8("{\"input\":\"a\"}\n{\"input\":\"b\"}"))) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    BatchSource source = BatchSources.open("-", NONE, dir, stdin);

    assertThat(source.describe()).isEqualTo("standard input (JSONL)");
    assertThat(readAll(source)).extracting(BatchItem::input).containsExactly("a", "b");
    assertThat(closed[0]).isFalse();
  }

  @Test
  void aLargeSourceIsReadAsAStream() throws IOException {
    int n = 200_000;
    Path file = dir.resolve("big.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < n; i++) {
        out.write("{\"i\":" + i + ",\"input\":\"item number " + i + "\"}\n");
      }
    }

    long count = 0;
    BatchItem last = null;
    try (BatchSource source = BatchSources.open("big.jsonl", NONE, dir, null)) {
      for (BatchItem item = source.next(); item != null; item = source.next()) {
        assertThat(item.runnable()).isTrue();
        count++;
        last = item;
      }
    }

    assertThat(count).isEqualTo(n);
    assertThat(last.where()).isEqualTo("line " + n);
    assertThat(last.variables()).containsEntry("i", String.valueOf(n - 1));
    assertThat(BatchSources.count("big.jsonl", NONE, dir)).hasValue(n);
  }

  @Test
  void countIsTheNonBlankLinesBadOnesIncluded() throws IOException {
    write(dir, "in.jsonl", concat(BOM, utf8("{}\n\nnot json\r\n  \n{}")));

    assertThat(BatchSources.count("in.jsonl", NONE, dir)).hasValue(3);
    assertThat(readAll(dir, "in.jsonl", NONE)).hasSize(3);
  }
}
