package dev.draft.longdoc;

import java.util.List;
import java.util.Locale;

/**
 * The context windows of well-known model families, for checking an input before sending it. A
 * profile's {@code context_window} overrides this; an unknown model is not checked (the server's
 * own refusal is then reported).
 */
public final class ContextWindows {
  private record Family(String prefix, int tokens) {}

  // Longest prefixes first: the first match wins.
  private static final List<Family> FAMILIES =
      List.of(
          new Family("gpt-4.1", 1_047_576),
          new Family("gpt-4o", 128_000),
          new Family("gpt-4-turbo", 128_000),
          new Family("gpt-4", 8_192),
          new Family("gpt-3.5-turbo", 16_385),
          new Family("gpt-5", 400_000),
          new Family("o1", 200_000),
          new Family("o3", 200_000),
          new Family("o4", 200_000),
          new Family("deepseek-chat", 65_536),
          new Family("deepseek-reasoner", 65_536),
          new Family("qwen2.5", 32_768),
          new Family("qwen-", 131_072),
          new Family("llama3.1", 131_072),
          new Family("llama-3.1", 131_072),
          new Family("llama3.2", 131_072),
          new Family("llama-3.2", 131_072),
          new Family("llama3.3", 131_072),
          new Family("llama-3.3", 131_072),
          new Family("mistral-large", 131_072),
          new Family("mistral-small", 32_768),
          new Family("moonshot-v1-8k", 8_192),
          new Family("moonshot-v1-32k", 32_768),
          new Family("moonshot-v1-128k", 131_072));

  private ContextWindows() {}

  /** The window of {@code model} in tokens, or 0 when unknown. */
  public static int of(String model) {
    if (model == null) {
      return 0;
    }
    String name = model.toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1); // openrouter's vendor/model
    }
    for (Family family : FAMILIES) {
      if (name.startsWith(family.prefix())) {
        return family.tokens();
      }
    }
    return 0;
  }
}
