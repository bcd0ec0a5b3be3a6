package dev.draft.draft;

import dev.draft.client.ChatClient;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointSettings;
import dev.draft.client.ModelInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Looks for OpenAI-compatible servers on this machine at the ports the usual local servers use, for
 * a user who has configured nothing yet.
 */
public final class LocalServers {
  /** A server to look for. */
  public record Candidate(String preset, String name, String baseUrl) {}

  /** A server that answered, with what it serves. */
  public record Found(Candidate candidate, List<String> models) {}

  /** The usual local servers; the preset names match the built-in presets. */
  public static final List<Candidate> USUAL =
      List.of(
          new Candidate("ollama", "Ollama", "http://127.0.0.1:11434/v1"),
          new Candidate("llamacpp", "llama.cpp server", "http://127.0.0.1:8080/v1"),
          new Candidate("lmstudio", "LM Studio", "http://127.0.0.1:1234/v1"),
          new Candidate("vllm", "vLLM", "http://127.0.0.1:8000/v1"));

  private LocalServers() {}

  /**
   * Asks each candidate for its models, quickly and without retries.
   *
   * @param clients makes a client for the given settings
   */
  public static List<Found> scan(
      List<Candidate> candidates, Function<EndpointSettings, ChatClient> clients) {
    List<Found> found = new ArrayList<>();
    for (Candidate candidate : candidates) {
      EndpointSettings settings =
          new EndpointSettings(
              candidate.preset(),
              candidate.baseUrl(),
              null,
              null,
              Map.of(),
              null,
              Duration.ofMillis(800),
              Duration.ofSeconds(3),
              0,
              1);
      try {
        List<String> models =
            clients.apply(settings).listModels().stream().map(ModelInfo::id).toList();
        found.add(new Found(candidate, models));
      } catch (EndpointException nothingThere) {
        // Not running, or not an OpenAI-compatible server: not a candidate.
      }
    }
    return found;
  }
}
