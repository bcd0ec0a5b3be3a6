package dev.draft.session;

import dev.draft.client.ChatRequest;
import dev.draft.history.RunParams;
import dev.draft.ui.LiveView;
import dev.draft.ui.Picker;
import dev.draft.ui.TerminalScreen;
import java.util.List;

/**
 * A run on a terminal: the drafts stream side by side into the live view, then the pick view opens
 * on them, where the user compares, edits, refines, merges and picks. Prints nothing: the caller
 * reports the run and delivers the pick once the screen is closed.
 */
public final class ViewRun {
  /**
   * How the view ended.
   *
   * @param generated the run that opened the view
   * @param session the pick view's session, to be {@linkplain PickSession#finish finished}
   * @param picked the draft picked, or null
   */
  public record Result(Generation.Generated generated, PickSession session, Picker.Item picked) {}

  private ViewRun() {}

  /**
   * Generates on {@code opened} (closed before this returns) and lets the user pick.
   *
   * @throws dev.draft.client.EndpointException when nothing at all came back
   */
  public static Result run(
      Context context,
      EndpointSession endpoint,
      boolean record,
      TerminalScreen opened,
      RunOrigin origin,
      String vary,
      ChatRequest request,
      int n,
      List<ChatRequest> each) {
    String model = endpoint.model();
    try (TerminalScreen screen = opened) {
      String what = origin.template() == null ? "" : " of " + origin.template();
      Generation.Generated generated;
      try (LiveView live =
          PickSession.live(context, screen, n + " drafts" + what + " with " + model, n)) {
        generated =
            new Generation(context, endpoint, record).run(origin, vary, request, n, each, live);
        live.finish(generated.set().drafts());
      }
      generated.throwIfNothingCame();
      RunParams params =
          new RunParams(n, request.temperature(), request.maxTokens(), request.seed(), vary);
      PickSession session =
          new PickSession(
              context,
              () -> endpoint,
              generated.recorded(),
              params,
              Revisions.brief(request.messages()));
      Picker.Item picked =
          session.pick(
              screen,
              PickSession.entries(generated.run(), generated.set().drafts(), null),
              PickSession.heading(generated.run(), origin.template(), model));
      return new Result(generated, session, picked);
    }
  }
}
