package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.history.RunParams;
import dev.draft.history.StoredRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code draft refine RUN/K "instruction"}: N revisions of a past draft's current text through the
 * {@code _refine} template, as a new run linked to the draft (kind {@code refine}). Model,
 * temperature and token limit default to the parent run's; N too.
 */
@Command(
    name = "refine",
    mixinStandardHelpOptions = true,
    description = {
      "Revise draft K of a past run as you say: N revisions as a new run linked to it.",
      "The draft's current text is revised (your latest 'draft edit' of it, if any), through the"
          + " _refine template ('draft templates edit _refine' changes it). The model, the"
          + " temperature and N default to the run's own."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  draft refine last/2 \"cut the opening to two sentences\"",
      "  draft refine r2qp0/1 \"warmer, and end on the river\" -n 3 --pick judge",
      "  draft refine last/1 \"British spelling\" -n 1 -o piece.md"
    })
public final class RefineCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN/K", description = "The draft to revise, e.g. last/2.")
  String ref;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "INSTRUCTION",
      description = "What to change (the words are joined).")
  List<String> words = new ArrayList<>();

  @Mixin EndpointOptions endpoint;
  @Mixin GenerationOptions generation;
  @Mixin OutputOptions output;

  private final Context context;

  public RefineCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DraftRef target = DraftRef.one(ref);
    if (target.drafts().isEmpty()) {
      throw new UsageException(
          "name the draft to refine as RUN/K, e.g. draft refine " + ref + "/1 \"make it shorter\"");
    }
    String instruction = String.join(" ", words).strip();
    if (instruction.isEmpty()) {
      throw new UsageException(
          "say how to refine the draft, e.g. draft refine " + ref + " \"make it shorter\"");
    }
    HistoryRecorder.requireEnabled(context, output.noHistory, "draft refine");
    StoredRun parent = ShowCommand.find(context, target.run());
    int k = target.draft();
    String text = DraftRef.text(parent, k);
    RunParams params = parent.params() == null ? RunParams.of(parent.n()) : parent.params();
    // Every usage error before the endpoint is touched.
    int n = generation.n(params.n());
    output.check();
    output.pick(n);
    generation.temperature();
    generation.maxTokens();
    if (endpoint.model == null && parent.model() != null) {
      endpoint.model = parent.model();
    }
    EndpointSession session = EndpointSession.open(context, endpoint);
    Revisions revisions = new Revisions(context, session);
    ChatRequest request = Revisions.tuned(revisions.refine(text, instruction), generation, params);
    List<ChatRequest> each = Candidates.each(context, session, generation, request, n);
    context.err().println("draft: refining " + parent.id() + "/" + k);
    return new RunPrinter(context, session, output)
        .generate(
            revisions.refineOrigin(parent.id(), k, instruction),
            generation.vary.name(),
            request,
            n,
            each);
  }
}
