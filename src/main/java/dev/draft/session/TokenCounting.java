package dev.draft.session;

import dev.draft.client.EndpointException;
import dev.draft.longdoc.TokenCounter;
import dev.draft.longdoc.Tokenizers;
import java.util.OptionalInt;

/**
 * How a long input's tokens are counted for a session's model: with the server's own tokenizer
 * where it has one ({@code /tokenize} on llama.cpp and vLLM), by calibrating a local BPE count
 * against the server's count of a sample, so that the server is asked once and not per part; else
 * jtokkit's count for the model's family, with {@link Tokenizers}' margin for other vendors.
 */
public final class TokenCounting {
  /** How much of the document's start the server is asked to count. */
  static final int SAMPLE_CHARS = 8_000;

  /** Room on the calibrated ratio, for parts unlike the sample (code after prose, say). */
  static final double CALIBRATION_ROOM = 1.05;

  private TokenCounting() {}

  /** From this length on, an input may not fit the smallest windows (2,048 tokens). */
  static final int PREFETCH_CHARS = 8_192;

  /**
   * Starts reading the tokenizer's vocabulary in the background when {@code input} is long enough
   * that it may have to be read in parts: done while the endpoint is resolved and the window found,
   * it no longer delays the first part's call.
   */
  public static void prefetch(String input) {
    if (input != null && input.length() >= PREFETCH_CHARS) {
      Tokenizers.prefetch();
    }
  }

  /** The counter for {@code document} on {@code session}'s model. */
  public static TokenCounter forDocument(EndpointSession session, String document) {
    String model = session.model();
    String sample = sample(document);
    TokenCounter exact = Tokenizers.forModel("gpt-4");
    int local = exact.count(sample);
    if (local > 0) {
      OptionalInt served;
      try {
        served = session.client().countTokens(model, sample);
      } catch (EndpointException e) {
        if (e.kind() == EndpointException.Kind.INTERRUPTED) {
          throw e;
        }
        served = OptionalInt.empty();
      }
      if (served.isPresent() && served.getAsInt() > 0) {
        return Tokenizers.calibrated(exact, served.getAsInt() * CALIBRATION_ROOM / local);
      }
    }
    return Tokenizers.forModel(model);
  }

  /** The document's start, cut between code points. */
  static String sample(String document) {
    if (document.length() <= SAMPLE_CHARS) {
      return document;
    }
    int end = SAMPLE_CHARS;
    if (Character.isHighSurrogate(document.charAt(end - 1))) {
      end--;
    }
    return document.substring(0, end);
  }
}
