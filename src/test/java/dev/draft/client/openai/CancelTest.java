package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.EndpointException;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import dev.draft.draft.DraftGenerator;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.Status;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ctrl-C: cancel() stops the streams in flight and keeps what they had. */
class CancelTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  /** A stream whose first words arrive at once and whose rest takes many seconds. */
  private void slowStream() {
    StringBuilder parts = new StringBuilder();
    String[] words = new String[60];
    for (int i = 0; i < words.length; i++) {
      words[i] = "word" + i + " ";
    }
    parts.append(stream(words));
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(eventStream(parts.toString()).withChunkedDribbleDelay(60, 12_000)));
  }

  @Test
  void cancelMidStreamKeepsThePartialTextAsInterrupted() throws Exception {
    slowStream();
    OpenAiChatClient client =
        WireFixture.client(settings(wm).build(), capabilities, new RecordingSleeper());
    CountDownLatch firstText = new CountDownLatch(1);
    StreamListener listener =
        new StreamListener() {
          @Override
          public void onText(int index, String delta) {
            firstText.countDown();
          }
        };
    Thread canceller =
        new Thread(
            () -> {
              try {
                if (firstText.await(10, TimeUnit.SECONDS)) {
                  client.cancel();
                }
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
            });
    canceller.start();

    ChatResult result = client.complete(request(1, true), listener);
    canceller.join();

    Choice choice = result.choices().get(0);
    assertThat(choice.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(choice.error()).isEqualTo("stopped by the user");
    assertThat(choice.text()).startsWith("word0").doesNotContain("word59");
    wm.verify(
        1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void requestAfterCancelIsNotSentAndSaysStopped() {
    OpenAiChatClient client =
        WireFixture.client(settings(wm).build(), capabilities, new RecordingSleeper());
    client.cancel();

    EndpointException e =
        catchThrowableOfType(
            EndpointException.class, () -> client.complete(request(1, true), StreamListener.NONE));

    assertThat(e.kind()).isEqualTo(EndpointException.Kind.INTERRUPTED);
    assertThat(e.getMessage()).isEqualTo("stopped by the user");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void cancelDuringFanOutMarksEveryDraftInterruptedAndKeepsTheirText() throws Exception {
    slowStream();
    capabilities.update(
        WireFixture.settings(wm).build().capabilityKey(), c -> c.withNativeN(false));
    OpenAiChatClient client =
        WireFixture.client(settings(wm).build(), capabilities, new RecordingSleeper());
    CountDownLatch allStarted = new CountDownLatch(3);
    boolean[] seen = new boolean[4];
    DraftListener listener =
        new DraftListener() {
          @Override
          public synchronized void onText(int draft, String delta) {
            if (!seen[draft]) {
              seen[draft] = true;
              allStarted.countDown();
            }
          }
        };
    Thread canceller =
        new Thread(
            () -> {
              try {
                allStarted.await(10, TimeUnit.SECONDS);
                client.cancel();
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
            });
    canceller.start();

    DraftSet set =
        new DraftGenerator(client, capabilities, settings(wm).build().capabilityKey(), 4)
            .generate(request(1, true), 3, listener);
    canceller.join();

    assertThat(set.drafts()).hasSize(3);
    assertThat(set.drafts())
        .allSatisfy(
            d -> {
              assertThat(d.status()).isEqualTo(Status.INTERRUPTED);
              assertThat(d.text()).startsWith("word0");
            });
    assertThat(set.firstFailure()).isNull();
  }

  @Test
  @Timeout(value = 20) // A hang guard: before the fix the wait ran its full 30 s.
  void cancelDuringARetryAfterWaitEndsTheWaitAndSaysStopped() throws Exception {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                jsonResponse(
                        429,
                        json(
                            "{'error':{'message':'Rate limit reached for gpt-4o-mini on requests"
                                + " per min (RPM): Limit 3, Used 3, Requested 1.',"
                                + "'type':'requests','param':null,'code':'rate_limit_exceeded'}}"))
                    .withHeader("Retry-After", "30")));
    // The public constructor: the wait between retries is real, not recorded.
    OpenAiChatClient client =
        new OpenAiChatClient(settings(wm).maxRetries(1).build(), CapabilityStore.inMemory());
    Thread canceller =
        new Thread(
            () -> {
              try {
                while (wm.getAllServeEvents().isEmpty()) {
                  Thread.sleep(10);
                }
                // Time for the 429 to reach the client and its wait to begin.
                Thread.sleep(200);
                client.cancel();
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
            });
    canceller.start();

    EndpointException e =
        catchThrowableOfType(
            EndpointException.class, () -> client.complete(request(1, true), StreamListener.NONE));
    canceller.join();

    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(EndpointException.Kind.INTERRUPTED);
    assertThat(e.getMessage()).isEqualTo("stopped by the user");
    wm.verify(
        1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(CHAT)));
  }
}
