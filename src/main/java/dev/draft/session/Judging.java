package dev.draft.session;

import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.draft.Judgement;
import dev.draft.draft.NumberedText;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --pick judge}: asks a judge to rank a generated run's drafts that came back whole, and
 * records its ranking and pick. With fewer than two such drafts there is nothing to judge: the one
 * there is is the pick. A judge that fails costs nothing: the verdict says so and every draft is
 * shown, as without {@code --pick}.
 */
public final class Judging {
  /**
   * What the judge decided.
   *
   * @param chosen the draft to show, or 0 for every draft
   * @param judgement the judge's ranking, or null when no judge was asked or it failed
   * @param failed whether the judge failed (its error went to the notices)
   * @param interrupted whether Ctrl-C stopped the judge
   */
  public record Verdict(int chosen, Judgement judgement, boolean failed, boolean interrupted) {
    /** No judge was asked. */
    public static final Verdict NONE = new Verdict(0, null, false, false);
  }

  private final Context context;
  private final EndpointSession session;
  private final Consumer<String> notices;

  /**
   * @param notices where progress and problems go, one line each ({@code draft: asking … to judge})
   */
  public Judging(Context context, EndpointSession session, Consumer<String> notices) {
    this.context = context;
    this.session = session;
    this.notices = notices;
  }

  /** Judges {@code generated}, whose drafts answer {@code request} ({@code n} of them). */
  public Verdict judge(Generation.Generated generated, ChatRequest request, int n) {
    String run = generated.run();
    List<NumberedText> candidates =
        generated.set().drafts().stream()
            .filter(d -> d.delivered() && !d.text().isBlank())
            .map(d -> new NumberedText(d.index(), d.text()))
            .toList();
    if (candidates.isEmpty()) {
      notices.accept("draft: no draft came back to judge");
      return Verdict.NONE;
    }
    if (candidates.size() == 1) {
      int only = candidates.get(0).number();
      if (n > 1) {
        notices.accept(
            "draft: only draft " + only + " came back whole, so there is nothing to judge");
      }
      if (generated.recorded()) {
        try (Events events = Events.reporting(context, notices)) {
          events.pick(run, only, Events.PickedBy.JUDGE);
        }
      }
      return new Verdict(only, null, false, false);
    }
    notices.accept(
        "draft: asking " + generated.model() + " to judge " + candidates.size() + " drafts …");
    Judgement judgement;
    try {
      judgement =
          new Revisions(context, session).judge(Revisions.brief(request.messages()), candidates);
    } catch (EndpointException e) {
      boolean interrupted = e.kind() == EndpointException.Kind.INTERRUPTED;
      notices.accept(
          "draft: "
              + (interrupted ? "the judge was interrupted" : e.getMessage())
              + "; every draft follows");
      return new Verdict(0, null, !interrupted, interrupted);
    }
    if (generated.recorded()) {
      try (Events events = Events.reporting(context, notices)) {
        events.judge(run, judgement);
        events.pick(run, judgement.first(), Events.PickedBy.JUDGE);
      }
    }
    return new Verdict(judgement.first(), judgement, false, false);
  }
}
