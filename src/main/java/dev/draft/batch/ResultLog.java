package dev.draft.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.text.Moves;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * An append-only JSONL file of item results, one object per line with at least {@code "id"} and
 * {@code "status"}: the JSONL destination itself, or a directory destination's manifest. It is what
 * makes a batch resumable.
 *
 * <p>Opening reads the file as a stream and keeps only the lines of items that need not run again:
 * a whole line (ending in a newline) holding a JSON object whose status is {@code complete}, the
 * first such line for its id, and that {@code stillDone} accepts. Everything else is dropped: the
 * last line a kill -9 cut short, a line that is not JSON, failed items (they run again), a second
 * line for an id. When anything but the cut last line is dropped, the file is rewritten without it
 * (temporary file beside it, then a rename) before anything new is written, so an id is never in
 * the file twice; a cut last line alone is just truncated away.
 *
 * <p>The ids kept take 8 bytes each (a sorted array of 64-bit hashes); the ids recorded by this run
 * 16 to 32 bytes each. Appends are serialised and whole, and forced to the disk within a second.
 */
final class ResultLog implements Closeable {
  private final Path file;
  private final long[] done;
  private final IdHashes recorded = new IdHashes();
  private final FileChannel channel;
  private final Object lock = new Object();

  /** How long a written line may wait before it is forced to the disk. */
  static final long FORCE_EVERY_MS = 1_000;

  private long lastForce = System.nanoTime();

  private ResultLog(Path file, long[] done, FileChannel channel) {
    this.file = file;
    this.done = done;
    this.channel = channel;
  }

  /**
   * Opens {@code file}, creating it when missing.
   *
   * @param redo start from an empty file, forgetting every earlier result
   * @param stillDone whether a complete line's result is still there (its file exists, say); it may
   *     note what the line holds, and is called once per line kept
   */
  static ResultLog open(Path file, boolean redo, Predicate<JsonNode> stillDone) throws IOException {
    requireResults(file);
    long[] done;
    if (redo) {
      Files.newByteChannel(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)
          .close();
      done = new long[0];
    } else {
      done = Files.exists(file) ? new Scan(file, stillDone).run() : new long[0];
    }
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new ResultLog(file, done, channel);
  }

  boolean done(String id) {
    return Arrays.binarySearch(done, IdHashes.of(id)) >= 0;
  }

  long doneCount() {
    return done.length;
  }

  /**
   * Notes that this run records {@code id}, before anything is written for it.
   *
   * @throws IllegalStateException when the item was complete when the file was opened, or this run
   *     recorded it already: the runner must write each item once and skip those done
   */
  void claim(String id) {
    long hash = IdHashes.of(id);
    synchronized (lock) {
      if (Arrays.binarySearch(done, hash) >= 0) {
        throw new IllegalStateException(
            "item " + id + " is complete in " + file + " already; a resumed batch skips it");
      }
      if (!recorded.add(hash)) {
        throw new IllegalStateException("item " + id + " was recorded twice in one batch run");
      }
    }
  }

