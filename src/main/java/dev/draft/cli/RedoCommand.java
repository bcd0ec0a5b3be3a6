package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.history.RunParams;
import dev.draft.history.StoredRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code draft redo RUN}: the same messages (template, variables and input as they were rendered
 * then, so a template changed since does not matter) and parameters again, as a new run linked to
 * the old one. Endpoint and output options may differ.
 */
@Command(
    name = "redo",
    mixinStandardHelpOptions = true,
    description = "Run a past run again (same prompt and parameters) as a new run linked to it.")
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
    StoredRun old = ShowCommand.find(context, ref);
    RunParams params = old.paramsOrDefault();
    output.check();
    output.pick(params.n());
    endpoint.modelOr(old.model());
    EndpointSession session = EndpointSession.open(context, endpoint);
    ChatRequest request =
        new ChatRequest(
            null, old.messages(), 1, params.temperature(), params.maxTokens(), params.seed(), true);
    GenerationOptions generation = new GenerationOptions();
    generation.vary =
        params.vary() == null
            ? GenerationOptions.Vary.samples
            : GenerationOptions.Vary.valueOf(params.vary());
    List<ChatRequest> each = Candidates.each(context, session, generation, request, params.n());
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
    context.err().println("draft: redoing " + old.id());
    return new RunPrinter(context, session, output)
        .generate(origin, generation.vary.name(), request, params.n(), each);
  }
}
