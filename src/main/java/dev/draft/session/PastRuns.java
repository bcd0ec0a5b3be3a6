package dev.draft.session;

import dev.draft.client.RedactedUrl;
import dev.draft.config.Config;
import dev.draft.config.ConfigLoader;
import dev.draft.config.EndpointFlags;
import dev.draft.config.Preset;
import dev.draft.config.Profile;
import dev.draft.history.HistoryStore;
import dev.draft.history.StoredRun;

/** Runs of the history that a command works on again: found by reference, redone where they ran. */
public final class PastRuns {
  private PastRuns() {}

  /**
   * The run {@code ref} names (an id, a unique prefix, or {@code last}).
   *
   * @throws UsageException when the history has none
   */
  public static StoredRun find(Context context, String ref) {
    try (HistoryStore store = HistoryStore.open(context.dirs().historyDb())) {
      return store
          .run(ref)
          .orElseThrow(
              () ->
                  new UsageException(
                      "no run '" + ref + "' in the history ('draft history' lists them)"));
    }
  }

  /**
   * {@code flags} pointed at the endpoint {@code old} ran on, not at today's default profile,
   * unless they name a profile or base URL themselves: its profile, if the config still has it, and
   * its base URL when that is not the profile's own (the run was made with {@code --base-url} or
   * {@code OPENAI_BASE_URL}). The profile's URL is kept when it is the same, since only it has the
   * query or user info the history leaves out.
   *
   * @throws UsageException when the run's URL had a key the history masked
   */
  public static EndpointFlags sameEndpoint(Context context, StoredRun old, EndpointFlags flags) {
    if (flags.profile() != null || flags.baseUrl() != null) {
      return flags;
    }
    Config config = ConfigLoader.load(context.dirs().configFile());
    Profile profile = old.profile() == null ? null : config.profiles().get(old.profile());
    String profileName = profile == null ? null : old.profile();
    String baseUrl = null;
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
      baseUrl = old.baseUrl();
    }
    return new EndpointFlags(profileName, baseUrl, flags.model(), flags.timeout());
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
