package dev.draft.config;

/**
 * The commented {@code config.yaml} that {@code draft config init} writes: one working profile for
 * a local llama.cpp server and commented-out examples of every common endpoint and setting.
 */
public final class StarterConfig {
  private StarterConfig() {}

  // Example lines are real YAML with their first two characters replaced by "# ", so deleting
  // "# " at the start of a line turns an example on (StarterConfigTest checks they all load).
  private static final String TEXT =
      """
      # draft configuration: endpoints as named profiles.
      #
      # Settings are looked up in this order, first one set wins:
      #   command-line flags (--profile, --base-url, --model, --timeout)
      #   environment (DRAFT_PROFILE, OPENAI_BASE_URL, OPENAI_API_KEY, DRAFT_MODEL)
      #   the chosen profile below, then its preset, then built-in defaults.
      #
      # API keys never go in this file: name the variable that holds one (api_key_env) or a command
      # that prints one (api_key_cmd). 'draft config show' prints what is in effect, and why.

      default_profile: local

      # Record every run in the history (on or off).
      history: on

      profiles:
        # A llama.cpp server on this machine: llama-server -m model.gguf --port 8080
        local:
          base_url: http://127.0.0.1:8080/v1

        # Ollama. Presets: openai, azure, deepseek, qwen, moonshot, zhipu, openrouter, groq,
        # together, mistral, ollama, lmstudio, vllm, llamacpp.
      # ollama:
      #   preset: ollama
      #   model: qwen2.5:7b-instruct

        # OpenAI. The preset reads the key from OPENAI_API_KEY.
      # openai:
      #   preset: openai
      #   model: gpt-4o-mini
      #   timeouts: {connect: 10s, idle: 2m}
      #   max_retries: 2
      #   concurrency: 4
      #   prices: {input: 0.15, output: 0.60}   # US dollars per million tokens

        # DeepSeek, with its key in a variable of your choice.
      # deepseek:
      #   preset: deepseek
      #   model: deepseek-chat
      #   api_key_env: MY_DEEPSEEK_KEY
      #   prices: {input: 0.27, output: 1.10}

        # OpenRouter, with the optional attribution headers.
      # openrouter:
      #   preset: openrouter
      #   model: meta-llama/llama-3.3-70b-instruct
      #   headers:
      #     HTTP-Referer: https://example.com
      #     X-Title: draft
      #   concurrency: 2

        # Azure OpenAI: your resource's URL and deployment; the key from a password manager.
      # azure:
      #   preset: azure
      #   base_url: https://RESOURCE.openai.azure.com
      #   azure: {deployment: gpt-4o, api_version: "2024-10-21"}
      #   api_key_cmd: pass show azure/openai-key
      #   timeouts:
      #     connect: 10s
      #     idle: 120s
      #   max_retries: 3
      """;

  /** The file's text. */
  public static String text() {
    return TEXT;
  }
}
