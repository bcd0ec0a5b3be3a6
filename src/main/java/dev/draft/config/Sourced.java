package dev.draft.config;

import java.util.function.Function;

/**
 * A resolved setting and where it came from, in the words {@code draft config show} uses: {@code
 * flag}, {@code env $NAME}, {@code profile NAME}, {@code preset NAME} or {@code default}.
 */
record Sourced<T>(T value, String origin) {
  static final String FLAG = "flag";
  static final String DEFAULT = "default";

  /** The value with its origin, or null when there is no value (null, or blank text). */
  static <T> Sourced<T> of(T value, String origin) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    return new Sourced<>(value, origin);
  }

  /** The first candidate that has a value; null when none has. */
  @SafeVarargs
  static <T> Sourced<T> first(Sourced<T>... candidates) {
    for (Sourced<T> candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  <R> Sourced<R> map(Function<T, R> convert) {
    return new Sourced<>(convert.apply(value), origin);
  }

  static String env(String variable) {
    return "env $" + variable;
  }

  static String profile(String name) {
    return "profile " + name;
  }

  static String preset(Preset preset) {
    return "preset " + preset.name();
  }
}
