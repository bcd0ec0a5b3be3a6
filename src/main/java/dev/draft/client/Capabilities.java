package dev.draft.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one endpoint was found to support. A null field is not known yet: the client then tries the
 * feature and records what the server said. Fields added later are null in an older cache file, so
 * an old file still loads.
 *
 * @param nativeN whether the endpoint returns several choices for {@code n > 1}
 * @param streamOptions whether it accepts {@code stream_options: {include_usage: true}}
 * @param maxN the largest {@code n} the endpoint accepts in one request, as it said when it refused
 *     a larger one (llama.cpp: its number of slots), or null when no limit is known
 * @param contextWindows per model, the context window in tokens the endpoint named when it refused
 *     a prompt as too long; empty when none was learned
 * @param tokenize whether the server counts tokens at {@code POST /tokenize} at its root
 *     (llama.cpp, vLLM); false when it answered that it has no such route, or not with tokens
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Capabilities(
    Boolean nativeN,
    Boolean streamOptions,
    Integer maxN,
    Map<String, Integer> contextWindows,
    Boolean tokenize) {
  public static final Capabilities UNKNOWN = new Capabilities(null, null, null, null, null);

  public Capabilities {
    contextWindows = contextWindows == null ? Map.of() : Map.copyOf(new TreeMap<>(contextWindows));
  }

  public Capabilities withNativeN(boolean value) {
    return new Capabilities(value, streamOptions, maxN, contextWindows, tokenize);
  }

  public Capabilities withStreamOptions(boolean value) {
    return new Capabilities(nativeN, value, maxN, contextWindows, tokenize);
  }

  /** The endpoint takes {@code n} up to {@code value}: native requests, split above it. */
  public Capabilities withMaxN(int value) {
    return new Capabilities(true, streamOptions, value, contextWindows, tokenize);
  }

  /** {@code model}'s window is {@code tokens}, as the endpoint said when it refused a prompt. */
  public Capabilities withContextWindow(String model, int tokens) {
    Map<String, Integer> windows = new TreeMap<>(contextWindows);
    windows.put(model, tokens);
    return new Capabilities(nativeN, streamOptions, maxN, windows, tokenize);
  }

  /** The window learned for {@code model}, or null. */
  public Integer contextWindow(String model) {
    return model == null ? null : contextWindows.get(model);
  }

  /** What is known of the endpoint's features, the learned context windows kept. */
  public Capabilities withoutFeatures() {
    return new Capabilities(null, null, null, contextWindows, null);
  }

  /** Whether the server counts tokens at {@code /tokenize}, as its answer showed. */
  public Capabilities withTokenize(boolean value) {
    return new Capabilities(nativeN, streamOptions, maxN, contextWindows, value);
  }
}
