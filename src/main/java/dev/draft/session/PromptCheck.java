package dev.draft.session;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.client.ModelInfo;
import dev.draft.config.Preset;
import dev.draft.longdoc.ContextWindow;
import dev.draft.longdoc.ContextWindows;
import dev.draft.longdoc.PromptFit;

/**
 * Measures a prompt before paying for a request the server would refuse: templates, {@code ask},
 * {@code refine} and {@code merge} alike. Long inputs get chunked by a later feature; until then
 * the user gets the numbers and the fix (exit 2).
 */
public final class PromptCheck {
  /**
   * At most this many tokens, prompt and answer together, fit every server in use; the server's
   * model list is not asked for such a prompt (a smaller window is learned from a refusal).
   */
  static final long ASK_SERVER_ABOVE = 1_024;

  private PromptCheck() {}

  /**
   * Refuses {@code request} when it will not fit the window of the session's model.
   *
   * @param input what the user can shorten, for the advice: "the input", "the prompt", "the drafts"
   * @throws UsageException when it does not fit
   */
  public static void check(EndpointSession session, ChatRequest request, String input) {
    String problem = measure(session, request, input).problem();
    if (problem != null) {
      throw new UsageException(problem);
    }
  }

  /**
   * How {@code request} measures against the window of the session's model.
   *
   * @param window the window it was measured against ({@link ContextWindow#UNKNOWN} if none)
   * @param problem why it does not fit, with the fix, or null when it fits
   */
  public record Measured(ContextWindow window, long tokens, String problem) {}

  /** Measures {@code request} as {@link #check} does, without refusing it. */
  public static Measured measure(EndpointSession session, ChatRequest request, String input) {
    String model = session.model();
    long tokens = PromptFit.tokens(request.messages().stream().map(ChatMessage::content).toList());
    long need = tokens + (request.maxTokens() == null ? 0 : request.maxTokens());
    // The model list is one more request (a large one on OpenRouter), asked only for a prompt that
    // could overflow a small server: for a model the table does not know, or one it knows that
    // fits the table's window but is served by the user's own server, which may grant less (a
    // llama.cpp slot). Hosted providers serve a model's whole window, and no server grants more
    // than the table's, so beyond it the table alone refuses.
    int table = ContextWindows.of(model);
    boolean askServer =
        need > ASK_SERVER_ABOVE
            && (table == 0
                || (need <= table && !Preset.isHostedProvider(session.settings().baseUrl())));
    ContextWindow window = window(session, model, askServer);
    return new Measured(
        window, tokens, PromptFit.problem(tokens, request.maxTokens(), window, model, input));
  }

  /**
   * The window draft measures {@code model}'s prompts against, and where it came from.
   *
   * @param askServer whether the server's model list may be asked for (one request)
   */
  public static ContextWindow window(EndpointSession session, String model, boolean askServer) {
    return ContextWindow.choose(
        session.resolved().contextWindow(),
        session.capabilities().get(session.settings().capabilityKey()).contextWindow(model),
        askServer ? () -> servedWindow(session, model) : null,
        model);
  }

  /**
   * The window the endpoint reports for {@code model} in its model list (local servers do), or
   * null. A failure here must not stop the run.
   */
  private static Integer servedWindow(EndpointSession session, String model) {
    try {
      return session.servedModels().stream()
          .filter(m -> m.id().equals(model) && m.contextWindow() != null)
          .map(ModelInfo::contextWindow)
          .findFirst()
          .orElse(null);
    } catch (EndpointException unavailable) {
      return null;
    }
  }
}
