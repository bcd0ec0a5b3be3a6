package dev.draft.session;

import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatClient;
import dev.draft.client.EndpointSettings;
import dev.draft.client.ModelInfo;
import dev.draft.client.Usage;
import dev.draft.config.Config;
import dev.draft.config.ConfigLoader;
import dev.draft.config.EndpointFlags;
import dev.draft.config.EndpointResolver;
import dev.draft.config.KeyCommandRunner;
import dev.draft.config.ResolvedEndpoint;
import dev.draft.draft.ModelChooser;
import java.util.List;

/** One resolved endpoint with its client, for the commands that talk to it. */
public final class EndpointSession {
  private final ResolvedEndpoint resolved;
  private final ChatClient client;
  private final CapabilityStore capabilities;
  private final String templateModel;
  private final boolean historyEnabled;
  private String model;
  private List<ModelInfo> served;

  private EndpointSession(
      ResolvedEndpoint resolved,
      ChatClient client,
      CapabilityStore capabilities,
      String templateModel,
      boolean historyEnabled) {
    this.historyEnabled = historyEnabled;
    this.resolved = resolved;
    this.client = client;
    this.capabilities = capabilities;
    this.templateModel = templateModel;
  }

  /**
   * This session with another client in front of its own: a batch's, which keeps the requests in
   * flight and per minute within limits. Same endpoint, model and capabilities.
   */
  EndpointSession withClient(ChatClient other) {
    EndpointSession copy =
        new EndpointSession(resolved, other, capabilities, templateModel, historyEnabled);
    copy.model = model;
    copy.served = served;
    return copy;
  }

  /** Resolves the endpoint from the config file, the environment and {@code flags}. */
  public static EndpointSession open(Context context, EndpointFlags flags) {
    return open(context, flags, null);
  }

  /**
   * @param templateModel the template's {@code model}, which beats the profile's but not a flag or
   *     {@code DRAFT_MODEL}; null when it names none
   */
  public static EndpointSession open(Context context, EndpointFlags flags, String templateModel) {
    Config config = ConfigLoader.load(context.dirs().configFile());
    ResolvedEndpoint resolved = resolve(context, flags, config);
    CapabilityStore capabilities = CapabilityStore.open(context.dirs().capabilitiesFile());
    return new EndpointSession(
        resolved,
        context.clients().create(resolved.settings(), capabilities),
        capabilities,
        templateModel,
        HistoryRecorder.enabled(config, context.env()));
  }

  /**
   * Whether runs are recorded: {@code history: on|off} in config.yaml (on by default), and not
   * turned off for the process with {@code DRAFT_HISTORY=off}.
   */
  public boolean historyEnabled() {
    return historyEnabled;
  }

  public static ResolvedEndpoint resolve(Context context, EndpointFlags flags) {
    return resolve(context, flags, ConfigLoader.load(context.dirs().configFile()));
  }

  private static ResolvedEndpoint resolve(Context context, EndpointFlags flags, Config config) {
    return new EndpointResolver(config, context.env(), KeyCommandRunner.shell()).resolve(flags);
  }

  public ChatClient client() {
    return client;
  }

  public CapabilityStore capabilities() {
    return capabilities;
  }

  public EndpointSettings settings() {
    return resolved.settings();
  }

  public ResolvedEndpoint resolved() {
    return resolved;
  }

  public String profileName() {
    return resolved.profile();
  }

  /**
   * The model from flags, environment or profile; for Azure, where the deployment decides, the
   * deployment's name; else null.
   */
  public String configuredModel() {
    if (templateModel != null && !modelFromFlagOrEnvironment()) {
      return templateModel;
    }
    if (resolved.model() != null) {
      return resolved.model();
    }
    return settings().isAzure() ? settings().azure().deployment() : null;
  }

  private boolean modelFromFlagOrEnvironment() {
    return resolved.rows().stream()
        .anyMatch(
            row ->
                row.setting().equals("model")
                    && (row.origin().equals("flag") || row.origin().startsWith("env ")));
  }

  /** The configured model, else the endpoint's only one (asked once). */
  public String model() {
    if (model == null) {
      String configured = configuredModel();
      model = configured != null ? configured : ModelChooser.choose(null, servedModels());
    }
    return model;
  }

  /** The endpoint's model list, asked for at most once per run. */
  public List<ModelInfo> servedModels() {
    if (served == null) {
      served = client.listModels();
    }
    return served;
  }

  /** What {@code usage} cost in US dollars, or null when the profile has no prices. */
  public Double cost(Usage usage) {
    return resolved.prices() == null ? null : resolved.prices().cost(usage);
  }
}
