package dev.draft.draft;

import dev.draft.client.ModelInfo;
import java.util.List;

/**
 * Chooses the model: the configured one (flag, {@code DRAFT_MODEL} or profile, already resolved),
 * else the endpoint's only model; else the user must choose, from the list of served models.
 */
public final class ModelChooser {
  private ModelChooser() {}

  /** The configured model, else the only one in {@code served}, else a usage error. */
  public static String choose(String configured, List<ModelInfo> served) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (served.size() == 1) {
      return served.get(0).id();
    }
    if (served.isEmpty()) {
      throw new NoModelException(
          "no model chosen and the endpoint lists none: pass -m/--model, set DRAFT_MODEL, or set"
              + " model in the profile");
    }
    List<String> ids = served.stream().map(ModelInfo::id).toList();
    String shown = String.join(", ", ids.subList(0, Math.min(ids.size(), 15)));
    throw new NoModelException(
        "no model chosen and the endpoint serves several: pass -m/--model (or set DRAFT_MODEL or"
            + " model in the profile) with one of: "
            + shown
            + (ids.size() > 15 ? ", … ('draft models' lists all)" : ""));
  }
}
