package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.draft.Vary;
import dev.draft.history.RunParams;
import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.LongDocument;
import dev.draft.session.PastRuns;
import dev.draft.session.PlannedRun;
import dev.draft.session.Requests;
import dev.draft.session.RunOrigin;
import dev.draft.session.Sampling;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code draft redo RUN}: the same messages (template, variables and input as they were rendered
 * then, so a template changed since does not matter) and parameters again, as a new run linked to
 * the old one, on the run's own endpoint (profile, base URL, model) unless flags name another.
 */
@Command(
    name = "redo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a past run again (same prompt and parameters) as a new run linked to it.",
      "It goes to the run's own profile, base URL and model unless -p, --base-url or -m say."
    })
public final class RedoCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix of one, or 'last'.")
  String ref;

  @Mixin EndpointOptions endpoint;
  @Mixin OutputOptions output;

  private final Context context;

  public RedoCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StoredRun old = PastRuns.findWithDrafts(context, ref, "draft redo");
    RunParams params = old.paramsOrDefault();
    output.check(params.n());
    endpoint.modelOr(old.model());
    EndpointSession session =
        EndpointSession.open(context, PastRuns.sameEndpoint(context, old, endpoint.flags()));
    ChatRequest request = Requests.of(old.messages()).flags(Sampling.of(params)).build();
    Vary vary = Vary.recorded(params.vary());
    RunOrigin origin =
        new RunOrigin(
            old.template(),
            old.templateText(),
            old.variables(),
            old.inputRef(),
            old.input(),
            old.id(),
            null,
            "redo");
    // A run whose long input was read in parts is redone from its notes: its prompt holds them.
    Optional<String> notes =
        PastRuns.notesOf(old).flatMap(payload -> LongDocument.carried(payload, old.id()));
    if (notes.isPresent()) {
      origin = origin.withNotes(notes.get());
    }
    PlannedRun run =
        PlannedRun.plan(
            context,
            session,
            origin,
            vary,
            request,
            params.n(),
            "the prompt",
            context.err()::println);
    context
        .err()
        .println(
            "draft: redoing "
                + old.id()
                + (notes.isPresent()
                    ? " from its notes on the input (no part is read again)"
                    : ""));
    return new RunPrinter(context, session, output).generate(run);
  }
}
