package dev.draft.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.session.JsonText;
import java.io.UncheckedIOException;

/**
 * A chat-completions request body as the client should send it, built field by field, to compare
 * with the bodies WireMock received ({@code WireFixture.chatBodies}).
 */
final class ChatBody {
  private final ObjectNode root = JsonText.MAPPER.createObjectNode();
  private final ArrayNode messages;

  private ChatBody(String model) {
    root.put("model", model);
    messages = root.putArray("messages");
  }

  static ChatBody to(String model) {
    return new ChatBody(model);
  }

  ChatBody system(String text) {
    messages.addObject().put("role", "system").put("content", text);
    return this;
  }

  ChatBody user(String text) {
    messages.addObject().put("role", "user").put("content", text);
    return this;
  }

  ChatBody n(int n) {
    root.put("n", n);
    return this;
  }

  ChatBody temperature(double temperature) {
    root.put("temperature", temperature);
    return this;
  }

  ChatBody maxTokens(int tokens) {
    root.put("max_tokens", tokens);
    return this;
  }

  ChatBody seed(long seed) {
    root.put("seed", seed);
    return this;
  }

  /** The body of a streamed request, which asks for the usage at the end. */
  JsonNode streamed() {
    root.put("stream", true);
    root.putObject("stream_options").put("include_usage", true);
    return reparsed();
  }

  /** The body of a request answered in one JSON response. */
  JsonNode notStreamed() {
    root.put("stream", false);
    return reparsed();
  }

  // Parsed back from text, as the received bodies are, so that numbers compare by value.
  private JsonNode reparsed() {
    try {
      return JsonText.MAPPER.readTree(root.toString());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
