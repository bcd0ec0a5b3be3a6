package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.history.RunParams;
import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.PlannedRun;
import dev.draft.session.Requests;
import dev.draft.session.Revisions;
import dev.draft.session.RunOrigin;
import dev.draft.session.Sampling;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * What {@code draft refine} and {@code draft merge} share: a new run made from drafts of a past
 * run, through one of the reserved templates, with the past run's parameters and model as the
 * defaults, printed like any run.
 */
abstract class RevisionCommand implements Callable<Integer> {
  @Mixin EndpointOptions endpoint;
  @Mixin GenerationOptions generation;
  @Mixin OutputOptions output;

  final Context context;

  RevisionCommand(Context context) {
    this.context = context;
  }

  /**
   * Every usage error first, then the endpoint, the request and the run.
   *
   * @param doing what is being done, for stderr once the arguments are known good
   * @param defaultN the number of candidates without {@code -n}
   * @param prompt the request, from the parent's parameters (its sampling, unless flags say)
   * @param origin what the history records of the new run
   */
  int generateFrom(
      StoredRun parent,
      String doing,
      int defaultN,
      Function<Revisions, Requests> prompt,
      Function<Revisions, RunOrigin> origin) {
    RunParams params = parent.paramsOrDefault();
    int n = generation.n(defaultN);
    output.check(n);
    Sampling sampling = generation.sampling();
    endpoint.modelOr(parent.model());
    context.err().println("draft: " + doing);
    EndpointSession session = EndpointSession.open(context, endpoint.flags());
    Revisions revisions = new Revisions(context, session);
    ChatRequest request = prompt.apply(revisions).flags(sampling).parent(params).build();
    PlannedRun run =
        PlannedRun.plan(
            context,
            session,
            origin.apply(revisions),
            generation.vary,
            request,
            n,
            "the drafts or the instruction",
            context.err()::println);
    return new RunPrinter(context, session, output).generate(run);
  }
}
