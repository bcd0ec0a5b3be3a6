package dev.draft.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.history.RunParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsTest {
  private static final List<ChatMessage> MESSAGES = List.of(ChatMessage.user("Name a river"));
  private static final RunParams PARENT = new RunParams(3, 0.3, 300, 7L, "samples");

  @Test
  void aFlagBeatsTheTemplateWhichBeatsTheParentRun() {
    ChatRequest flagged =
        Requests.of(MESSAGES)
            .flags(new Sampling(1.2, 100, null, true))
            .template(0.9, 200)
            .parent(PARENT)
            .build();
    ChatRequest templated = Requests.of(MESSAGES).template(0.9, 200).parent(PARENT).build();
    ChatRequest inherited = Requests.of(MESSAGES).template(null, null).parent(PARENT).build();

    assertThat(flagged.temperature()).isEqualTo(1.2);
    assertThat(flagged.maxTokens()).isEqualTo(100);
    assertThat(templated.temperature()).isEqualTo(0.9);
    assertThat(templated.maxTokens()).isEqualTo(200);
    assertThat(inherited.temperature()).isEqualTo(0.3);
    assertThat(inherited.maxTokens()).isEqualTo(300);
  }

  @Test
  void eachValueFallsBackOnItsOwn() {
    ChatRequest request =
        Requests.of(MESSAGES)
            .flags(new Sampling(null, 50, null, true))
            .template(0.9, null)
            .parent(PARENT)
            .build();

    assertThat(request.temperature()).isEqualTo(0.9);
    assertThat(request.maxTokens()).isEqualTo(50);
  }

  @Test
  void onlyTheFlagsGiveASeedSoARevisionDoesNotRepeatItsParent() {
    assertThat(Requests.of(MESSAGES).parent(PARENT).build().seed()).isNull();
    assertThat(Requests.of(MESSAGES).flags(Sampling.of(PARENT)).build().seed()).isEqualTo(7L);
  }

  @Test
  void nothingSetLeavesEverythingToTheServerAndStreams() {
    ChatRequest request = Requests.of(MESSAGES).build();

    assertThat(request.model()).isNull();
    assertThat(request.n()).isEqualTo(1);
    assertThat(request.temperature()).isNull();
    assertThat(request.maxTokens()).isNull();
    assertThat(request.stream()).isTrue();
    assertThat(request.messages()).isEqualTo(MESSAGES);
  }

  @Test
  void theFallbackTemperatureComesLastAndUnstreamedBeatsTheFlags() {
    ChatRequest judge =
        Requests.of(MESSAGES).fallbackTemperature(0).unstreamed().parent(PARENT).build();
    ChatRequest bare = Requests.of(MESSAGES).fallbackTemperature(0).unstreamed().build();

    assertThat(judge.temperature()).isEqualTo(0.3);
    assertThat(bare.temperature()).isEqualTo(0.0);
    assertThat(bare.stream()).isFalse();
    assertThat(Requests.of(MESSAGES).flags(new Sampling(null, null, null, false)).build().stream())
        .isFalse();
  }
}
