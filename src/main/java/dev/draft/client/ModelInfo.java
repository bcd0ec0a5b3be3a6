package dev.draft.client;

/**
 * A model an endpoint serves, as {@code GET /models} lists it.
 *
 * @param contextWindow the context window in tokens when the server says (OpenRouter's {@code
 *     context_length}, vLLM's {@code max_model_len}, llama.cpp's {@code meta.n_ctx}, per slot, else
 *     {@code meta.n_ctx_train}, Groq's {@code context_window}), else null
 */
public record ModelInfo(String id, String ownedBy, Integer contextWindow) {
  public ModelInfo(String id, String ownedBy) {
    this(id, ownedBy, null);
  }
}
