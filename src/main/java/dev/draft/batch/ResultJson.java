package dev.draft.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import java.io.UncheckedIOException;

/**
 * The JSON of the batch files: a draft with the same fields, in the same order, as {@code --format
 * json} prints it, and one line of JSON that never holds a raw line break.
 */
final class ResultJson {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** Reads one line as one value: {@code {"a":1} x} is not JSON, whatever follows the object. */
  static final ObjectReader LINE_READER =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ResultJson() {}

  /** A draft as {@code --format json} prints it. */
  static ObjectNode draft(Draft d) {
    ObjectNode node = MAPPER.createObjectNode();
    putDraft(node, d, "status");
    node.set("usage", usage(d.usage()));
    return node;
  }

  /**
   * Puts the fields of {@code d} but its usage into {@code node}, its status under {@code
   * statusName}; with {@code d} null, the same fields, all null.
   */
  static void putDraft(ObjectNode node, Draft d, String statusName) {
    if (d == null) {
      node.putNull("index");
      node.putNull("text");
      node.putNull(statusName);
      node.putNull("finish_reason");
      node.putNull("reasoning");
      node.putNull("error");
      return;
    }
    node.put("index", d.index());
    node.put("text", d.text());
    node.put(statusName, d.status().label());
    node.put("finish_reason", d.finishReason());
    node.put("reasoning", d.reasoning());
    node.put("error", d.error());
  }

  static ObjectNode usage(Usage u) {
    Usage usage = u == null ? Usage.NONE : u;
    ObjectNode node = MAPPER.createObjectNode();
    node.put("prompt_tokens", usage.promptTokens());
    node.put("completion_tokens", usage.completionTokens());
    return node;
  }

  /** One line of JSON: Jackson escapes every control character inside strings. */
  static String line(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of field {@code name} when it is a string, else null. */
  static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
