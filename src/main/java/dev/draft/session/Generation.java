package dev.draft.session;

import dev.draft.client.ChatRequest;
import dev.draft.draft.DraftGenerator;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.RunId;
import dev.draft.draft.Status;
import dev.draft.history.NewRun;
import dev.draft.history.RunParams;
import java.util.List;

/**
 * Generates one run's drafts and records the run in the history as it happens, printing nothing:
 * the command line prints what it returns, and the pick view shows it. Ctrl-C while it generates
 * stops the streams and keeps the partial drafts.
 */
public final class Generation {
  /**
   * A generated run.
   *
   * @param run the run's id
   * @param set its drafts, each with its outcome; a request that failed as a whole is {@link
   *     DraftSet#firstFailure()}, not thrown
   * @param interrupted whether Ctrl-C stopped it
   * @param model the model that wrote the drafts
   * @param recorded whether the run is in the history (recording on, and every write succeeded)
   */
  public record Generated(
      String run, DraftSet set, boolean interrupted, String model, boolean recorded) {
    /**
     * Throws the request's failure when nothing at all came back and Ctrl-C is not the reason: then
     * there are no drafts to show, only one clear error.
     */
    public void throwIfNothingCame() {
      if (set.nothingDelivered() && set.firstFailure() != null && !interrupted) {
        throw set.firstFailure();
      }
    }
  }

  private final Context context;
  private final EndpointSession session;
  private final boolean record;

  /**
   * @param record whether to record the run in the history; a history that cannot be opened or
   *     written is reported once on stderr and the drafts are still returned
   */
  public Generation(Context context, EndpointSession session, boolean record) {
    this.context = context;
    this.session = session;
    this.record = record;
  }

  /**
   * Generates {@code n} drafts of {@code request} (native {@code n} or a fan-out), or, when {@code
   * each} is given, one draft per request in it ({@code --vary}).
   *
   * @param origin what the run is made from and what it descends from, for the history
   * @param vary how the candidates differ ({@code samples}, {@code temperature}, {@code angles}),
   *     for the history
   * @param listener receives the text as it streams (from several threads)
   */
  public Generated run(
      RunOrigin origin,
      String vary,
      ChatRequest request,
      int n,
      List<ChatRequest> each,
      DraftListener listener) {
    String model = session.model();
    String run = RunId.next(context.clock().instant());
    try (HistoryRecorder history =
        HistoryRecorder.open(context.dirs().historyDb(), record, context.err())) {
      history.start(newRun(run, origin, vary, request.withModel(model), n));
      if (origin.notes() != null) {
        history.event(run, "notes", origin.notes());
      }
      DraftListener saving = history.saving(run, listener);
      DraftGenerator generator =
          new DraftGenerator(
              session.client(), session.capabilities(),
              session.settings().capabilityKey(), session.settings().concurrency());
      DraftSet set;
      boolean interrupted;
      try (Interrupts.Scope scope = context.interrupts().cancelling(session.client())) {
        set =
            each == null
                ? generator.generate(request.withModel(model), n, saving)
                : generator.generateEach(
                    each.stream().map(r -> r.withModel(model)).toList(), saving);
        // A Ctrl-C that came after the last draft finished stopped nothing.
        interrupted =
            scope.fired() && set.drafts().stream().anyMatch(d -> d.status() == Status.INTERRUPTED);
      }
      history.finish(run, set, session.cost(set.usage()));
      return new Generated(run, set, interrupted, model, history.recording());
    }
  }

  private NewRun newRun(String run, RunOrigin origin, String vary, ChatRequest request, int n) {
    NewRun.Builder builder =
        NewRun.builder(run)
            .createdAt(context.clock().instant())
            .variables(origin.variables())
            .messages(request.messages())
            .profile(session.profileName())
            .baseUrl(session.settings().baseUrl())
            .model(request.model())
            .params(
                new RunParams(n, request.temperature(), request.maxTokens(), request.seed(), vary));
    if (origin.template() != null) {
      builder.template(origin.template(), origin.templateText());
    }
    if (origin.input() != null) {
      builder.input(origin.inputRef(), origin.input());
    }
    if (origin.parentRun() != null) {
      builder.parent(origin.parentRun(), origin.parentDraft());
    }
    return builder.kind(origin.kind()).build();
  }
}
