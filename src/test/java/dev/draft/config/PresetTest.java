package dev.draft.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresetTest {

  @Test
  void namesListEveryPresetInDocumentedOrder() {
    assertThat(Preset.names())
        .containsExactly(
            "openai",
            "azure",
            "deepseek",
            "qwen",
            "moonshot",
            "zhipu",
            "openrouter",
            "groq",
            "together",
            "mistral",
            "ollama",
            "lmstudio",
            "vllm",
            "llamacpp");
  }

  @Test
  void remotePresetCarriesUrlAndKeyVariable() {
    Preset deepseek = Preset.named("deepseek").orElseThrow();

    assertThat(deepseek.baseUrl()).isEqualTo("https://api.deepseek.com/v1");
    assertThat(deepseek.keyVariable()).isEqualTo("DEEPSEEK_API_KEY");
    assertThat(deepseek.isLocal()).isFalse();
    assertThat(deepseek.azure()).isFalse();
  }

  @Test
  void qwenUsesDashScopeCompatibleMode() {
    Preset qwen = Preset.named("qwen").orElseThrow();

    assertThat(qwen.baseUrl()).isEqualTo("https://dashscope.aliyuncs.com/compatible-mode/v1");
    assertThat(qwen.keyVariable()).isEqualTo("DASHSCOPE_API_KEY");
  }

  @Test
  void localPresetsNeedNoKey() {
    assertThat(Preset.named("llamacpp").orElseThrow().baseUrl())
        .isEqualTo("http://127.0.0.1:8080/v1");
    assertThat(Preset.named("ollama").orElseThrow().baseUrl())
        .isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(Preset.all().stream().filter(Preset::isLocal).map(Preset::name))
        .containsExactly("ollama", "lmstudio", "vllm", "llamacpp");
  }

  @Test
  void azureHasNoBaseUrlAndItsOwnKeyVariable() {
    Preset azure = Preset.named("azure").orElseThrow();

    assertThat(azure.azure()).isTrue();
    assertThat(azure.baseUrl()).isNull();
    assertThat(azure.keyVariable()).isEqualTo("AZURE_OPENAI_API_KEY");
  }

  @Test
  void unknownOrDifferentlyCasedNameFindsNothing() {
    assertThat(Preset.named("deepsek")).isEmpty();
    assertThat(Preset.named("OpenAI")).isEmpty();
  }

  @Test
  void hostedProvidersAreTheRemotePresetsHostsAndAzure() {
    assertThat(Preset.isHostedProvider("https://api.openai.com/v1")).isTrue();
    assertThat(Preset.isHostedProvider("https://OpenRouter.ai/api/v1/")).isTrue();
    assertThat(Preset.isHostedProvider("https://team.openai.azure.com")).isTrue();
    assertThat(Preset.isHostedProvider("http://127.0.0.1:8080/v1")).isFalse();
    assertThat(Preset.isHostedProvider("http://gpu-box.lan:8000/v1")).isFalse();
    assertThat(Preset.isHostedProvider("https://api.openai.com.example.net/v1")).isFalse();
    assertThat(Preset.isHostedProvider("not a url")).isFalse();
  }
}
