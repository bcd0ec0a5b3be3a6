package dev.draft.longdoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizersTest {
  /** 4 tokens in o200k_base, 7 in cl100k_base, 10 with the margin: tells the three apart. */
  private static final String HELLO_ZH = "你好，世界！";

  private static final String FOX = "The quick brown fox jumps over the lazy dog.";

  private static final String ZH_PARAGRAPH =
      "火车在黄昏时分停进小站。站台上只有一盏昏黄的灯，照着斑驳的水泥地和一排生锈的栏杆。"
          + "林远提着旧皮箱走下车厢，风从田野那边吹过来，带着稻草燃烧的气味。十年没有回来，"
          + "车站几乎没有变，只是售票窗口换成了一台自动售票机，屏幕上落满了灰。";

  @Test
  void countsLikeO200kBaseForGpt4o() {
    TokenCounter counter = Tokenizers.forModel("gpt-4o");
    // The ids, from jtokkit: [13225, 11, 2375, 0], [83, 8251, 2488, 382, 2212, 0],
    // [177519, 979, 28428, 3393].
    assertThat(counter.count("Hello, world!")).isEqualTo(4);
    assertThat(counter.count("tiktoken is great!")).isEqualTo(6);
    assertThat(counter.count(HELLO_ZH)).isEqualTo(4);
    assertThat(counter.count(FOX)).isEqualTo(10);
    assertThat(counter).hasToString("o200k_base");
  }

  @Test
  void countsLikeCl100kBaseForGpt4() {
    TokenCounter counter = Tokenizers.forModel("gpt-4");
    // [9906, 11, 1917, 0], [83, 1609, 5963, 374, 2294, 0], [57668, 53901, 3922, 3574, 244, 98220,
    // 6447]: "世" takes two tokens in cl100k.
    assertThat(counter.count("Hello, world!")).isEqualTo(4);
    assertThat(counter.count("tiktoken is great!")).isEqualTo(6);
    assertThat(counter.count(HELLO_ZH)).isEqualTo(7);
    assertThat(counter).hasToString("cl100k_base");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gpt-4o",
        "gpt-4o-mini",
        "chatgpt-4o-latest",
        "gpt-4.1",
        "gpt-4.1-nano",
        "gpt-4.5-preview",
        "gpt-5",
        "gpt-5-mini",
        "gpt-5.1",
        "gpt-oss:20b",
        "o1",
        "o1-mini",
        "o3-mini",
        "o4-mini-2025-04-16",
        "openai/gpt-4o",
        "GPT-4o",
        "ft:gpt-4o-mini-2024-07-18:acme::9abc"
      })
  void newerOpenAiModelsUseO200k(String model) {
    assertThat(Tokenizers.forModel(model).count(HELLO_ZH)).as(model).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gpt-4",
        "gpt-4-turbo",
        "gpt-4-0613",
        "gpt-3.5-turbo",
        "gpt-35-turbo",
        "openai/gpt-3.5-turbo",
        "text-embedding-3-small"
      })
  void olderOpenAiModelsUseCl100kWithoutMargin(String model) {
    assertThat(Tokenizers.forModel(model).count(HELLO_ZH)).as(model).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "llama3.1",
        "tiny-llama",
        "qwen2.5:7b",
        "deepseek-chat",
        "mistral-large-latest",
        "anthropic/claude-sonnet-4",
        "o10-preview",
        "gpt-40"
      })
  @NullAndEmptySource
  void otherModelsUseCl100kWithTheMargin(String model) {
    TokenCounter counter = Tokenizers.forModel(model);
    assertThat(counter.count(HELLO_ZH)).as(model).isEqualTo(10); // 7 × 1.35 = 9.45
    assertThat(counter).hasToString("cl100k_base +35 %");
  }

  @Test
  void theMarginRoundsUpButNotPastAnExactProduct() {
    TokenCounter other = Tokenizers.forModel("llama3.1");
    assertThat(other.count("Hello, world!")).isEqualTo(6); // 4 × 1.35 = 5.4
    assertThat(other.count(FOX)).isEqualTo(14); // 10 × 1.35 = 13.5
    assertThat(other.count(FOX + " " + FOX)).isEqualTo(27); // 20 × 1.35, exactly
  }

  @Test
  void hangulCostsHalfATokenMorePerSyllableOnOtherTokenizers() {
    String korean = "긴 문서를 요약합니다"; // 9 tokens in cl100k, 9 syllables
    assertThat(Tokenizers.forModel("gpt-4").count(korean)).isEqualTo(9);
    // 9 × 1.35 + 9 × 0.5 = 16.65
    assertThat(Tokenizers.forModel("llama3.1").count(korean)).isEqualTo(17);
    assertThat(Tokenizers.forModel("gpt-4o").count(korean)).isEqualTo(6);
  }

  @Test
  void chineseIsCountedPerCharacterNotPerFourCharacters() {
    int characters = ZH_PARAGRAPH.length();
    int o200k = Tokenizers.forModel("gpt-4o").count(ZH_PARAGRAPH);
    int cl100k = Tokenizers.forModel("gpt-4").count(ZH_PARAGRAPH);
    int other = Tokenizers.forModel("qwen2.5").count(ZH_PARAGRAPH);
    // Neither the four-characters-a-token rule of English nor a byte count (three per character).
    assertThat(o200k).isBetween(characters / 2, characters * 3 / 2);
    assertThat(cl100k).isGreaterThan(o200k).isBetween(characters / 2, characters * 2);
    assertThat(other).isGreaterThanOrEqualTo((int) Math.ceil(cl100k * 1.35));
  }

  @Test
  void specialTokensInTheTextAreCountedAsText() {
    // jtokkit's encode() refuses them; a document may well contain one.
    assertThat(Tokenizers.forModel("gpt-4o").count("<|endoftext|>")).isEqualTo(7);
  }

  @Test
  void emptyTextCostsNothing() {
    assertThat(Tokenizers.forModel("gpt-4o").count("")).isZero();
    assertThat(Tokenizers.forModel("llama3.1").count("")).isZero();
  }

  @Test
  void calibratedScalesAndRoundsUp() {
    TokenCounter hundred = text -> 100;
    assertThat(Tokenizers.calibrated(hundred, 1.1).count("x")).isEqualTo(110); // not 111
    assertThat(Tokenizers.calibrated(hundred, 1.234).count("x")).isEqualTo(124);
    assertThat(Tokenizers.calibrated(hundred, 0.905).count("x")).isEqualTo(91);
    assertThat(Tokenizers.calibrated(text -> 0, 1.3).count("")).isZero();
    assertThat(Tokenizers.calibrated(text -> Integer.MAX_VALUE, 2).count("x"))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void calibratedCountsWithItsBase() {
    TokenCounter gpt4 = Tokenizers.forModel("gpt-4");
    TokenCounter server = Tokenizers.calibrated(gpt4, 1.5);
    assertThat(server.count(HELLO_ZH)).isEqualTo(11); // 7 × 1.5 = 10.5
    assertThat(server).hasToString("cl100k_base × 1.5");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void calibratedRefusesARatioThatIsNotPositive(double ratio) {
    assertThatThrownBy(() -> Tokenizers.calibrated(text -> 1, ratio))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
