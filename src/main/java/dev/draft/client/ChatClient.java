package dev.draft.client;

import java.util.List;
import java.util.OptionalInt;

/** A chat-completions endpoint. Implementations are thread-safe. */
public interface ChatClient {

  /**
   * Sends one request. With {@code request.stream()} the text arrives through {@code listener} as
   * it streams. Failures of single candidates (an error event, a stream cut short) come back as
   * choices with their outcome; only a request that produced nothing throws.
   *
   * @throws EndpointException when the request failed as a whole, after retries
   */
  ChatResult complete(ChatRequest request, StreamListener listener);

  /** The models the endpoint serves. */
  List<ModelInfo> listModels();

  /**
   * How many tokens {@code text} costs {@code model}, counted by the server's own tokenizer (its
   * {@code POST /tokenize}: llama.cpp, vLLM), special tokens such as BOS not included. Empty when
   * the endpoint has no tokenizer to ask (hosted APIs, Azure) or gave no count this time (a text
   * longer than vLLM's {@code max_model_len}, an unreachable server): the caller then counts with
   * {@code longdoc.Tokenizers}. Any failure is an empty answer, never an error, and is not retried.
   *
   * @throws EndpointException of kind {@link EndpointException.Kind#INTERRUPTED} after {@link
   *     #cancel()}
   */
  default OptionalInt countTokens(String model, String text) {
    return OptionalInt.empty();
  }

  /**
   * Stops every request in flight and any later one: streamed candidates come back interrupted with
   * the text they had; requests that had produced nothing throw {@link
   * EndpointException.Kind#INTERRUPTED}. Safe to call from any thread, e.g. a Ctrl-C handler.
   */
  default void cancel() {}

  /**
   * Takes requests again after {@link #cancel()}: the stopped generation is over, and the next one
   * (a refinement asked for from the pick view, say) must not be stopped by the old Ctrl-C.
   */
  default void resume() {}
}
