package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * What one chunk of a chat completion says, as far as {@link ChoiceAccumulator} reads it, whether
 * it came from a JSON tree ({@link #fromTree}) or straight from the tokens ({@link ChunkReader}).
 * Values are kept as the chunk had them; the accumulator decides what counts (an empty content,
 * zero tokens).
 *
 * @param choices the elements of {@code choices}, in order; empty when it was missing, not an array
 *     or empty, which makes the chunk's usage a usage of its own
 * @param usage the chunk's top-level {@code usage}; {@link Usage#NONE} when it is not an object
 */
record StreamChunk(List<ChoiceDelta> choices, Usage usage) {

  /**
   * One element of {@code choices}.
   *
   * @param index {@code index}, 0 when missing or null (and for an element that is not an object)
   * @param delta {@code delta} when the choice has that field (even when null), else {@code
   *     message}; null when the one chosen is not an object
   * @param finishReason {@code finish_reason} as text, or null
   * @param usage the choice's own {@code usage}; {@link Usage#NONE} when it is not an object
   */
  record ChoiceDelta(int index, Delta delta, String finishReason, Usage usage) {
    /** What an element of {@code choices} that is not an object means. */
    static final ChoiceDelta NOT_AN_OBJECT = new ChoiceDelta(0, null, null, Usage.NONE);
  }

  /**
   * The text fields of a {@code delta} or {@code message}, each as text or null (see {@link
   * Json#text}).
   */
  record Delta(String content, String reasoningContent, String reasoning) {}

  /** Reads a chunk parsed as a tree, the way every chunk was read before {@link ChunkReader}. */
  static StreamChunk fromTree(JsonNode chunk) {
    Usage usage = usage(chunk.get("usage"));
    JsonNode list = chunk.get("choices");
    if (list == null || !list.isArray() || list.isEmpty()) {
      return new StreamChunk(List.of(), usage);
    }
    List<ChoiceDelta> choices = new ArrayList<>(list.size());
    for (JsonNode choice : list) {
      JsonNode delta = choice.has("delta") ? choice.get("delta") : choice.get("message");
      choices.add(
          new ChoiceDelta(
              choice.path("index").asInt(0),
              delta(delta),
              Json.text(choice, "finish_reason"),
              usage(choice.get("usage"))));
    }
    return new StreamChunk(choices, usage);
  }

  private static Delta delta(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return new Delta(
        Json.text(node, "content"),
        Json.text(node, "reasoning_content"),
        Json.text(node, "reasoning"));
  }

  private static Usage usage(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Usage.NONE;
    }
    return new Usage(Json.number(node, "prompt_tokens"), Json.number(node, "completion_tokens"));
  }
}
