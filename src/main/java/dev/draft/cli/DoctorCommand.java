package dev.draft.cli;

import dev.draft.client.CapabilityStore;
import dev.draft.config.ConfigException;
import dev.draft.config.NoEndpointException;
import dev.draft.config.ResolvedEndpoint;
import dev.draft.draft.EndpointDoctor;
import dev.draft.draft.LocalServers;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code draft doctor}: a capability report of the endpoint, or a search for local servers. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the endpoint: settings, reachability, key, models, the context window, streaming, n"
          + " and stream_options.",
      "With nothing configured, look for local servers (Ollama, llama.cpp, LM Studio, vLLM)."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Mixin EndpointOptions endpoint;

  private final Context context;

  public DoctorCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = context.out();
    EndpointSession session;
    try {
      session = EndpointSession.open(context, endpoint.flags());
    } catch (NoEndpointException none) {
      return scanLocal(out);
    }
    for (ResolvedEndpoint.Row row : session.resolved().rows()) {
      out.println("  " + row.setting() + ": " + row.value() + "  (" + row.origin() + ")");
    }
    out.flush();
    EndpointDoctor doctor =
        new EndpointDoctor(
            session.client(),
            session.capabilities(),
            session.settings().capabilityKey(),
            session.resolved().contextWindow());
    List<EndpointDoctor.Check> checks =
        doctor.run(
            session.configuredModel(),
            check -> {
              out.println(mark(check.status()) + " " + check.name() + ": " + check.detail());
              out.flush();
            });
    boolean failed = checks.stream().anyMatch(c -> c.status() == EndpointDoctor.Status.FAIL);
    return failed ? ExitCode.ENDPOINT : ExitCode.OK;
  }

  private int scanLocal(PrintWriter out) {
    out.println("No endpoint is configured. Looking for local servers on 127.0.0.1 …");
    out.flush();
    CapabilityStore none = CapabilityStore.inMemory();
    List<LocalServers.Found> found =
        LocalServers.scan(LocalServers.USUAL, s -> context.clients().create(s, none));
    if (found.isEmpty()) {
      out.println(
          "none found on ports 11434 (Ollama), 8080 (llama.cpp), 1234 (LM Studio),"
              + " 8000 (vLLM).");
      out.flush();
      throw new ConfigException(
          "no endpoint configured: run 'draft config init' and edit the file, or set"
              + " OPENAI_BASE_URL and OPENAI_API_KEY");
    }
    for (LocalServers.Found server : found) {
      out.println(
          "✓ "
              + server.candidate().name()
              + " at "
              + server.candidate().baseUrl()
              + " serves "
              + (server.models().isEmpty()
                  ? "no models"
                  : String.join(
                      ", ", server.models().subList(0, Math.min(5, server.models().size())))));
    }
    LocalServers.Found first = found.get(0);
    String name = first.candidate().preset();
    out.println();
    out.println("Add this to " + context.dirs().configFile() + " (or run 'draft config init'):");
    out.println();
    out.println("default_profile: " + name);
    out.println("profiles:");
    out.println("  " + name + ":");
    out.println("    preset: " + name);
    if (!first.models().isEmpty()) {
      out.println("    model: " + first.models().get(0));
    }
    return ExitCode.OK;
  }

  private String mark(EndpointDoctor.Status status) {
    return switch (status) {
      case OK -> "✓";
      case WARN -> "!";
      case FAIL -> "✗";
    };
  }
}
