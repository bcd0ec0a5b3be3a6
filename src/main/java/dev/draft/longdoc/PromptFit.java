package dev.draft.longdoc;

import java.util.List;
import java.util.Locale;

/**
 * Whether a prompt and the answer asked for fit a context window, measured before anything is sent.
 * {@link TokenEstimate} is within some 20 % of real tokenizers (measured against llama.cpp's 32k
 * SPM vocabulary: 0.96 of the estimate for English prose, 1.12 for Java, 1.18 for Markdown with
 * code), so the prompt is counted {@value #MARGIN_PERCENT} % high, plus each message's chat
 * template tokens: a prompt the server would refuse is refused here first, at the price of refusing
 * some that would just have fitted.
 */
public final class PromptFit {
  static final int MARGIN_PERCENT = 15;

  /** The role markers and separators a chat template adds per message, and the reply's opening. */
  static final int PER_MESSAGE = 8;

  private PromptFit() {}

  /** The prompt's size in tokens as draft counts it: estimated, with the margin. */
  public static long tokens(List<String> messages) {
    long tokens = PER_MESSAGE;
    for (String message : messages) {
      tokens += tokens(message) + PER_MESSAGE;
    }
    return tokens;
  }

  /** One text's size as the check before sending counts it: estimated, with the margin. */
  public static long tokens(String text) {
    long estimate = TokenEstimate.of(text);
    return estimate + (estimate * MARGIN_PERCENT + 99) / 100;
  }

  /**
   * Why the prompt does not fit, with the fix that fits the case, or null when it fits (or the
   * window is unknown).
   *
   * @param tokens the prompt's size, from {@link #tokens}
   * @param maxTokens the answer's limit, or null when none is asked for
   * @param input what the user can shorten: "the input", "the prompt", "the draft"
   */
  public static String problem(
      long tokens, Integer maxTokens, ContextWindow window, String model, String input) {
    if (!window.known()) {
      return null;
    }
    int answer = maxTokens == null ? 0 : maxTokens;
    if (tokens + answer <= window.tokens()) {
      return null;
    }
    String against =
        String.format(
            Locale.ROOT,
            "%s's context window is %,d (%s)",
            model,
            window.tokens(),
            window.source().label());
    if (tokens < window.tokens()) {
      // The prompt fits on its own: only the room asked for the answer is too much.
      return String.format(
          Locale.ROOT,
          "the prompt is about %,d tokens and --max-tokens asks for %,d more, but %s: lower"
              + " --max-tokens to at most %,d",
          tokens,
          answer,
          against,
          window.tokens() - tokens);
    }
    return String.format(
        Locale.ROOT,
        "the prompt is about %,d tokens but %s: shorten %s, or use a model with a longer context"
            + " (set context_window in the profile if draft has the window wrong)",
        tokens,
        against,
        input);
  }
}
