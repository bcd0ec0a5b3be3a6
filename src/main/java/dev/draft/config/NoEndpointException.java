package dev.draft.config;

/**
 * Nothing says where to send requests: no profile and no base URL from a flag or the environment. A
 * separate type so the CLI can treat a fresh install differently from a broken config.
 */
public class NoEndpointException extends ConfigException {
  private static final long serialVersionUID = 1L;

  static final String MESSAGE =
      "no endpoint configured: run 'draft config init', set OPENAI_BASE_URL, or pass --base-url"
          + " ('draft doctor' looks for local servers)";

  public NoEndpointException() {
    super(MESSAGE);
  }
}
