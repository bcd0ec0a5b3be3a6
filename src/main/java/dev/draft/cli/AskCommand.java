package dev.draft.cli;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.InputText;
import dev.draft.session.PlannedRun;
import dev.draft.session.Requests;
import dev.draft.session.RunOrigin;
import dev.draft.session.Sampling;
import dev.draft.session.UsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code draft ask}: a raw prompt, no template. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Send a prompt as it is and print the answer, or N candidate answers.",
      "The prompt comes from the arguments, or from standard input when it is piped."
    })
public final class AskCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PROMPT", arity = "0..*", description = "The prompt (words are joined).")
  List<String> words = new ArrayList<>();

  @Option(
      names = {"-s", "--system"},
      paramLabel = "TEXT",
      description = "System message to send before the prompt.")
  String system;

  @Mixin EndpointOptions endpoint;
  @Mixin GenerationOptions generation;
  @Mixin OutputOptions output;

  private final Context context;
  private boolean piped;

  public AskCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    int n = generation.n(1);
    // Every usage error before the endpoint is touched: choosing the model may ask it for its list.
    output.check(n);
    Sampling sampling = generation.sampling();
    String prompt = prompt();
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null && !system.isBlank()) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(prompt));
    EndpointSession session = EndpointSession.open(context, endpoint.flags());
    ChatRequest request = Requests.of(messages).flags(sampling).build();
    // A prompt piped in is recorded as the run's input too: one too long to keep in the run row is
    // then stored once, and the messages refer to it (docs/history-schema.md).
    RunOrigin origin =
        piped ? new RunOrigin(null, null, Map.of(), "stdin", prompt) : RunOrigin.rawPrompt();
    PlannedRun run =
        PlannedRun.plan(
            context,
            session,
            origin,
            generation.vary,
            request,
            n,
            "the prompt",
            context.err()::println);
    return new RunPrinter(context, session, output).generate(run);
  }

  private String prompt() throws IOException {
    String joined = String.join(" ", words).strip();
    if (!joined.isEmpty()) {
      return joined;
    }
    if (context.stdinTerminal()) {
      throw new UsageException(
          "no prompt: pass it as arguments (draft ask \"...\") or pipe it on standard input");
    }
    String text = InputText.read(context.in(), "standard input").strip();
    if (text.isEmpty()) {
      throw new UsageException(
          "no prompt: the arguments and standard input are empty; pass it as arguments or pipe it");
    }
    piped = true;
    return text;
  }
}
