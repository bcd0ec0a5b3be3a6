package dev.draft.longdoc;

/**
 * Counts the tokens a text costs a model. Implementations: a real tokenizer (jtokkit's), one
 * calibrated against the server's own {@code /tokenize}, or {@link TokenEstimate}'s rule of thumb.
 */
@FunctionalInterface
public interface TokenCounter {
  /** The tokens {@code text} costs; 0 for empty text. */
  int count(String text);

  /** {@link TokenEstimate}'s count: no tokenizer at all, within some 20 % for prose. */
  TokenCounter ESTIMATE = text -> (int) Math.min(Integer.MAX_VALUE, TokenEstimate.of(text));
}
