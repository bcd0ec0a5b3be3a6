package dev.draft.client;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.draft.client.openai.WireFixture.chunk;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.finish;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.role;
import static dev.draft.client.openai.WireFixture.sse;
import static dev.draft.client.openai.WireFixture.text;
import static dev.draft.client.openai.WireFixture.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.openai.WireFixture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fake model answers as the real client does: the same answer, sent by WireMock to the real
 * client and scripted for the fake, streams the same deltas and comes back as the same result. The
 * fake's stop (Ctrl-C) is held to the strings {@code CancelTest} checks the real client for.
 */
class FakeChatClientParityTest {
  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final FakeChatClient fake = new FakeChatClient();

  /** What one client streamed and returned. */
  private record Seen(List<String> events, ChatResult result) {}

  private static final class Recorder implements StreamListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onText(int index, String delta) {
      events.add(index + ":" + delta);
    }

    @Override
    public void onReasoning(int index, String delta) {
      events.add(index + "~" + delta);
    }

    @Override
    public void onFinishReason(int index, String finishReason) {
      events.add(index + "!" + finishReason);
    }
  }

  private static ChatRequest request(int n, boolean stream) {
    return WireFixture.request(n, stream);
  }

  private Seen real(ResponseDefinitionBuilder response, ChatRequest request) {
    wm.stubFor(post("/v1/chat/completions").willReturn(response));
    ChatClient client =
        WireFixture.client(
            WireFixture.settings(wm).maxRetries(0).build(),
            CapabilityStore.inMemory(),
            new WireFixture.RecordingSleeper());
    Recorder recorder = new Recorder();
    return new Seen(recorder.events, client.complete(request, recorder));
  }

  private Seen fake(FakeChatClient.Reply reply, ChatRequest request) {
    fake.enqueue(reply);
    Recorder recorder = new Recorder();
    Seen seen = new Seen(recorder.events, fake.complete(request, recorder));
    fake.assertAllConsumed();
    return seen;
  }

  private static String reasoning(int index, String delta) {
    return chunk(
        "[{'index':"
            + index
            + ",'delta':{'reasoning_content':'"
            + delta
            + "'},'logprobs':null,'finish_reason':null}]");
  }

  @Test
  void interleavedChoicesWithReasoningFinishReasonsAndUsage() {
    ChatRequest request = request(2, true);
    Seen real =
        real(
            eventStream(
                sse(
                    role(0),
                    role(1),
                    reasoning(0, "Hm"),
                    text(1, "Ama"),
                    text(0, "Ni"),
                    text(1, "zon"),
                    text(0, "le"),
                    finish(1, "length"),
                    finish(0, "stop"),
                    usage(19, 10))),
            request);
    Seen fake =
        fake(
            FakeChatClient.reply()
                .reasoning(0, "Hm")
                .text(1, "Ama")
                .text(0, "Ni")
                .text(1, "zon")
                .text(0, "le")
                .finish(1, "length")
                .finish(0, "stop")
                .usage(19, 10),
            request);

    assertThat(fake).isEqualTo(real);
  }

  @Test
  void aSingleChoiceAndItsUsage() {
    ChatRequest request = request(1, true);
    Seen real =
        real(eventStream(sse(role(0), text(0, "Nile"), finish(0, "stop"), usage(9, 3))), request);
    Seen fake = fake(FakeChatClient.answer("Nile").usage(9, 3), request);

    assertThat(fake).isEqualTo(real);
  }

  @Test
  void choicesTheStreamEndedBeforeTheyFinishedAndAnErrorFinish() {
    ChatRequest request = request(3, true);
    Seen real =
        real(
            eventStream(
                sse(
                    role(0),
                    role(1),
                    role(2),
                    text(0, "Nile"),
                    text(1, "Amaz"),
                    text(2, "Yang"),
                    finish(0, "stop"),
                    finish(2, "error"))),
            request);
    Seen fake =
        fake(
            FakeChatClient.reply()
                .text(0, "Nile")
                .text(1, "Amaz")
                .text(2, "Yang")
                .finish(0, "stop")
                .finish(2, "error"),
            request);

    assertThat(fake).isEqualTo(real);
  }

  @Test
  void anErrorInTheStreamFailsTheUnfinishedChoices() {
    ChatRequest request = request(2, true);
    Seen real =
        real(
            eventStream(
                sse(
                    role(0),
                    role(1),
                    text(0, "Nile"),
                    finish(0, "stop"),
                    text(1, "Am"),
                    json(
                        "{'error':{'message':'The server is overloaded','type':'server_error'}}"))),
            request);
    Seen fake =
        fake(
            FakeChatClient.reply()
                .text(0, "Nile")
                .finish(0, "stop")
                .text(1, "Am")
                .streamError("The server is overloaded"),
            request);

    assertThat(fake).isEqualTo(real);
  }

  @Test
  void usageOfEachChoiceAsLlamaCppReportsIt() {
    ChatRequest request = request(2, true);
    Seen real =
        real(
            eventStream(
                sse(
                    text(0, "a"),
                    text(1, "b"),
                    finish(0, "stop"),
                    usage(20, 4),
                    finish(1, "stop"),
                    usage(20, 6))),
            request);
    Seen fake = fake(FakeChatClient.answer("a", "b").usage(0, 20, 4).usage(1, 20, 6), request);

    assertThat(fake.result()).isEqualTo(real.result());
  }

  @Test
  void aWholeAnswerNotStreamedReachesTheListenerAtOnce() {
    ChatRequest request = request(2, false);
    Seen real =
        real(
            WireFixture.jsonResponse(200, WireFixture.completion("Nile", "Amazon"))
                .withHeader("Content-Type", "application/json"),
            request);
    Seen fake = fake(FakeChatClient.answer("Nile", "Amazon").usage(19, 10), request);

    assertThat(fake).isEqualTo(real);
  }
}
