package dev.draft.longdoc;

/**
 * A quick, tokenizer-free estimate of how many tokens a text costs: about four characters a token
 * for alphabetic scripts, one a character for Chinese, Japanese and Korean. Close enough (within
 * some 20 % for English prose on the common tokenizers) to tell whether an input fits a context
 * window before paying for a request that would be refused.
 */
public final class TokenEstimate {
  private TokenEstimate() {}

  /** Below this code point (Hangul Jamo, the first CJK script) no character is CJK. */
  private static final char FIRST_CJK = '\u1100';

  public static long of(String text) {
    long wide = 0;
    long other = 0;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c < FIRST_CJK) {
        // Latin, Greek, Cyrillic, Arabic, Indic…: most documents, without a script lookup each.
        other++;
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        wide++;
      } else {
        other++;
      }
    }
    return wide + (other + 3) / 4;
  }

  static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }
}
