package dev.draft.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Outcome;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the output (or error) file of a batch engine, the OpenAI Batch API's format that vLLM's
 * {@code run-batch} writes too, as a stream: one {@link EngineResult} per line, in the file's
 * order. A line is
 *
 * <pre>{@code
 * {"id": "batch_req_1", "custom_id": "12-3fa9c2d1",
 *  "response": {"status_code": 200, "request_id": "req_1",
 *               "body": {"choices": [{"index": 0, "message": {"content": "..."},
 *                                     "finish_reason": "stop"}],
 *                        "usage": {"prompt_tokens": 30, "completion_tokens": 200}}},
 *  "error": null}
 * }</pre>
 *
 * or a failure: an {@code error} object ({@code {"code": "batch_expired", "message": "..."}}), or a
 * {@code status_code} other than 2xx with an error body. Choice {@code i} becomes draft {@code
 * i+1}, its status from its finish reason as for any answer; the body's usage is the result's. Not
 * thread-safe.
 */
public final class EngineResults implements Closeable {
  private final BufferedReader reader;
  private long line;

  /** Reads {@code reader}, which this closes. */
  public EngineResults(BufferedReader reader) {
    this.reader = reader;
  }

  /** Reads the file {@code file}. */
  public static EngineResults open(Path file) throws IOException {
    return new EngineResults(Files.newBufferedReader(file, StandardCharsets.UTF_8));
  }

  /**
   * The next line's result, or null after the last; blank lines are skipped. A line that is not a
   * batch result comes back with an error ({@code line 7: not a batch result}) and no custom id.
   */
  public EngineResult next() throws IOException {
    String text;
    do {
      text = reader.readLine();
      if (text == null) {
        return null;
      }
      line++;
    } while (text.isBlank());
    return parse(text, line);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /**
   * One line of an engine's output, the {@code line}-th of its file: what {@link #next()} returns
   * for it.
   */
  public static EngineResult parse(String text, long line) {
    JsonNode node;
    try {
      node = ResultJson.LINE_READER.readTree(text);
    } catch (IOException e) {
      node = null;
    }
    String customId = ResultJson.text(node, "custom_id");
    if (node == null || !node.isObject() || customId == null) {
      return failure(null, "line " + line + ": not a batch result", Usage.NONE, line);
    }
    JsonNode error = node.get("error");
    if (error != null && !error.isNull()) {
      return failure(customId, message(error, "the batch engine failed it"), Usage.NONE, line);
    }
    JsonNode response = node.get("response");
    if (response == null || !response.isObject()) {
      return failure(customId, "the batch engine returned no response for it", Usage.NONE, line);
    }
    JsonNode body = response.get("body");
    if ((body == null || body.isNull()) && response.has("choices")) {
      body = response; // Some engines put the completion itself under "response".
    }
    Usage usage = usage(body);
    int status = response.path("status_code").asInt(200);
    if (status < 200 || status > 299) {
      String said = body == null ? null : bodyMessage(body);
      return failure(customId, "HTTP " + status + (said == null ? "" : ": " + said), usage, line);
    }
    JsonNode choices = body == null ? null : body.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      return failure(customId, "the batch engine's answer holds no choices", usage, line);
    }
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      JsonNode choice = choices.get(i);
      int index = choice.path("index").isInt() ? choice.get("index").asInt() : i;
      drafts.add(draft(index + 1, choice));
    }
    drafts.sort(Comparator.comparingInt(Draft::index));
    return new EngineResult(customId, drafts, usage, null, line);
  }

  /** One choice as a draft, the way an answer's choices become drafts everywhere else. */
  private static Draft draft(int index, JsonNode choice) {
    JsonNode message = choice.path("message");
    String reasoning = ResultJson.text(message, "reasoning_content");
    if (reasoning == null) {
      reasoning = ResultJson.text(message, "reasoning");
    }
    String finishReason = ResultJson.text(choice, "finish_reason");
    Outcome outcome = Outcome.fromFinishReason(finishReason);
    String error =
        switch (outcome) {
          case FAILED -> "the server ended this draft with finish reason '" + finishReason + "'";
          case INTERRUPTED -> "the batch engine's answer has no finish reason";
          default -> null;
        };
    return new Draft(
        index,
        content(message.get("content")),
        reasoning,
        Status.of(outcome),
        finishReason,
        error,
        Usage.NONE);
  }

  /** The message's text: a string, or the text parts of an array of content parts. */
  private static String content(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      content.forEach(part -> text.append(part.path("text").asText("")));
      return text.toString();
    }
    return content.asText();
  }

  private static Usage usage(JsonNode body) {
    JsonNode usage = body == null ? null : body.get("usage");
    if (usage == null || !usage.isObject()) {
      return Usage.NONE;
    }
    return new Usage(
        usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
  }

  /**
   * What an error body says: {@code {"error": {"message": ...}}}, {@code {"error": "..."}}, vLLM's
   * flat {@code {"object": "error", "message": ...}} or FastAPI's {@code {"detail": ...}}.
   */
  private static String bodyMessage(JsonNode body) {
    if (body.isTextual()) {
      return oneLine(body.asText());
    }
    JsonNode error = body.get("error");
    if (error != null && !error.isNull()) {
      return message(error, null);
    }
    String message = ResultJson.text(body, "message");
    if (message != null) {
      return oneLine(message);
    }
    JsonNode detail = body.get("detail");
    if (detail != null && !detail.isNull()) {
      return oneLine(detail.isTextual() ? detail.asText() : detail.toString());
    }
    return null;
  }

  /** The message of an error: a string, or an object's {@code message}, else its {@code code}. */
  private static String message(JsonNode error, String otherwise) {
    if (error.isTextual()) {
      return oneLine(error.asText());
    }
    String message = ResultJson.text(error, "message");
    if (message == null) {
      message = error.path("code").isValueNode() ? error.path("code").asText(null) : null;
    }
    return message == null || message.isBlank() ? otherwise : oneLine(message);
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static EngineResult failure(String customId, String error, Usage usage, long line) {
    return new EngineResult(customId, List.of(), usage, error, line);
  }
}
