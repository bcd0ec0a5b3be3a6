package dev.draft.session;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.draft.Variations;
import dev.draft.draft.Vary;
import dev.draft.template.Rendered;
import dev.draft.template.Template;
import dev.draft.template.TemplateRenderer;
import dev.draft.template.TemplateValues;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Turns {@code --vary} into the requests of the candidates. */
final class Candidates {
  /** The reserved template that asks the model for distinct approaches. */
  static final String ANGLES = "_angles";

  private Candidates() {}

  /**
   * One request per candidate, or null when the candidates come from one request's sampling ({@code
   * --vary samples}, or a single candidate).
   */
  static List<ChatRequest> each(
      Context context,
      EndpointSession session,
      Vary vary,
      ChatRequest base,
      int n,
      Consumer<String> notices) {
    if (n == 1 || vary == Vary.samples) {
      return null;
    }
    ChatRequest withModel = base.withModel(session.model());
    if (vary == Vary.temperature) {
      return Variations.temperatures(withModel, n);
    }
    Template angles = Prompts.reserved(context, ANGLES);
    String task =
        base.messages().stream()
            .map(ChatMessage::content)
            .reduce("", (a, b) -> a + "\n\n" + b)
            .strip();
    Rendered prompt =
        TemplateRenderer.render(
            angles,
            TemplateValues.resolve(angles, Map.of("task", task, "count", String.valueOf(n))),
            null);
    notices.accept("draft: asking " + session.model() + " for " + n + " distinct approaches …");
    return Variations.angles(
        session.client(), withModel, n, prompt.system(), prompt.user(), angles.temperature());
  }
}
