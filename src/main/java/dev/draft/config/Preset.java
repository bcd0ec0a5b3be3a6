package dev.draft.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A built-in endpoint a profile can name with {@code preset:} instead of spelling out its URL.
 *
 * @param name the name used in config files, lower case
 * @param baseUrl the base URL including the version segment, or null when every user has their own
 *     (Azure)
 * @param keyVariable the environment variable that conventionally holds the key for this host, or
 *     null for local servers, which need no key
 * @param azure whether requests use Azure OpenAI's deployment URLs
 */
public record Preset(String name, String baseUrl, String keyVariable, boolean azure) {

  private static final List<Preset> ALL =
      List.of(
          remote("openai", "https://api.openai.com/v1", "OPENAI_API_KEY"),
          new Preset("azure", null, "AZURE_OPENAI_API_KEY", true),
          remote("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY"),
          remote("qwen", "https://dashscope.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY"),
          remote("moonshot", "https://api.moonshot.ai/v1", "MOONSHOT_API_KEY"),
          remote("zhipu", "https://open.bigmodel.cn/api/paas/v4", "ZHIPUAI_API_KEY"),
          remote("openrouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
          remote("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY"),
          remote("together", "https://api.together.xyz/v1", "TOGETHER_API_KEY"),
          remote("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY"),
          local("ollama", "http://127.0.0.1:11434/v1"),
          local("lmstudio", "http://127.0.0.1:1234/v1"),
          local("vllm", "http://127.0.0.1:8000/v1"),
          local("llamacpp", "http://127.0.0.1:8080/v1"));

  /** The preset with this name (exact, lower case), if there is one. */
  public static Optional<Preset> named(String name) {
    return ALL.stream().filter(preset -> preset.name.equals(name)).findFirst();
  }

  /** Every preset, in the order the docs list them. */
  public static List<Preset> all() {
    return ALL;
  }

  /** The preset names, for messages and completion. */
  public static List<String> names() {
    return ALL.stream().map(Preset::name).toList();
  }

  /**
   * Whether {@code baseUrl} is one of the hosted providers' (the remote presets', and Azure's):
   * they serve each model with its whole context window, while a server of the user's own (a
   * llama.cpp slot, vLLM's max_model_len) may grant less.
   */
  public static boolean isHostedProvider(String baseUrl) {
    String host;
    try {
      host = URI.create(baseUrl.strip()).getHost();
    } catch (IllegalArgumentException | NullPointerException malformed) {
      return false;
    }
    if (host == null) {
      return false;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".openai.azure.com")
        || ALL.stream()
            .filter(preset -> !preset.isLocal() && preset.baseUrl() != null)
            .anyMatch(preset -> lower.equals(URI.create(preset.baseUrl()).getHost()));
  }

  /** Whether this is a server on the user's own machine, which needs no key. */
  public boolean isLocal() {
    return keyVariable == null;
  }

  private static Preset remote(String name, String baseUrl, String keyVariable) {
    return new Preset(name, baseUrl, keyVariable, false);
  }

  private static Preset local(String name, String baseUrl) {
    return new Preset(name, baseUrl, null, false);
  }
}
