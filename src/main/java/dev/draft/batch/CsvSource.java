package dev.draft.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Items from CSV (RFC 4180: quoted fields, doubled quotes, fields over several lines): the header
 * row names the variables, and each later row is one item. Reads a row at a time. A row is where
 * its first line is, even when an earlier row's quoted field spans lines.
 */
final class CsvSource implements BatchSource {
  private static final CsvFactory CSV = new CsvFactory();

  private final String name;
  private final InputStream in;
  private final CsvParser parser;
  private final List<String> header;
  private final int inputColumn;
  private final int idColumn;
  private final String idName;
  private final SeenIds seenIds = new SeenIds();

  /** The CSV cannot be read on: not UTF-8, or not CSV (a quote never closed, say). */
  static final class MalformedCsvException extends IOException {
    MalformedCsvException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** One row as read: the line it starts on and its fields. */
  private record Row(long line, List<String> fields) {}

  private CsvSource(
      String name,
      InputStream in,
      CsvParser parser,
      List<String> header,
      int inputColumn,
      int idColumn,
      String idName) {
    this.name = name;
    this.in = in;
    this.parser = parser;
    this.header = header;
    this.inputColumn = inputColumn;
    this.idColumn = idColumn;
    this.idName = idName;
  }

  /**
   * Reads the header of the CSV in {@code in} and checks it against the options; the source then
   * owns {@code in} and closes it. A CSV with nothing in it has no items.
   *
   * @param name the source as the user gave it, for messages
   * @param inputColumn the column whose value is the input, or null for a column named {@code
   *     input}, else one named {@code text}
   * @param idColumn the column whose value is the id, or null for a column named {@code id}, else
   *     {@code <line>-<hash>}
   * @throws BatchException when the header has a column without a name or two with one name, lacks
   *     a column the options name, or cannot be read as CSV
   */
  static CsvSource open(String name, InputStream in, String inputColumn, String idColumn)
      throws IOException {
    try {
      CsvParser parser = (CsvParser) CSV.createParser(in);
      parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      parser.nextToken(); // The array around all rows.
      CsvSource source = new CsvSource(name, in, parser, List.of(), -1, -1, null);
      Row first = source.nextRow();
      if (first == null) {
        return source;
      }
      List<String> header = header(name, first.fields());
      int input = column(name, header, inputColumn, "--input-column");
      if (inputColumn == null) {
        // A column named input, else one named text.
        input = header.indexOf(JsonlSource.DEFAULT_INPUT);
        if (input < 0) {
          input = header.indexOf(JsonlSource.FALLBACK_INPUT);
        }
      }
      int id = column(name, header, idColumn, "--id-field");
      String idName = idColumn;
      if (idColumn == null && header.contains(JsonlSource.DEFAULT_ID)) {
        // Without --id-field, a column named id names the rows.
        id = header.indexOf(JsonlSource.DEFAULT_ID);
        idName = JsonlSource.DEFAULT_ID;
      }
      return new CsvSource(name, in, parser, header, input, id, idName);
    } catch (MalformedCsvException e) {
      in.close();
      throw new BatchException(e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** How many items the CSV in {@code in} holds: its rows after the header. Does not close it. */
  static long count(String name, InputStream in) throws IOException {
    CsvParser parser = (CsvParser) CSV.createParser(in);
    parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    parser.nextToken(); // The array around all rows.
    CsvSource rows = new CsvSource(name, in, parser, List.of(), -1, -1, null);
    long count = -1; // The header is not an item.
    while (rows.nextRow() != null) {
      count++;
    }
    return Math.max(count, 0);
  }

  @Override
  public BatchItem next() throws IOException {
    Row row = nextRow();
    return row == null ? null : item(row);
  }

  @Override
  public String describe() {
    return name + " (CSV)";
  }

  @Override
  public void close() throws IOException {
    try {
      parser.close();
    } finally {
      in.close();
    }
  }

  private BatchItem item(Row row) {
    String where = "line " + row.line();
    List<String> fields = row.fields();
    String lineId = ItemIds.forLine(row.line(), String.join("\u0000", fields));
    if (fields.size() > header.size()) {
      return new BatchItem(
          lineId,
          where,
          Map.of(),
          null,
          null,
          where + ": " + fields.size() + " fields, the header has " + header.size());
    }
    Map<String, String> variables = new LinkedHashMap<>();
    String input = null;
    for (int i = 0; i < header.size(); i++) {
      String value = i < fields.size() ? fields.get(i) : "";
      if (i == inputColumn) {
        input = value;
      } else {
        variables.put(header.get(i), value);
      }
    }
    if (idColumn < 0) {
      return new BatchItem(lineId, where, variables, input, null, null);
    }
    String id = idColumn < fields.size() ? fields.get(idColumn) : "";
    if (id.isBlank()) {
      return new BatchItem(
          lineId,
          where,
          variables,
          null,
          null,
          where + ": column '" + idName + "' for the id is empty");
    }
    long first = seenIds.firstUse(id, row.line());
    if (first != 0) {
      // As for JSONL: the item keeps its line id, so no two items of a source share one.
      return new BatchItem(
          lineId,
          where,
          variables,
          null,
          null,
          where + ": id '" + id + "' already used on line " + first);
    }
    return new BatchItem(id, where, variables, input, null, null);
  }

  /** The next row that is not a blank line, or null after the last. */
  private Row nextRow() throws IOException {
    try {
      while (true) {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_ARRAY) {
          return null; // The end of the array around all rows, then the end of the input.
        }
        List<String> fields = new ArrayList<>();
        long line = -1;
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          if (line < 0) {
            line = parser.currentTokenLocation().getLineNr();
          }
          fields.add(parser.getText());
        }
        // A blank line reads as a row of one empty field; nobody means it as an item.
        if (!fields.isEmpty() && !(fields.size() == 1 && fields.get(0).isBlank())) {
          return new Row(line, fields);
        }
      }
    } catch (CharConversionException e) {
      throw new MalformedCsvException(
          name
              + ", line "
              + parser.currentLocation().getLineNr()
              + ": not valid UTF-8: save the file as UTF-8",
          e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
      throw new MalformedCsvException(
          name + ", line " + at.getLineNr() + ": not valid CSV (" + e.getOriginalMessage() + ")",
          e);
    }
  }

  private static List<String> header(String name, List<String> cells) {
    List<String> header = new ArrayList<>();
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      // Spaces around a name ("id, text") are for the eye, not part of the name.
      String cell = cells.get(i).strip();
      if (cell.isEmpty()) {
        throw new BatchException(
            name + ": column " + (i + 1) + " of the header has no name: name every column");
      }
      Integer before = columns.putIfAbsent(cell, i);
      if (before != null) {
        throw new BatchException(
            name
                + ": columns "
                + (before + 1)
                + " and "
                + (i + 1)
                + " of the header are both named '"
                + cell
                + "': give each column its own name");
      }
      header.add(cell);
    }
    return List.copyOf(header);
  }

  /** The index of the column {@code wanted} that {@code option} names, or -1 for none. */
  private static int column(String name, List<String> header, String wanted, String option) {
    if (wanted == null) {
      return -1;
    }
    int index = header.indexOf(wanted);
    if (index < 0) {
      throw new BatchException(
          name
              + " has no column '"
              + wanted
              + "' for "
              + option
              + ": its columns are "
              + String.join(", ", header));
    }
    return index;
  }
}
