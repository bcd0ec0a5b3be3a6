package dev.draft.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as it may be shown or stored. Users put keys into base URLs ({@code http://u:sk-…@host/v1},
 * {@code …/v1?api-key=sk-…}); the request still needs them, but no message, history row or cache
 * key may hold them. User info becomes {@code ***}, so does every query value and the fragment;
 * scheme, host, port and path stay, so the URL remains recognisable.
 *
 * <p>Works on the text, never through a URL parser, so that a URL no parser accepts loses its
 * secrets too. Everything before the last {@code @} counts as user info: a password with an
 * unescaped {@code /}, {@code ?} or {@code #} is hidden whole, at the price of hiding a path that
 * contains an {@code @} as well.
 */
public final class RedactedUrl {
  /** What replaces a secret. */
  public static final String MASK = "***";

  /** Query parameters that draft sends itself and that are never secret. */
  private static final Set<String> PUBLIC_PARAMETERS = Set.of("api-version");

  /** Shorter values are not searched for in free text: they would mangle it and hide little. */
  private static final int MIN_SECRET_LENGTH = 6;

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*://");
  private static final Pattern URL_IN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*://[^\\s]+");

  /** Punctuation that ends a sentence or a quote rather than the URL before it. */
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("['\")\\]},.;:!]+$");

  private RedactedUrl() {}

  /**
   * The URL with user info, query values and fragment masked; null for null. Idempotent: a redacted
   * URL comes back unchanged.
   */
  public static String of(String url) {
    if (url == null) {
      return null;
    }
    Parts parts = Parts.of(url);
    StringBuilder shown = new StringBuilder(parts.scheme);
    if (parts.userInfo != null) {
      shown.append(MASK).append('@');
    }
    shown.append(parts.hostAndPath);
    if (parts.query != null) {
      shown.append('?').append(maskedQuery(parts.query));
    }
    if (parts.fragment != null) {
      shown.append('#').append(parts.fragment.isEmpty() ? "" : MASK);
    }
    return shown.toString();
  }

  /**
   * {@code text} with every {@code scheme://…} in it {@linkplain #of redacted}; null for null. A
   * URL runs to the next white space, less the punctuation that closes a quote or a sentence.
   */
  public static String inText(String text) {
    if (text == null || !text.contains("://")) {
      return text;
    }
    Matcher url = URL_IN_TEXT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (url.find()) {
      String found = url.group();
      Matcher trailing = TRAILING_PUNCTUATION.matcher(found);
      String after = trailing.find() ? trailing.group() : "";
      String shown = of(found.substring(0, found.length() - after.length())) + after;
      url.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    url.appendTail(out);
    return out.toString();
  }

  /**
   * The secrets {@link #of} hides, as they may appear in a server's echo: user info (whole and each
   * part) and query values, raw and percent-decoded, longest first. Short values are left out (see
   * {@link #MIN_SECRET_LENGTH}).
   */
  public static List<String> secretsOf(String url) {
    if (url == null) {
      return List.of();
    }
    Parts parts = Parts.of(url);
    Set<String> secrets = new LinkedHashSet<>();
    if (parts.userInfo != null) {
      secrets.add(parts.userInfo);
      secrets.addAll(List.of(parts.userInfo.split(":")));
    }
    if (parts.query != null) {
      for (String parameter : parts.query.split("&")) {
        int eq = parameter.indexOf('=');
        if (eq < 0) {
          secrets.add(parameter);
        } else if (!PUBLIC_PARAMETERS.contains(parameter.substring(0, eq))) {
          secrets.add(parameter.substring(eq + 1));
        }
      }
    }
    if (parts.fragment != null) {
      secrets.add(parts.fragment);
    }
    List<String> all = new ArrayList<>();
    for (String secret : secrets) {
      all.add(secret);
      all.add(decoded(secret));
    }
    return all.stream()
        .filter(s -> s.length() >= MIN_SECRET_LENGTH && !s.equals(MASK))
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  private static String maskedQuery(String query) {
    List<String> shown = new ArrayList<>();
    for (String parameter : query.split("&", -1)) {
      int eq = parameter.indexOf('=');
      if (parameter.isEmpty()) {
        shown.add("");
      } else if (eq < 0) {
        shown.add(MASK);
      } else {
        String name = parameter.substring(0, eq);
        shown.add(PUBLIC_PARAMETERS.contains(name) ? parameter : name + "=" + MASK);
      }
    }
    return String.join("&", shown);
  }

  private static String decoded(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }

  /** The pieces of a URL's text; user info, query and fragment are null when absent. */
  private record Parts(
      String scheme, String userInfo, String hostAndPath, String query, String fragment) {
    static Parts of(String url) {
      Matcher scheme = SCHEME.matcher(url);
      int start = scheme.find() ? scheme.end() : 0;
      String rest = url.substring(start);
      String userInfo = null;
      int at = rest.lastIndexOf('@');
      if (at >= 0) {
        userInfo = rest.substring(0, at);
        rest = rest.substring(at + 1);
      }
      String fragment = null;
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        fragment = rest.substring(hash + 1);
        rest = rest.substring(0, hash);
      }
      String query = null;
      int question = rest.indexOf('?');
      if (question >= 0) {
        query = rest.substring(question + 1);
        rest = rest.substring(0, question);
      }
      return new Parts(url.substring(0, start), userInfo, rest, query, fragment);
    }
  }
}
