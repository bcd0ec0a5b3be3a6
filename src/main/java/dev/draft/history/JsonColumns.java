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
import java.util.function.Supplier;

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
    return messages(messages, null);
  }

  /**
   * The messages as JSON, with every occurrence of {@code apartInput} (an input stored apart, in
   * {@code inputs}) cut out of their contents: such a message gets {@code "input_at": [K, ...]},
   * the places in its {@code content}, in code points, where the input goes back, ascending. So the
   * input is stored once, and the search index sees only the words around it.
   *
   * @param apartInput the input stored apart, or null to store the contents whole
   */
  static String messages(List<ChatMessage> messages, String apartInput) {
    ArrayNode array = MAPPER.createArrayNode();
    for (ChatMessage message : messages) {
      ObjectNode node = array.addObject().put("role", message.role());
      String content = message.content();
      int found = apartInput == null || content == null ? -1 : content.indexOf(apartInput);
      if (found < 0) {
        node.put("content", content);
        continue;
      }
      StringBuilder rest = new StringBuilder();
      ArrayNode at = MAPPER.createArrayNode();
      int from = 0;
      while (found >= 0) {
        rest.append(content, from, found);
        at.add(rest.codePointCount(0, rest.length()));
        from = found + apartInput.length();
        found = content.indexOf(apartInput, from);
      }
      rest.append(content, from, content.length());
      node.put("content", rest.toString());
      node.set("input_at", at);
    }
    return write(array);
  }

  static List<ChatMessage> messages(String json) {
    return messages(json, () -> null);
  }

  /**
   * The messages read back, with the input put back where {@code input_at} says ({@link
   * #messages(List, String)}).
   *
   * @param apartInput gives the input stored apart; asked only when a message refers to it
   * @throws HistoryException when a message refers to an input that is not in the file
   */
  static List<ChatMessage> messages(String json, Supplier<String> apartInput) {
    List<ChatMessage> messages = new ArrayList<>();
    String input = null;
    for (JsonNode node : read(json, "messages")) {
      String content = node.path("content").asText("");
      JsonNode at = node.path("input_at");
      if (at.isArray() && !at.isEmpty()) {
        if (input == null) {
          input = apartInput.get();
          if (input == null) {
            throw new HistoryException(
                "the history database lacks the input a run's messages refer to (table inputs)");
          }
        }
        content = withInput(content, at, input);
      }
      messages.add(new ChatMessage(node.path("role").asText(""), content));
    }
    return messages;
  }

  private static String withInput(String rest, JsonNode at, String input) {
    // Sized once, so the input is copied into it once and not again as the builder grows.
    long size = rest.length() + (long) at.size() * input.length();
    StringBuilder whole = new StringBuilder((int) Math.min(size, Integer.MAX_VALUE - 8));
    int codePoints = rest.codePointCount(0, rest.length());
    int from = 0;
    int fromCodePoint = 0;
    for (JsonNode place : at) {
      int codePoint = Math.max(fromCodePoint, Math.min(place.asInt(), codePoints));
      int index = rest.offsetByCodePoints(from, codePoint - fromCodePoint);
      whole.append(rest, from, index).append(input);
      from = index;
      fromCodePoint = codePoint;
    }
    return whole.append(rest, from, rest.length()).toString();
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
