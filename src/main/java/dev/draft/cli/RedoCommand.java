package dev.draft.cli;

import dev.draft.client.ChatRequest;
import dev.draft.client.RedactedUrl;
import dev.draft.config.Config;
import dev.draft.config.ConfigLoader;
import dev.draft.config.Preset;
import dev.draft.config.Profile;
import dev.draft.draft.Vary;
import dev.draft.history.RunParams;
import dev.draft.history.StoredRun;
import dev.draft.session.Candidates;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.Requests;
import dev.draft.session.RunOrigin;
import dev.draft.session.Sampling;
import dev.draft.session.UsageException;
import java.util.List;
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
    StoredRun old = ShowCommand.find(context, ref);
    RunParams params = old.paramsOrDefault();
    output.check(params.n());
    endpoint.modelOr(old.model());
    sameEndpointAs(old);
    EndpointSession session = EndpointSession.open(context, endpoint.flags());
    ChatRequest request = Requests.of(old.messages()).flags(Sampling.of(params)).build();
    Vary vary = Vary.recorded(params.vary());
    List<ChatRequest> each = Candidates.each(context, session, vary, request, params.n());
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
        .generate(origin, vary.name(), request, params.n(), each);
  }

  /**
   * Points the endpoint at the one {@code old} ran on, not at today's default profile, unless
   * {@code --profile} or {@code --base-url} says otherwise: its profile, if the config still has
   * it, and its base URL when that is not the profile's own (the run was made with {@code
   * --base-url} or {@code OPENAI_BASE_URL}). The profile's URL is kept when it is the same, since
   * only it has the query or user info the history leaves out.
   */
  private void sameEndpointAs(StoredRun old) {
    if (endpoint.profile != null || endpoint.baseUrl != null) {
      return;
    }
    Config config = ConfigLoader.load(context.dirs().configFile());
    Profile profile = old.profile() == null ? null : config.profiles().get(old.profile());
    if (profile != null) {
      endpoint.profile = old.profile();
    }
    if (old.baseUrl() != null && !sameUrl(old.baseUrl(), configuredUrl(profile))) {
      if (old.baseUrl().contains(RedactedUrl.MASK)) {
        // The history keeps a URL's key masked; sending the mask would only fail at the server.
        throw new UsageException(
            "run "
                + old.id()
                + " used "
                + old.baseUrl()
                + ", whose key the history does not keep: pass --base-url again, or -p PROFILE");
      }
      endpoint.baseUrl = old.baseUrl();
    }
  }

  private static String configuredUrl(Profile profile) {
    if (profile == null) {
      return null;
    }
    if (profile.baseUrl() != null) {
      return profile.baseUrl();
    }
    return profile.preset() == null
        ? null
        : Preset.named(profile.preset()).map(Preset::baseUrl).orElse(null);
  }

  private static boolean sameUrl(String stored, String configured) {
    if (configured == null) {
      return false;
    }
    return trimmed(stored).equals(trimmed(RedactedUrl.of(configured)));
  }

  private static String trimmed(String url) {
    String s = url.strip();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
