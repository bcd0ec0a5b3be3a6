package dev.draft.session;

import dev.draft.client.ChatRequest;
import dev.draft.draft.Vary;
import java.util.List;
import java.util.function.Consumer;

/**
 * A run ready to generate: its request measured against the model's window and its candidates
 * planned, so that anything that would be refused is refused before a draft is paid for. How a run
 * starts, whatever starts it (a command, the pick view, a batch).
 *
 * @param origin what the run is made from, for the history
 * @param vary how the candidates differ
 * @param request the request, without a model (the generation sets it)
 * @param n how many candidates
 * @param each one request per candidate ({@code --vary temperature|angles}), or null when the
 *     candidates come from one request's sampling
 */
public record PlannedRun(
    RunOrigin origin, Vary vary, ChatRequest request, int n, List<ChatRequest> each) {
  /**
   * Plans a run of {@code n} candidates of {@code request}.
   *
   * @param input what the user can shorten when the prompt is too long ("the input", "the prompt")
   * @param notices where progress goes ({@code draft: asking … for 3 distinct approaches})
   * @throws UsageException when the prompt cannot fit the model's window
   */
  public static PlannedRun plan(
      Context context,
      EndpointSession session,
      RunOrigin origin,
      Vary vary,
      ChatRequest request,
      int n,
      String input,
      Consumer<String> notices) {
    PromptCheck.check(session, request, input);
    return new PlannedRun(
        origin, vary, request, n, Candidates.each(context, session, vary, request, n, notices));
  }
}
