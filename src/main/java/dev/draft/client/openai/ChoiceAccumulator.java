package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Choice;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds candidates from streamed chunks, keyed by {@code choices[].index} and never by position:
 * servers interleave indices, put several choices in one chunk, send {@code choices: []} chunks for
 * usage or filter annotations, and put usage in the finish chunk, in a final chunk, or on every
 * chunk. Not thread-safe: one accumulator serves one response.
 */
final class ChoiceAccumulator {
  private final StreamListener listener;
  private final Map<Integer, Builder> choices = new TreeMap<>();
  private Usage usage = Usage.NONE;
  private String streamError;
  private boolean sawContent;

  ChoiceAccumulator(StreamListener listener) {
    this.listener = listener;
  }

  private static final class Builder {
    final StringBuilder text = new StringBuilder();
    StringBuilder reasoning;
    String finishReason;
    String error;
  }

  /** Takes one parsed chunk of a stream. */
  void acceptChunk(JsonNode chunk) {
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      acceptError(ServerError.oneLine(ServerError.fromObject(chunk).message()));
      return;
    }
    readUsage(chunk.get("usage"));
    JsonNode list = chunk.get("choices");
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode choice : list) {
      int index = choice.path("index").asInt(0);
      Builder builder = choices.computeIfAbsent(index, i -> new Builder());
      JsonNode delta = choice.has("delta") ? choice.get("delta") : choice.get("message");
      append(index, builder, delta);
      String finish = Json.text(choice, "finish_reason");
      if (finish != null && !finish.isEmpty()) {
        boolean first = builder.finishReason == null;
        builder.finishReason = finish;
        if (first) {
          listener.onFinishReason(index, finish);
        }
      }
      readUsage(choice.get("usage"));
    }
  }

  /** Takes a whole non-streamed response body. */
  void acceptResponse(JsonNode response) {
    acceptChunk(response);
  }

  /** An error event in the stream fails every candidate that has not finished yet. */
  void acceptError(String message) {
    streamError = message;
  }

  private void append(int index, Builder builder, JsonNode delta) {
    if (delta == null || !delta.isObject()) {
      return;
    }
    String content = Json.text(delta, "content");
    if (content != null && !content.isEmpty()) {
      builder.text.append(content);
      sawContent = true;
      listener.onText(index, content);
    }
    String reasoning = Json.text(delta, "reasoning_content");
    if (reasoning == null) {
      reasoning = Json.text(delta, "reasoning");
    }
    if (reasoning != null && !reasoning.isEmpty()) {
      if (builder.reasoning == null) {
        builder.reasoning = new StringBuilder();
      }
      builder.reasoning.append(reasoning);
      sawContent = true;
      listener.onReasoning(index, reasoning);
    }
  }

  private void readUsage(JsonNode node) {
    if (node == null || !node.isObject()) {
      return;
    }
    long prompt = Json.number(node, "prompt_tokens");
    long completion = Json.number(node, "completion_tokens");
    if (prompt > 0 || completion > 0) {
      // Servers that send usage on every chunk send running totals: the last one wins.
      usage = new Usage(prompt, completion);
    }
  }

  /**
   * Whether neither text, reasoning nor an error has arrived: nothing the user has seen, so the
   * request may still be retried.
   */
  boolean nothingShown() {
    return !sawContent && streamError == null;
  }

  boolean isEmpty() {
    return choices.isEmpty() && streamError == null;
  }

  Usage usage() {
    return usage;
  }

  /**
   * The candidates so far. {@code endedEarly} describes why the stream stopped when it stopped
   * before a finish reason (null for a clean end): those candidates are interrupted, never
   * complete. With a stream error and no candidates, every one of the {@code requested} fails with
   * it.
   */
  List<Choice> choices(int requested, String endedEarly) {
    if (choices.isEmpty() && streamError != null) {
      for (int i = 0; i < requested; i++) {
        choices.put(i, new Builder());
      }
    }
    List<Choice> out = new ArrayList<>();
    for (Map.Entry<Integer, Builder> entry : choices.entrySet()) {
      Builder b = entry.getValue();
      String reasoning = b.reasoning == null ? null : b.reasoning.toString();
      Outcome outcome;
      String error = null;
      if (b.finishReason != null && streamError == null) {
        outcome = Outcome.fromFinishReason(b.finishReason);
        if (outcome == Outcome.FAILED) {
          error = "the server ended this draft with finish reason '" + b.finishReason + "'";
        }
      } else if (streamError != null && b.finishReason == null) {
        outcome = Outcome.FAILED;
        error = streamError;
      } else if (b.finishReason != null) {
        outcome = Outcome.fromFinishReason(b.finishReason);
      } else {
        outcome = Outcome.INTERRUPTED;
        error = endedEarly != null ? endedEarly : "the stream ended before the model finished";
      }
      out.add(
          new Choice(
              entry.getKey(),
              b.text.toString(),
              reasoning,
              b.finishReason,
              outcome,
              error,
              choices.size() == 1 ? usage : Usage.NONE));
    }
    return out;
  }
}
