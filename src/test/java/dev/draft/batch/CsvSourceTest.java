package dev.draft.batch;

import static dev.draft.batch.SourceItems.BOM;
import static dev.draft.batch.SourceItems.NOT_UTF8;
import static dev.draft.batch.SourceItems.concat;
import static dev.draft.batch.SourceItems.lineId;
import static dev.draft.batch.SourceItems.readAll;
import static dev.draft.batch.SourceItems.utf8;
import static dev.draft.batch.SourceItems.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV sources: the header names the variables, each row is an item where its first line is. */
class CsvSourceTest {
  private static final BatchSources.Options NONE = BatchSources.Options.NONE;

  @TempDir Path dir;

  @Test
  void theHeaderNamesTheVariablesOfEachRow() throws IOException {
    write(dir, "in.csv", "title,body,n\nHi,\"hello, world\",3\n\"Say \"\"hi\"\"\",x,\n");

    List<BatchItem> items = readAll(dir, "in.csv", NONE);

    assertThat(items)
        .extracting(BatchItem::variables)
        .containsExactly(
            Map.of("title", "Hi", "body", "hello, world", "n", "3"),
            Map.of("title", "Say \"hi\"", "body", "x", "n", ""));
    assertThat(items).extracting(BatchItem::where).containsExactly("line 2", "line 3");
    assertThat(items).extracting(BatchItem::input).containsOnlyNulls();
    assertThat(items).allMatch(BatchItem::runnable);
  }

  @Test
  void rowsAfterAMultiLineFieldKeepTheirLineNumbers() throws IOException {
    write(
        dir,
        "in.csv",
        "id,text\n1,\"first\nsecond\nthird\"\n2,plain\n3,\"a\r\nb\"\n\n4,last\n\"5\n\",x\n6,y");

    List<BatchItem> items = readAll(dir, "in.csv", NONE);

    // A row starts where its first field does, even when that field spans lines (row 5).
    assertThat(items)
        .extracting(BatchItem::where)
        .containsExactly("line 2", "line 5", "line 6", "line 9", "line 10", "line 12");
    // Without options, the column named text is the input and the one named id the id.
    assertThat(items.get(0).input()).isEqualTo("first\nsecond\nthird");
    assertThat(items.get(3).id()).isEqualTo("4");
    assertThat(items.get(3).variables()).containsEntry("id", "4");
    assertThat(items.get(4).id()).isEqualTo("5\n");
    assertThat(BatchSources.count("in.csv", NONE, dir)).hasValue(6);
  }

  @Test
  void aByteOrderMarkAndCrlfChangeNothing() throws IOException {
    write(dir, "plain.csv", "name,input\na,x\nb,y\n");
    write(dir, "windows.csv", concat(BOM, utf8("name,input\r\na,x\r\nb,y")));

    List<BatchItem> plain = readAll(dir, "plain.csv", NONE);
    List<BatchItem> windows = readAll(dir, "windows.csv", NONE);

    assertThat(windows).isEqualTo(plain);
    assertThat(windows.get(0).variables()).isEqualTo(Map.of("name", "a"));
    assertThat(windows).extracting(BatchItem::input).containsExactly("x", "y");
  }

