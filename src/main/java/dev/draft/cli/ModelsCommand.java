package dev.draft.cli;

import dev.draft.client.ModelInfo;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.JsonText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code draft models}: what the endpoint serves, one model id per line. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List the models the endpoint serves, one per line.")
public final class ModelsCommand implements Callable<Integer> {
  @Mixin EndpointOptions endpoint;

  @Option(names = "--json", description = "Print a JSON array of {id, owned_by} objects.")
  boolean json;

  private final Context context;

  public ModelsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<ModelInfo> models = EndpointSession.open(context, endpoint.flags()).client().listModels();
    if (json) {
      var array = JsonText.MAPPER.createArrayNode();
      models.forEach(m -> array.addObject().put("id", m.id()).put("owned_by", m.ownedBy()));
      context.out().println(JsonText.write(array));
    } else {
      models.forEach(m -> context.out().println(m.id()));
    }
    if (models.isEmpty()) {
      context.err().println("draft: the endpoint lists no models");
    }
    return ExitCode.OK;
  }
}
