package dev.draft.session;

import dev.draft.client.RedactedUrl;
import dev.draft.config.Config;
import dev.draft.config.ConfigLoader;
import dev.draft.config.EndpointFlags;
import dev.draft.config.Preset;
import dev.draft.config.Profile;
import dev.draft.history.BatchItemRow;
import dev.draft.history.HistoryException;
import dev.draft.history.HistoryStore;
import dev.draft.history.StoredEvent;
import dev.draft.history.StoredNotes;
import dev.draft.history.StoredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
   * The notes a past run took on the same input with the same prompts ({@link
   * LongDocument#fingerprint}), if the history has them. Never fails a run: without a history, or
   * with one that cannot be read, the input is simply read again.
   */
  public static Optional<StoredNotes> notes(Context context, String key) {
    Path file = context.dirs().historyDb();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (HistoryStore store = HistoryStore.open(file)) {
      return store.notes(key);
    } catch (HistoryException e) {
      return Optional.empty();
    }
  }

  /**
   * What a batch run did with its items: how many ended each way, and the first failed ones.
   *
   * @param counts items by status ({@code complete}, {@code failed})
   * @param failed up to {@code limit} failed items, in the order they ended
   * @param payload the run's {@code batch} event (source, destination, totals), or null when the
   *     batch never ended (killed)
   */
  public record Batch(Map<String, Long> counts, List<BatchItemRow> failed, String payload) {}

  /** What batch run {@code run} did, read from the history. */
  public static Batch batch(Context context, StoredRun run, int limit) {
    try (HistoryStore store = HistoryStore.open(context.dirs().historyDb())) {
      String payload =
          run.events().stream()
              .filter(e -> e.kind().equals("batch"))
              .map(StoredEvent::payload)
              .reduce((first, second) -> second)
              .orElse(null);
      return new Batch(
          store.batchCounts(run.id()), store.batchItems(run.id(), "failed", limit), payload);
    }
  }

  /** The notes event of {@code run}, if its input was read in parts. */
  public static Optional<String> notesOf(StoredRun run) {
    return run.events().stream()
        .filter(e -> e.kind().equals("notes"))
        .reduce((first, second) -> second)
        .map(StoredEvent::payload);
  }

  /**
   * The run {@code ref} names, for a command that works on its drafts ({@code command}, e.g. {@code
   * draft redo}): a batch has items, not drafts, so it is refused with where they are.
   *
   * @throws UsageException when the history has no such run, or it is a batch
   */
  public static StoredRun findWithDrafts(Context context, String ref, String command) {
    StoredRun run = find(context, ref);
    if ("batch".equals(run.kind())) {
      throw new UsageException(
          "run "
              + run.id()
              + " is a batch: its items are in its destination, not drafts "
              + command
              + " can work on ('draft show "
              + run.id()
              + "' sums it up)");
    }
    return run;
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
