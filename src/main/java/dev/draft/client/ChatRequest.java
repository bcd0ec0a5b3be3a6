package dev.draft.client;

import java.util.List;

/**
 * What to ask the endpoint. Optional sampling parameters are null when not set, and are then not
 * sent at all, so the server's own defaults apply.
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    int n,
    Double temperature,
    Integer maxTokens,
    Long seed,
    boolean stream) {

  public ChatRequest {
    messages = List.copyOf(messages);
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
  }

  public ChatRequest withModel(String newModel) {
    return new ChatRequest(newModel, messages, n, temperature, maxTokens, seed, stream);
  }

  public ChatRequest withN(int newN) {
    return new ChatRequest(model, messages, newN, temperature, maxTokens, seed, stream);
  }

  public ChatRequest withSeed(Long newSeed) {
    return new ChatRequest(model, messages, n, temperature, maxTokens, newSeed, stream);
  }

  public ChatRequest withTemperature(Double newTemperature) {
    return new ChatRequest(model, messages, n, newTemperature, maxTokens, seed, stream);
  }
}
