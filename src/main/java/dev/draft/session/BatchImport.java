package dev.draft.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.draft.batch.BatchException;
import dev.draft.batch.BatchItem;
import dev.draft.batch.BatchResult;
import dev.draft.batch.BatchSink;
import dev.draft.batch.BatchSource;
import dev.draft.batch.EngineResult;
import dev.draft.batch.EngineResults;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code draft batch import RESULTS --in SOURCE --out DEST}: a batch engine's output (the OpenAI
 * Batch API's, vLLM's {@code run-batch}) mapped back onto the items it was made from, by {@code
 * custom_id}, and written to the destination with the same resume rules as a batch run: items
 * complete there are left alone, failed ones are replaced.
 *
 * <p>Memory stays small for any size: the results file is indexed first (16 bytes per line: a hash
 * of its {@code custom_id} and where the line starts), then the source is read as a stream and each
 * item's line read from its place.
 */
public final class BatchImport {
  /**
   * How the import went.
   *
   * @param missing items of the source with no line in the results
   * @param unknown lines of the results whose {@code custom_id} is no item of the source
   */
  public record Imported(
      long complete, long failed, long skipped, long missing, long unknown, Usage usage) {}

  private final BatchRun.Select select;
  private final boolean keepAll;

  /**
   * @param select which candidate of a result with several is written ({@code judge} cannot be: it
   *     needs the endpoint)
   */
  public BatchImport(BatchRun.Select select, boolean keepAll) {
    if (select == BatchRun.Select.JUDGE) {
      throw new UsageException(
          "draft batch import sends nothing, so it cannot ask a judge: use --select first,"
              + " longest or shortest");
    }
    this.select = select;
    this.keepAll = keepAll;
  }

  /**
   * Maps every line of {@code results} to its item of {@code source} and writes it to {@code sink}.
   */
  public Imported run(Path results, BatchSource source, BatchSink sink) throws IOException {
    if (!Files.isRegularFile(results)) {
      throw new BatchException("no results file at " + results);
    }
    Index index = Index.of(results);
    long complete = 0;
    long failed = 0;
    long skipped = 0;
    long missing = 0;
    long found = 0;
    Usage usage = Usage.NONE;
    try (RandomAccessFile file = new RandomAccessFile(results.toFile(), "r")) {
      BatchItem item;
      while ((item = source.next()) != null) {
        int at = index.find(item.id());
        if (at < 0) {
          if (sink.done(item.id())) {
            skipped++;
          } else {
            missing++;
          }
          continue;
        }
        found++;
        if (sink.done(item.id())) {
          skipped++;
          continue;
        }
        EngineResult line = EngineResults.parse(index.line(file, at), index.lineNumber(at));
        BatchResult result = result(item, line);
        sink.write(result);
        usage = usage.plus(result.usage());
        if (result.complete()) {
          complete++;
        } else {
          failed++;
        }
      }
    }
    return new Imported(complete, failed, skipped, missing, index.size() - found, usage);
  }

  private BatchResult result(BatchItem item, EngineResult line) {
    Usage usage = line.usage() == null ? Usage.NONE : line.usage();
    if (!item.runnable()) {
      return BatchResult.failed(item, item.problem(), usage);
    }
    if (line.error() != null) {
      return BatchResult.failed(item, item.where() + ": " + line.error(), usage);
    }
    List<Draft> whole =
        line.drafts().stream()
            .filter(d -> d.status() == Status.COMPLETE && !d.text().isBlank())
            .toList();
    if (whole.isEmpty()) {
      return BatchResult.failed(
          item,
          item.where()
              + ": "
              + (line.drafts().isEmpty()
                  ? "the result has no answer"
                  : "no answer came back whole (" + line.drafts().get(0).status().label() + ")"),
          usage);
    }
    Draft chosen =
        switch (select) {
          case LONGEST -> whole.stream().max(Comparator.comparingInt(d -> d.text().length())).get();
          case SHORTEST ->
              whole.stream().min(Comparator.comparingInt(d -> d.text().length())).get();
          default -> whole.get(0);
        };
    return new BatchResult(
        item, chosen, keepAll ? line.drafts() : List.of(), BatchResult.COMPLETE, null, usage);
  }

  /** Where each line of a results file starts, by a 64-bit hash of its {@code custom_id}. */
  private static final class Index {
    private final long[] hashes;
    private final long[] offsets;
    private final long[] lines;

    private Index(long[] hashes, long[] offsets, long[] lines) {
      this.hashes = hashes;
      this.offsets = offsets;
      this.lines = lines;
    }

    static Index of(Path results) throws IOException {
      long[] hashes = new long[1024];
      long[] offsets = new long[1024];
      long[] lineNumbers = new long[1024];
      int size = 0;
      JsonFactory json = new JsonFactory();
      try (InputStream in = new BufferedInputStream(Files.newInputStream(results), 1 << 16)) {
        long offset = 0;
        long lineNumber = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
          line.reset();
          long start = offset;
          int b;
          while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
            offset++;
          }
          if (b == '\n') {
            offset++;
          }
          if (b == -1 && line.size() == 0) {
            break;
          }
          lineNumber++;
          String id = customId(json, line.toByteArray());
          if (id != null) {
            if (size == hashes.length) {
              hashes = Arrays.copyOf(hashes, size * 2);
              offsets = Arrays.copyOf(offsets, size * 2);
              lineNumbers = Arrays.copyOf(lineNumbers, size * 2);
            }
            hashes[size] = hash(id);
            offsets[size] = start;
            lineNumbers[size] = lineNumber;
            size++;
          }
          if (b == -1) {
            break;
          }
        }
      }
      // Sorted by hash, the offsets and line numbers along with them.
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      long[] h = hashes;
      Arrays.sort(order, Comparator.comparingLong(i -> h[i]));
      long[] sortedHashes = new long[size];
      long[] sortedOffsets = new long[size];
      long[] sortedLines = new long[size];
      for (int i = 0; i < size; i++) {
        sortedHashes[i] = hashes[order[i]];
        sortedOffsets[i] = offsets[order[i]];
        sortedLines[i] = lineNumbers[order[i]];
      }
      return new Index(sortedHashes, sortedOffsets, sortedLines);
    }

    /** The top-level {@code custom_id} of a line, or null when it has none or is not JSON. */
    private static String customId(JsonFactory json, byte[] line) {
      try (JsonParser parser = json.createParser(line)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("custom_id".equals(field) && value == JsonToken.VALUE_STRING) {
            return parser.getText();
          }
          parser.skipChildren();
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    }

    int size() {
      return hashes.length;
    }

    /** The index of the line with {@code id}'s hash, or -1. */
    int find(String id) {
      int at = Arrays.binarySearch(hashes, hash(id));
      return at < 0 ? -1 : at;
    }

    long lineNumber(int at) {
      return lines[at];
    }

    String line(RandomAccessFile file, int at) throws IOException {
      file.seek(offsets[at]);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      outer:
      while ((read = file.read(buffer)) != -1) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            line.write(buffer, 0, i);
            break outer;
          }
        }
        line.write(buffer, 0, read);
      }
      return line.toString(StandardCharsets.UTF_8);
    }

    private static long hash(String id) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
          value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }
}
