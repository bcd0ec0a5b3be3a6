package dev.draft.client;

/** Token counts as the endpoint reported them; zero where it reported nothing. */
public record Usage(long promptTokens, long completionTokens) {
  public static final Usage NONE = new Usage(0, 0);

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  public Usage plus(Usage other) {
    return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }

  public boolean isEmpty() {
    return promptTokens == 0 && completionTokens == 0;
  }
}
