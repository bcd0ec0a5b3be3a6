package dev.draft.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON columns ({@code variables}, {@code messages}, {@code params}) written with fixed,
 * documented key names so that {@code json_extract} queries keep working across versions.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonColumns() {}

  static String variables(Map<String, String> variables) {
    return write(MAPPER.valueToTree(variables));
  }

  static Map<String, String> variables(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw unreadable("variables", e);
    }
  }

  static String messages(List<ChatMessage> messages) {
    ArrayNode array = MAPPER.createArrayNode();
    for (ChatMessage message : messages) {
      array.addObject().put("role", message.role()).put("content", message.content());
    }
    return write(array);
  }

  static List<ChatMessage> messages(String json) {
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode node : read(json, "messages")) {
      messages.add(new ChatMessage(node.path("role").asText(""), node.path("content").asText("")));
    }
    return messages;
  }

  static String params(RunParams params) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("n", params.n());
    node.put("temperature", params.temperature());
    node.put("max_tokens", params.maxTokens());
    node.put("seed", params.seed());
    node.put("vary", params.vary());
    return write(node);
  }

  static RunParams params(String json, int n) {
    JsonNode node = read(json, "params");
    return new RunParams(
        node.path("n").asInt(n),
        node.hasNonNull("temperature") ? node.get("temperature").asDouble() : null,
        node.hasNonNull("max_tokens") ? node.get("max_tokens").asInt() : null,
        node.hasNonNull("seed") ? node.get("seed").asLong() : null,
        node.hasNonNull("vary") ? node.get("vary").asText() : null);
  }

  /** The string {@code text} of an event payload, if it has one. */
  static Optional<String> text(String payload) {
    JsonNode text = read(payload, "event payload").path("text");
    return text.isTextual() ? Optional.of(text.asText()) : Optional.empty();
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not one JSON document
   */
  static void requireJson(String json) {
    try {
      MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "an event payload must be JSON: " + e.getOriginalMessage());
    }
  }

  private static JsonNode read(String json, String column) {
    if (json == null) {
      return MAPPER.missingNode();
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw unreadable(column, e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree of plain values always serializes.
      throw new IllegalStateException(e);
    }
  }

  private static HistoryException unreadable(String column, JsonProcessingException e) {
    return new HistoryException(
        "unreadable " + column + " JSON in the history database: " + e.getOriginalMessage(), e);
  }
}