  /**
   * Appends {@code json} (one line of JSON, without its newline) and its newline in one write
   * before returning: once written, the line survives the process being killed (the kernel holds
   * it). It is forced to the disk at most {@value #FORCE_EVERY_MS} ms later, by the next append or
   * the close: forcing every line made a fast batch wait on the disk for each item (a batch of
   * 200,000 spent 84 s in the kernel), while a crash of the whole machine loses at most the last
   * second.
   */
  void append(String json) throws IOException {
    byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (lock) {
      WholeFiles.writeFully(channel, ByteBuffer.wrap(bytes));
      long now = System.nanoTime();
      if (now - lastForce >= FORCE_EVERY_MS * 1_000_000L) {
        channel.force(false);
        lastForce = now;
      }
    }
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      try {
        channel.force(false);
      } finally {
        channel.close();
      }
    }
  }

  /** One pass over an existing file: which ids are done, and the file without the lines dropped. */
  /**
   * Refuses a file that holds something other than results (a source given as --out, say): its
   * lines would be dropped as not results. A file whose first whole line is a result, or that has
   * no whole line yet (the first write was cut), is one.
   */
  private static void requireResults(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return;
    }
    String first;
    try (java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      first = reader.readLine();
      if (first != null && reader.read() < 0 && !endsWithNewline(file)) {
        return; // only a cut first line
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      first = null;
    }
    JsonNode node;
    try {
      node = first == null ? null : ResultJson.LINE_READER.readTree(first);
    } catch (IOException e) {
      node = null;
    }
    if (node == null
        || !node.isObject()
        || ResultJson.text(node, "id") == null
        || ResultJson.text(node, "status") == null) {
      throw new BatchException(
          file
              + " holds something other than draft batch results (its first line is not one):"
              + " give --out a new file, or move that one aside");
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, channel.size() - 1);
      return last.get(0) == '\n';
    }
  }

  private static final class Scan {
    private final Path file;
    private final Predicate<JsonNode> stillDone;
    private final IdHashes kept = new IdHashes();
    private Path tmp;
    private FileChannelStream rewrite;
    private long cutAt = -1;

    Scan(Path file, Predicate<JsonNode> stillDone) {
      this.file = file;
      this.stillDone = stillDone;
    }

    long[] run() throws IOException {
      try {
        readLines();
        if (rewrite != null) {
          rewrite.force();
          rewrite.close();
          rewrite = null;
          Moves.replace(tmp, file);
          tmp = null;
        } else if (cutAt >= 0) {
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(cutAt);
            channel.force(false);
          }
        }
      } finally {
        if (rewrite != null) {
          rewrite.close();
        }
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      }
      return kept.toSortedArray();
    }

    private void readLines() throws IOException {
      byte[] buffer = new byte[1 << 16];
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long chunkStart = 0;
      long lineStart = 0;
      try (InputStream in = Files.newInputStream(file)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          int from = 0;
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              line.write(buffer, from, i - from);
              line(line.toByteArray(), lineStart, true);
              line.reset();
              from = i + 1;
              lineStart = chunkStart + from;
            }
          }
          line.write(buffer, from, n - from);
          chunkStart += n;
        }
      }
      if (line.size() > 0) {
        line(line.toByteArray(), lineStart, false);
      }
    }

    private void line(byte[] bytes, long start, boolean whole) throws IOException {
      if (whole && keeps(bytes)) {
        if (rewrite != null) {
          rewrite.write(bytes);
          rewrite.write('\n');
        }
        return;
      }
      if (rewrite != null) {
        return;
      }
      if (whole) {
        startRewrite(start);
      } else {
        cutAt = start;
      }
    }

    private boolean keeps(byte[] bytes) {
      JsonNode node;
      try {
        node = ResultJson.LINE_READER.readTree(bytes);
      } catch (IOException e) {
        return false;
      }
      if (node == null || !node.isObject()) {
        return false;
      }
      String id = ResultJson.text(node, "id");
      if (id == null || !BatchResult.COMPLETE.equals(ResultJson.text(node, "status"))) {
        return false;
      }
      long hash = IdHashes.of(id);
      if (kept.contains(hash) || !stillDone.test(node)) {
        return false;
      }
      kept.add(hash);
      return true;
    }

    /** Starts the copy without the dropped lines: every line before {@code prefix} is kept. */
    private void startRewrite(long prefix) throws IOException {
      tmp = WholeFiles.tempBeside(file);
      FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE);
      rewrite = new FileChannelStream(out);
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
        long copied = 0;
        while (copied < prefix) {
          copied += in.transferTo(copied, prefix - copied, out);
        }
      }
    }
  }

  /** A buffered stream over a channel that can force what it wrote to the disk. */
  private static final class FileChannelStream extends BufferedOutputStream {
    private final FileChannel channel;

    FileChannelStream(FileChannel channel) {
      super(Channels.newOutputStream(channel), 1 << 16);
      this.channel = channel;
    }

    void force() throws IOException {
      flush();
      channel.force(false);
    }
  }
}
