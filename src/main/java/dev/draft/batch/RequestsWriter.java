package dev.draft.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.text.Moves;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the input file of a batch engine, the OpenAI Batch API's format that vLLM's {@code
 * run-batch} reads too: one request per line,
 *
 * <pre>{@code
 * {"custom_id": "12-3fa9c2d1", "method": "POST", "url": "/v1/chat/completions",
 *  "body": {"model": "...", "messages": [...], ...}}
 * }</pre>
 *
 * <p>The {@code custom_id} is the item's id, which brings each answer of the engine's output back
 * to its item ({@link EngineResults}). Lines stream to a temporary file beside {@code file}, which
 * becomes {@code file} on {@link #close()}: a half-written requests file is never left to upload.
 * Not thread-safe.
 */
public final class RequestsWriter implements Closeable {
  /** The endpoint every request goes to. */
  public static final String URL = "/v1/chat/completions";

  private final Path file;
  private final Path tmp;
  private final FileChannel channel;
  private final BufferedWriter out;
  private final IdHashes ids = new IdHashes();
  private long count;
  private boolean closed;

  /**
   * Starts the file {@code file}, creating its parent directories; nothing is at {@code file} until
   * {@link #close()}.
   */
  public RequestsWriter(Path file) throws IOException {
    this.file = file;
    this.tmp = WholeFiles.tempBeside(file);
    try {
      this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
            1 << 16);
  }

  /**
   * Adds the request of one item.
   *
   * @param customId the item's id, unique in the file
   * @param bodyJson the chat-completion request body, a JSON object (on one line or not)
   * @throws IllegalArgumentException when {@code customId} was added already, or {@code bodyJson}
   *     is not a JSON object
   */
  public void add(String customId, String bodyJson) throws IOException {
    if (closed) {
      throw new IllegalStateException("the requests file " + file + " is closed already");
    }
    JsonNode body;
    try {
      body = ResultJson.LINE_READER.readTree(bodyJson);
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException(
          "the request body of item " + customId + " is not a JSON object");
    }
    if (!ids.add(IdHashes.of(customId))) {
      throw new IllegalArgumentException(
          "item " + customId + " is in the requests file twice; a custom_id must be unique");
    }
    ObjectNode line = ResultJson.MAPPER.createObjectNode();
    line.put("custom_id", customId);
    line.put("method", "POST");
    line.put("url", URL);
    line.set("body", body);
    out.write(ResultJson.line(line));
    out.write('\n');
    count++;
  }

  /** How many requests were added. */
  public long count() {
    return count;
  }

  /** Gives the file up: the temporary file goes, {@code file} is left as it was. */
  public void discard() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Finishes the file: every request is on the disk, at {@code file}. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.flush();
      channel.force(false);
      out.close();
      Moves.replace(tmp, file);
    } catch (IOException | RuntimeException e) {
      out.close();
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
