package dev.draft.cli;

import dev.draft.batch.BatchSources;
import dev.draft.session.BatchRun;
import picocli.CommandLine.Option;

/**
 * How a batch's items are read from the source and written to the destination: the same for {@code
 * draft batch} and {@code draft batch import}.
 */
public final class BatchItemOptions {
  @Option(
      names = "--input-field",
      paramLabel = "FIELD",
      description = "The JSONL field that is each item's {{input}} (default: input, else text).")
  String inputField;

  @Option(
      names = "--input-column",
      paramLabel = "COLUMN",
      description = "The CSV column that is each item's {{input}} (default: input, else text).")
  String inputColumn;

  @Option(
      names = "--id-field",
      paramLabel = "FIELD",
      description =
          "The field or column that names each item (default: id, else the file's path, else the"
              + " line number and a hash of the line).")
  String idField;

  @Option(
      names = "--select",
      paramLabel = "HOW",
      converter = BatchCommand.SelectConverter.class,
      description =
          "With several candidates: which is written: first (default), longest, shortest or judge"
              + " (the model ranks them; not for import).")
  BatchRun.Select select = BatchRun.Select.FIRST;

  @Option(
      names = "--keep-all",
      description = "With several candidates: write every one too, not only the selected one.")
  boolean keepAll;

  @Option(
      names = "--out-name",
      paramLabel = "PATTERN",
      description =
          "For a directory DEST: each file's name, from {{id}}, {{name}}, {{ext}}, {{path}} and"
              + " the item's fields (default: {{path}}, the input file's own path, else"
              + " {{id}}.md).")
  String outName;

  BatchSources.Options sourceOptions() {
    return new BatchSources.Options(inputField, inputColumn, idField);
  }
}
