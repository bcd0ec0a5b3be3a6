package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.draft.session.JsonText;

/** Chat-completion chunks and event-stream bodies framed as real servers send them. */
final class Sse {
  private Sse() {}

  /** A chunk adding {@code content} to choice {@code index}. */
  static String text(int index, String content) {
    ObjectNode chunk = chunk();
    ObjectNode choice = choice(chunk, index);
    choice.putObject("delta").put("content", content);
    choice.putNull("finish_reason");
    return chunk.toString();
  }

  /** The first chunk of a choice: the role, and an empty content. */
  static String role(int index) {
    ObjectNode chunk = chunk();
    ObjectNode choice = choice(chunk, index);
    choice.putObject("delta").put("role", "assistant").put("content", "");
    choice.putNull("finish_reason");
    return chunk.toString();
  }

  /** A chunk of reasoning, as DeepSeek's reasoner sends it (content null). */
  static String reasoning(int index, String reasoning) {
    ObjectNode chunk = chunk();
    ObjectNode choice = choice(chunk, index);
    choice.putObject("delta").putNull("content").put("reasoning_content", reasoning);
    choice.putNull("finish_reason");
    return chunk.toString();
  }

  /** The finish chunk of a choice: an empty delta and the reason. */
  static String finish(int index, String reason) {
    ObjectNode chunk = chunk();
    ObjectNode choice = choice(chunk, index);
    choice.putObject("delta");
    choice.put("finish_reason", reason);
    return chunk.toString();
  }

  /** The usage chunk OpenAI sends last with {@code stream_options.include_usage}. */
  static String usage(int prompt, int completion) {
    ObjectNode chunk = chunk();
    chunk.putArray("choices");
    chunk
        .putObject("usage")
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    return chunk.toString();
  }

  /** The events, each as one {@code data:} line and a blank line, then {@code [DONE]}. */
  static String body(String... chunks) {
    return events(chunks) + "data: [DONE]\n\n";
  }

  /** The events without {@code [DONE]}: the stream just ends. */
  static String events(String... chunks) {
    StringBuilder body = new StringBuilder();
    for (String chunk : chunks) {
      body.append("data: ").append(chunk).append("\n\n");
    }
    return body.toString();
  }

  /** One whole streamed answer: role, the text in two pieces, stop, usage. */
  static String answer(String text, int prompt, int completion) {
    int half = text.length() / 2;
    return body(
        role(0),
        text(0, text.substring(0, half)),
        text(0, text.substring(half)),
        finish(0, "stop"),
        usage(prompt, completion));
  }

  /** A 200 response carrying {@code body} as an event stream. */
  static ResponseDefinitionBuilder stream(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withHeader("Cache-Control", "no-cache")
        .withBody(body);
  }

  /** An OpenAI-style JSON error response. */
  static ResponseDefinitionBuilder error(int status, String message, String type, String param) {
    ObjectNode root = JsonText.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message).put("type", type).put("param", param).putNull("code");
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(root.toString());
  }

  /** A {@code GET /models} response listing {@code ids}. */
  static ResponseDefinitionBuilder models(String... ids) {
    ObjectNode root = JsonText.MAPPER.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (String id : ids) {
      data.addObject().put("id", id).put("object", "model").put("created", 1).put("owned_by", "me");
    }
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(root.toString());
  }

  private static ObjectNode chunk() {
    ObjectNode chunk = JsonText.MAPPER.createObjectNode();
    chunk.put("id", "chatcmpl-1");
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1735689600);
    chunk.put("model", "m1");
    return chunk;
  }

  private static ObjectNode choice(ObjectNode chunk, int index) {
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", index);
    return choice;
  }
}
