package dev.draft.longdoc;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Token counters with a real BPE tokenizer (jtokkit's), for models whose server cannot count for
 * draft. OpenAI's models are counted exactly: {@code o200k_base} for the gpt-4o, gpt-4.1, gpt-4.5,
 * gpt-5, gpt-oss, o1, o3 and o4 families, {@code cl100k_base} for gpt-4, gpt-3.5 and their
 * embeddings. Every other model is counted with {@code cl100k_base} and a margin, because its own
 * tokenizer differs: {@value #MARGIN_PERCENT} % more, plus {@value #HANGUL_PER_TEN} tokens per ten
 * Hangul syllables.
 *
 * <p>The margin was measured against llama.cpp's {@code /tokenize} with a 32k SentencePiece
 * vocabulary (Llama 2 / TinyLlama, the smallest common vocabulary, so the one furthest from
 * cl100k), as the server's count over cl100k's:
 *
 * <pre>
 *   English prose (examples/long-post.md, 31 KB)      1.10   (o200k 1.10)
 *   English prose (examples/passage.md, scene-beat.md) 1.12
 *   Markdown with code (examples/README.md)           1.19
 *   Markdown with code (README.md, 31 KB)             1.14
 *   Java source (14 KB)                                1.29
 *   Chinese prose (1,074 characters)                   1.24   (o200k 1.86)
 *   Japanese prose                                     1.09   (o200k 1.49)
 *   Korean prose (182 and 557 characters)              1.61, 1.50
 * </pre>
 *
 * Korean alone exceeds 1.35: the 32k vocabulary has few Hangul syllables and spells the rest in
 * bytes. The per-syllable surcharge covers it (1.35 × cl100k + 0.5 per syllable gives 8 % and 13 %
 * over the server's count) without counting all other text as if it were Korean. Larger
 * vocabularies (Llama 3, Qwen, DeepSeek, Gemma) come closer to cl100k, so the margin only errs
 * towards smaller chunks there. Where draft can ask the server itself, its count wins; {@link
 * #calibrated} scales a counter by a ratio measured against it.
 *
 * <p>The vocabularies (several MB each) are read on the first count, not when a counter is made, so
 * a run that never counts a long document never pays for them. Counters are thread-safe.
 */
public final class Tokenizers {
  /** How much more a non-OpenAI tokenizer may count than cl100k_base, in percent. */
  static final int MARGIN_PERCENT = 35;

  /** The extra tokens per ten Hangul syllables a non-OpenAI tokenizer may count. */
  static final int HANGUL_PER_TEN = 5;

  // A family name ends the match or is followed by a separator: "o1" and "o1-mini", not "o10".
  private static final Pattern O200K =
      Pattern.compile(
          "(?:gpt-4o|chatgpt-4o|gpt-4\\.1|gpt-4\\.5|gpt-5|gpt-oss|o1|o3|o4)(?![a-z0-9]).*");
  private static final Pattern CL100K =
      Pattern.compile(
          "(?:gpt-4|gpt-3\\.5|gpt-35|text-embedding-3|text-embedding-ada-002)(?![a-z0-9]).*");

  private Tokenizers() {}

  /**
   * The counter for {@code model}: exact for OpenAI's models, cl100k_base with the margin for any
   * other (and for a null or unknown model). A vendor prefix ({@code openai/gpt-4o}) and a
   * fine-tune's {@code ft:} are looked through.
   */
  public static TokenCounter forModel(String model) {
    String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
    if (name.startsWith("ft:")) {
      name = name.substring(3);
    }
    name = name.substring(name.lastIndexOf('/') + 1);
    if (O200K.matcher(name).matches()) {
      return new Bpe(EncodingType.O200K_BASE, false);
    }
    return new Bpe(EncodingType.CL100K_BASE, !CL100K.matcher(name).matches());
  }

  /**
   * {@code base}'s count scaled by {@code ratio}, rounded up: a counter calibrated against the
   * server's own count of a sample, say.
   *
   * @param ratio the server's count over {@code base}'s; positive and finite
   */
  public static TokenCounter calibrated(TokenCounter base, double ratio) {
    if (!(ratio > 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException("a calibration ratio must be positive, got " + ratio);
    }
    return new Calibrated(base, ratio);
  }

  /**
   * Starts reading cl100k_base's vocabulary (some 200 ms) on a background thread, for a caller that
   * will likely count soon and has other work to do first; a count that comes before it is done
   * waits for it. The thread is a daemon: a run that ends first does not wait.
   */
  public static void prefetch() {
    Thread thread = new Thread(() -> Cl100k.ENCODING.countTokensOrdinary("a"), "draft-tokenizer");
    thread.setDaemon(true);
    thread.start();
  }

  /** One encoding per holder class: the JVM reads each vocabulary once, on first use. */
  private static final class Registry {
    static final EncodingRegistry LAZY = Encodings.newLazyEncodingRegistry();
  }

  private static final class O200k {
    static final Encoding ENCODING = Registry.LAZY.getEncoding(EncodingType.O200K_BASE);
  }

  private static final class Cl100k {
    static final Encoding ENCODING = Registry.LAZY.getEncoding(EncodingType.CL100K_BASE);
  }

  private record Bpe(EncodingType type, boolean margin) implements TokenCounter {
    @Override
    public int count(String text) {
      if (text.isEmpty()) {
        return 0;
      }
      Encoding encoding = type == EncodingType.O200K_BASE ? O200k.ENCODING : Cl100k.ENCODING;
      // Ordinary: "<|endoftext|>" in a document is text to count, not a special token to refuse.
      long tokens = encoding.countTokensOrdinary(text);
      if (margin) {
        // In integers: 100 × 1.35 in doubles is 135.00000000000003, which rounds up to 136.
        long hundredths =
            tokens * (100 + MARGIN_PERCENT) + hangulSyllables(text) * HANGUL_PER_TEN * 10L;
        tokens = (hundredths + 99) / 100;
      }
      return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    @Override
    public String toString() {
      return type.getName() + (margin ? " +" + MARGIN_PERCENT + " %" : "");
    }
  }

  private static long hangulSyllables(String text) {
    long syllables = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uAC00' && c <= '\uD7A3') {
        syllables++;
      }
    }
    return syllables;
  }

  private record Calibrated(TokenCounter base, double ratio) implements TokenCounter {
    @Override
    public int count(String text) {
      // The ratio's decimal digits, not its binary value: 100 × 1.1 is 110, not 111.
      BigDecimal scaled =
          BigDecimal.valueOf(ratio)
              .multiply(BigDecimal.valueOf(base.count(text)))
              .setScale(0, RoundingMode.CEILING);
      return scaled.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValueExact();
    }

    @Override
    public String toString() {
      return base + " × " + ratio;
    }
  }
}
