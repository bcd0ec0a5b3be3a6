package dev.draft.draft;

import dev.draft.client.Capabilities;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.ModelInfo;
import dev.draft.client.StreamListener;
import dev.draft.longdoc.ContextWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks an endpoint the way draft uses it: reachable and authorised (the model list), a model to
 * use, the context window prompts are measured against, a streamed answer, several candidates with
 * {@code n}, and {@code stream_options}. Forgets what was remembered of the endpoint's features
 * first, so the report and the capability cache are fresh; a context window learned from a refusal
 * is kept, as only another refusal could teach it again.
 */
public final class EndpointDoctor {
  /** One line of the report. */
  public record Check(String name, Status status, String detail) {}

  /** How a check went. */
  public enum Status {
    OK,
    WARN,
    FAIL
  }

  private static final List<ChatMessage> PING =
      List.of(ChatMessage.user("Reply with the single word OK."));

  private final ChatClient client;
  private final CapabilityStore capabilities;
  private final String endpointKey;
  private final Integer profileWindow;

  public EndpointDoctor(ChatClient client, CapabilityStore capabilities, String endpointKey) {
    this(client, capabilities, endpointKey, null);
  }

  /**
   * @param profileWindow the profile's {@code context_window}, or null
   */
  public EndpointDoctor(
      ChatClient client, CapabilityStore capabilities, String endpointKey, Integer profileWindow) {
    this.client = client;
    this.capabilities = capabilities;
    this.endpointKey = endpointKey;
    this.profileWindow = profileWindow;
  }

  /**
   * Runs the checks, passing each to {@code report} as it completes, and returns them all.
   *
   * @param configuredModel the model from flags, environment or profile, or null
   */
  public List<Check> run(String configuredModel, Consumer<Check> report) {
    List<Check> checks = new ArrayList<>();
    Consumer<Check> add =
        check -> {
          checks.add(check);
          report.accept(check);
        };
    capabilities.forgetFeatures(endpointKey);
    List<ModelInfo> models;
    try {
      models = client.listModels();
      add.accept(new Check("reachable", Status.OK, "the endpoint answers"));
      add.accept(new Check("auth", Status.OK, "the request was accepted"));
      add.accept(
          new Check(
              "models",
              models.isEmpty() ? Status.WARN : Status.OK,
              models.isEmpty()
                  ? "the endpoint lists no models"
                  : models.size()
                      + " served: "
                      + String.join(", ", models.stream().map(ModelInfo::id).limit(8).toList())
                      + (models.size() > 8 ? ", …" : "")));
    } catch (EndpointException e) {
      if (e.kind() == EndpointException.Kind.AUTH) {
        add.accept(new Check("reachable", Status.OK, "the endpoint answers"));
        add.accept(new Check("auth", Status.FAIL, e.getMessage()));
      } else {
        add.accept(new Check("reachable", Status.FAIL, e.getMessage()));
      }
      return checks;
    }
    String model;
    try {
      model = ModelChooser.choose(configuredModel, models);
      boolean listed = models.isEmpty() || models.stream().anyMatch(m -> m.id().equals(model));
      add.accept(
          new Check(
              "model",
              listed ? Status.OK : Status.WARN,
              model + (listed ? "" : " (not in the endpoint's list; it may still work)")));
    } catch (NoModelException e) {
      add.accept(new Check("model", Status.FAIL, e.getMessage()));
      return checks;
    }
    add.accept(window(model, models));
    ChatRequest ping = new ChatRequest(model, PING, 1, 0.0, 16, null, true);
    try {
      ChatResult result = client.complete(ping, StreamListener.NONE);
      boolean ok = !result.choices().isEmpty() && result.choices().get(0).outcome().delivered();
      add.accept(
          new Check(
              "streaming",
              ok ? Status.OK : Status.WARN,
              ok
                  ? "answered: " + preview(result.choices().get(0).text())
                  : "the streamed answer ended early: " + result.choices().get(0).error()));
    } catch (EndpointException e) {
      add.accept(new Check("streaming", Status.FAIL, e.getMessage()));
      return checks;
    }
    Capabilities after = capabilities.get(endpointKey);
    add.accept(
        new Check(
            "stream_options",
            Boolean.FALSE.equals(after.streamOptions()) ? Status.WARN : Status.OK,
            Boolean.FALSE.equals(after.streamOptions())
                ? "rejected: draft leaves it out (token counts may be missing while streaming)"
                : "accepted (token usage arrives with streamed answers)"));
    try {
      ChatResult result =
          client.complete(
              new ChatRequest(model, PING, 2, 0.7, 16, null, false), StreamListener.NONE);
      boolean nativeN = result.choices().size() >= 2;
      capabilities.update(endpointKey, c -> c.withNativeN(nativeN));
      add.accept(
          new Check(
              "n",
              nativeN ? Status.OK : Status.WARN,
              nativeN
                  ? "several candidates come back from one request"
                  : "ignored: draft sends one request per candidate instead"));
    } catch (EndpointException e) {
      if ("n".equals(e.rejectedParameter())) {
        capabilities.update(endpointKey, c -> c.withNativeN(false));
        add.accept(
            new Check(
                "n", Status.WARN, "not supported: draft sends one request per candidate instead"));
      } else {
        add.accept(new Check("n", Status.FAIL, e.getMessage()));
      }
    }
    return checks;
  }

  /** The window draft measures {@code model}'s prompts against, and where it came from. */
  private Check window(String model, List<ModelInfo> models) {
    Integer served =
        models.stream()
            .filter(m -> m.id().equals(model) && m.contextWindow() != null)
            .map(ModelInfo::contextWindow)
            .findFirst()
            .orElse(null);
    ContextWindow window =
        ContextWindow.choose(
            profileWindow, capabilities.get(endpointKey).contextWindow(model), () -> served, model);
    if (!window.known()) {
      return new Check(
          "context window",
          Status.WARN,
          "unknown: prompts are sent unmeasured (set context_window in the profile)");
    }
    String detail =
        String.format(Locale.ROOT, "%,d tokens (%s)", window.tokens(), window.source().label());
    if (window.source() != ContextWindow.Source.SERVER
        && served != null
        && served != window.tokens()) {
      detail += String.format(Locale.ROOT, "; the server's model list says %,d", served);
    }
    return new Check("context window", Status.OK, detail);
  }

  private static String preview(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > 40 ? "\"" + line.substring(0, 39) + "…\"" : "\"" + line + "\"";
  }
}
