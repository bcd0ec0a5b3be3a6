package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static dev.draft.client.openai.WireFixture.completion;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.Outcome;
import dev.draft.client.Usage;
import dev.draft.client.openai.WireFixture.RecordingListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Answers that are not streamed: one JSON body with every choice. */
class CompletionTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingListener listener = new RecordingListener();

  private ChatResult complete(int n) {
    return WireFixture.client(
            settings(wm).build(), CapabilityStore.inMemory(), new RecordingSleeper())
        .complete(request(n, false), listener);
  }

  @Test
  void completionIsOneCompleteChoiceWithUsage() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(jsonResponse(200, completion("The Nile."))));

    ChatResult result = complete(1);

    assertThat(result.choices()).hasSize(1);
    Choice choice = result.choices().get(0);
    assertThat(choice.index()).isZero();
    assertThat(choice.text()).isEqualTo("The Nile.");
    assertThat(choice.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(choice.finishReason()).isEqualTo("stop");
    assertThat(choice.error()).isNull();
    assertThat(result.usage()).isEqualTo(new Usage(19, 10));
    assertThat(chatBodies(wm).get(0).get("stream").asBoolean()).isFalse();
  }

  @Test
  void severalChoicesKeepTheirIndices() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(jsonResponse(200, completion("Nile", "Amazon", "Yangtze"))));

    ChatResult result = complete(3);

    assertThat(result.choices()).extracting(Choice::index).containsExactly(0, 1, 2);
    assertThat(result.choices())
        .extracting(Choice::text)
        .containsExactly("Nile", "Amazon", "Yangtze");
    assertThat(result.choices()).allMatch(c -> c.outcome() == Outcome.COMPLETE);
    assertThat(chatBodies(wm).get(0).get("n").asInt()).isEqualTo(3);
  }

  @Test
  void choicesOutOfOrderAreOrderedByIndex() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'id':'cmpl-9','object':'chat.completion','created':1741570283,"
                            + "'model':'Qwen/Qwen2.5-7B-Instruct','choices':[{'index':1,"
                            + "'message':{'role':'assistant','content':'Amazon'},"
                            + "'finish_reason':'length'},{'index':0,'message':{'role':"
                            + "'assistant','content':'Nile','reasoning_content':null},"
                            + "'finish_reason':'stop','stop_reason':null}],'usage':{"
                            + "'prompt_tokens':12,'total_tokens':20,'completion_tokens':8},"
                            + "'prompt_logprobs':null}"))));

    ChatResult result = complete(2);

    assertThat(result.choices()).extracting(Choice::text).containsExactly("Nile", "Amazon");
    assertThat(result.choices())
        .extracting(Choice::outcome)
        .containsExactly(Outcome.COMPLETE, Outcome.TRUNCATED);
  }

  @Test
  void reasoningInTheMessageIsKeptApartFromText() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                jsonResponse(
                    200,
                    json(
                        "{'id':'5f3c','object':'chat.completion','created':1741570283,"
                            + "'model':'deepseek-reasoner','choices':[{'index':0,'message':{"
                            + "'role':'assistant','content':'Nile','reasoning_content':"
                            + "'The longest river.'},'logprobs':null,'finish_reason':'stop'}],"
                            + "'usage':{'prompt_tokens':10,'completion_tokens':30,"
                            + "'total_tokens':40,'completion_tokens_details':{"
                            + "'reasoning_tokens':25}}}"))));

    ChatResult result = complete(1);

    assertThat(result.choices().get(0).text()).isEqualTo("Nile");
    assertThat(result.choices().get(0).reasoning()).isEqualTo("The longest river.");
    assertThat(listener.events()).containsExactly("0:Nile", "0~The longest river.");
  }
}