  @Test
  void blankLinesAreSkippedButCounted() throws IOException {
    write(dir, "in.csv", "\na,b\n\n1,2\n  \n3,4\n\n");

    List<BatchItem> items = readAll(dir, "in.csv", NONE);

    assertThat(items).extracting(BatchItem::where).containsExactly("line 4", "line 6");
    assertThat(items.get(0).variables()).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void aRowWithTooManyFieldsFailsAndAShortOneIsPadded() throws IOException {
    write(dir, "in.csv", "a,b,c\n1,2,3,4\n1\n5,6,7\n");

    List<BatchItem> items = readAll(dir, "in.csv", NONE);

    assertThat(items)
        .extracting(BatchItem::problem)
        .containsExactly("line 2: 4 fields, the header has 3", null, null);
    assertThat(items.get(0).id()).matches("2-[0-9a-f]{8}");
    assertThat(items.get(1).variables()).isEqualTo(Map.of("a", "1", "b", "", "c", ""));
    assertThat(items.get(2).variables()).isEqualTo(Map.of("a", "5", "b", "6", "c", "7"));
  }

  @Test
  void aHeaderColumnWithoutANameIsRefused() throws IOException {
    write(dir, "in.csv", "a,,c\n1,2,3\n");

    assertThatThrownBy(() -> BatchSources.open("in.csv", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessage("in.csv: column 2 of the header has no name: name every column");
  }

  @Test
  void twoHeaderColumnsWithOneNameAreRefused() throws IOException {
    write(dir, "in.csv", "a,b, a\n1,2,3\n");

    assertThatThrownBy(() -> BatchSources.open("in.csv", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessage(
            "in.csv: columns 1 and 3 of the header are both named 'a': give each column its own"
                + " name");
  }

  @Test
  void inputColumnNamesTheInputAndIsNoVariable() throws IOException {
    write(dir, "in.csv", "title,body,input\nT,B,I\n");

    BatchItem byOption =
        readAll(dir, "in.csv", new BatchSources.Options(null, "body", null)).get(0);
    BatchItem byName = readAll(dir, "in.csv", NONE).get(0);

    assertThat(byOption.input()).isEqualTo("B");
    assertThat(byOption.variables()).isEqualTo(Map.of("title", "T", "input", "I"));
    assertThat(byName.input()).isEqualTo("I");
    assertThat(byName.variables()).isEqualTo(Map.of("title", "T", "body", "B"));
  }

  @Test
  void aColumnTheOptionsNameMustBeInTheHeader() throws IOException {
    write(dir, "in.csv", "title,body\nT,B\n");

    assertThatThrownBy(
            () ->
                BatchSources.open(
                    "in.csv", new BatchSources.Options(null, "text", null), dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessage("in.csv has no column 'text' for --input-column: its columns are title, body");
    assertThatThrownBy(
            () ->
                BatchSources.open("in.csv", new BatchSources.Options(null, null, "key"), dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessage("in.csv has no column 'key' for --id-field: its columns are title, body");
  }

  @Test
  void idFieldNamesTheIdColumnAndAnIdUsedTwiceFails() throws IOException {
    write(dir, "in.csv", "key,text\na,1\nb,\"two\nlines\"\n,3\na,4\n");

    List<BatchItem> items = readAll(dir, "in.csv", new BatchSources.Options(null, null, "key"));

    assertThat(items)
        .extracting(BatchItem::problem)
        .containsExactly(
            null,
            null,
            "line 5: column 'key' for the id is empty",
            "line 6: id 'a' already used on line 2");
    assertThat(items.subList(0, 2)).extracting(BatchItem::id).containsExactly("a", "b");
    assertThat(items).extracting(BatchItem::id).doesNotHaveDuplicates();
  }

  @Test
  void idsAreStableAndChangeWithTheRow() throws IOException {
    write(dir, "in.csv", "a,b\n1,2\n3,4\n");
    List<BatchItem> once = readAll(dir, "in.csv", NONE);
    List<BatchItem> again = readAll(dir, "in.csv", NONE);
    write(dir, "in.csv", "a,b\n1,2\n3,5\n");
    List<BatchItem> edited = readAll(dir, "in.csv", NONE);

    assertThat(once)
        .extracting(BatchItem::id)
        .containsExactly(lineId(2, "1\u00002"), lineId(3, "3\u00004"));
    assertThat(again)
        .extracting(BatchItem::id)
        .isEqualTo(once.stream().map(BatchItem::id).toList());
    assertThat(edited.get(0).id()).isEqualTo(once.get(0).id());
    assertThat(edited.get(1).id()).isNotEqualTo(once.get(1).id());
  }

  @Test
  void aQuoteNeverClosedEndsTheSourceWithItsLine() throws IOException {
    write(dir, "in.csv", "a,b\n1,2\n3,\"open\n4,5\n");

    try (BatchSource source = BatchSources.open("in.csv", NONE, dir, null)) {
      assertThat(source.next().where()).isEqualTo("line 2");
      assertThatThrownBy(source::next)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("in.csv, line 5: not valid CSV (Missing closing quote");
    }
    assertThat(BatchSources.count("in.csv", NONE, dir)).isEmpty();
  }

  @Test
  void textThatIsNotUtf8EndsTheSourceWithItsLine() throws IOException {
    write(dir, "in.csv", concat(utf8("a,b\n1,2\n3,"), NOT_UTF8, utf8("\n")));

    try (BatchSource source = BatchSources.open("in.csv", NONE, dir, null)) {
      assertThat(source.next().where()).isEqualTo("line 2");
      assertThatThrownBy(source::next)
          .isInstanceOf(IOException.class)
          .hasMessage("in.csv, line 3: not valid UTF-8: save the file as UTF-8");
    }
  }

  @Test
  void aBrokenHeaderIsRefusedWhenOpening() throws IOException {
    write(dir, "in.csv", "a,\"b\nc\n");

    assertThatThrownBy(() -> BatchSources.open("in.csv", NONE, dir, null))
        .isInstanceOf(BatchException.class)
        .hasMessageStartingWith("in.csv, line 3: not valid CSV");
  }

  @Test
  void anEmptyFileOrAHeaderAloneHasNoItems() throws IOException {
    write(dir, "empty.csv", "");
    write(dir, "header.csv", "a,b\n");

    assertThat(readAll(dir, "empty.csv", NONE)).isEmpty();
    assertThat(readAll(dir, "header.csv", NONE)).isEmpty();
    assertThat(BatchSources.count("empty.csv", NONE, dir)).hasValue(0);
    assertThat(BatchSources.count("header.csv", NONE, dir)).hasValue(0);
  }

  @Test
  void describeNamesTheFileAndItsKind() throws IOException {
    write(dir, "in.csv", "a\n1\n");

    try (BatchSource source = BatchSources.open("in.csv", NONE, dir, null)) {
      assertThat(source.describe()).isEqualTo("in.csv (CSV)");
    }
  }
}
