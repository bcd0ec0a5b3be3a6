package dev.draft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake model: what it answers, what it records, and how loudly it fails. */
@Timeout(20)
class FakeChatClientTest {
  private final FakeChatClient model = new FakeChatClient();
  private final Recorder listener = new Recorder();

  private static ChatRequest ask(String prompt, int n, boolean stream) {
    return new ChatRequest("m1", List.of(ChatMessage.user(prompt)), n, null, null, null, stream);
  }

  private static ChatRequest ask(String prompt) {
    return ask(prompt, 1, true);
  }

  /** Records what was streamed as {@code 0:text}, {@code 0~reasoning} and {@code 0!finish}. */
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

  // --- answers --------------------------------------------------------------------------------

  @Test
  void anAnswerIsOneCompleteChoicePerTextStreamedInIndexOrder() {
    model.enqueue(FakeChatClient.answer("Red", "Green").usage(10, 5));

    ChatResult result = model.complete(ask("Colours", 2, true), listener);

    assertThat(listener.events).containsExactly("0:Red", "0!stop", "1:Green", "1!stop");
    assertThat(result.choices())
        .containsExactly(
            new Choice(0, "Red", null, "stop", Outcome.COMPLETE, null, Usage.NONE),
            new Choice(1, "Green", null, "stop", Outcome.COMPLETE, null, Usage.NONE));
    assertThat(result.usage()).isEqualTo(new Usage(10, 5));
    model.assertAllConsumed();
  }

  @Test
  void aSingleChoiceCarriesTheRequestsUsage() {
    model.enqueue(FakeChatClient.answer("Nile").usage(9, 3));

    Choice choice = model.complete(ask("A river"), listener).choices().get(0);

    assertThat(choice.usage()).isEqualTo(new Usage(9, 3));
  }

  @Test
  void aScriptedStreamDeliversItsDeltasInOrderWithReasoningAndFinishReasons() {
    model.enqueue(
        FakeChatClient.reply()
            .reasoning(0, "Think")
            .text(1, "Ama")
            .text(0, "Ni")
            .text(1, "zon")
            .text(0, "le")
            .finish(1, "length")
            .finish(0, "stop")
            .finish(0, "length"));

    ChatResult result = model.complete(ask("Rivers", 2, true), listener);

    assertThat(listener.events)
        .containsExactly("0~Think", "1:Ama", "0:Ni", "1:zon", "0:le", "1!length", "0!stop");
    assertThat(result.choices())
        .containsExactly(
            new Choice(0, "Nile", "Think", "stop", Outcome.COMPLETE, null, Usage.NONE),
            new Choice(1, "Amazon", null, "length", Outcome.TRUNCATED, null, Usage.NONE));
  }

  @Test
  void aChoiceWithoutAFinishReasonIsInterruptedAndAnErrorFinishFailsIt() {
    model.enqueue(FakeChatClient.reply().text(0, "Once upon").text(1, "No").finish(1, "error"));

    List<Choice> choices = model.complete(ask("A story", 2, true), listener).choices();

    assertThat(choices.get(0).outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(choices.get(0).error()).isEqualTo("the stream ended before the model finished");
    assertThat(choices.get(0).text()).isEqualTo("Once upon");
    assertThat(choices.get(1).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(choices.get(1).error())
        .isEqualTo("the server ended this draft with finish reason 'error'");
  }

  @Test
  void aStreamErrorFailsTheUnfinishedChoicesAndEveryChoiceWhenNoneCame() {
    model.enqueue(
        FakeChatClient.reply().text(0, "Nile").finish(0, "stop").text(1, "Am").streamError("boom"));
    model.enqueue(FakeChatClient.reply().streamError("overloaded"));

    List<Choice> some = model.complete(ask("Rivers", 2, true), listener).choices();
    List<Choice> none = model.complete(ask("Rivers", 3, true), listener).choices();

    assertThat(some).extracting(Choice::outcome).containsExactly(Outcome.COMPLETE, Outcome.FAILED);
    assertThat(some.get(1).error()).isEqualTo("boom");
    assertThat(some.get(1).text()).isEqualTo("Am");
    assertThat(none).hasSize(3).allSatisfy(c -> assertThat(c.error()).isEqualTo("overloaded"));
  }

  @Test
  void usagePerChoiceAddsUpToTheRequestsUnlessTheRequestsIsGiven() {
    model.enqueue(FakeChatClient.answer("a", "b").usage(0, 20, 4).usage(1, 20, 6));
    model.enqueue(FakeChatClient.answer("a", "b").usage(0, 20, 4).usage(1, 20, 6).usage(20, 99));

    ChatResult summed = model.complete(ask("x", 2, true), listener);
    ChatResult given = model.complete(ask("x", 2, true), listener);

    assertThat(summed.usage()).isEqualTo(new Usage(20, 10));
    assertThat(summed.choices())
        .extracting(Choice::usage)
        .containsExactly(new Usage(20, 4), new Usage(20, 6));
    assertThat(given.usage()).isEqualTo(new Usage(20, 99));
  }

  @Test
  void aRequestForFewerChoicesThanScriptedGetsWhatWasScripted() {
    model.enqueue(FakeChatClient.answer("only one"));

    assertThat(model.complete(ask("x", 3, true), listener).choices()).hasSize(1);
  }

  @Test
  void aScriptedFailureIsThrownWithItsKind() {
    model.enqueue(FakeChatClient.failure(EndpointException.Kind.AUTH, "the key was refused"));
    EndpointException rateLimit =
        new EndpointException(EndpointException.Kind.RATE_LIMITED, 429, "slow down");
    model.enqueue(FakeChatClient.failure(rateLimit));

    EndpointException auth =
        catchThrowableOfType(EndpointException.class, () -> model.complete(ask("x"), listener));
    EndpointException limited =
        catchThrowableOfType(EndpointException.class, () -> model.complete(ask("x"), listener));

    assertThat(auth.kind()).isEqualTo(EndpointException.Kind.AUTH);
    assertThat(auth.getMessage()).isEqualTo("the key was refused");
    assertThat(limited).isSameAs(rateLimit);
    model.assertAllConsumed();
  }

  @Test
  void aReplyNeverProducingAnythingIsRefusedWhenQueued() {
    assertThatThrownBy(() -> model.enqueue(FakeChatClient.reply()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> model.enqueue(FakeChatClient.reply().hold()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeChatClient.reply().untilCancelled().text(0, "late"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReplyChangedAfterItWasQueuedAnswersAsQueued() {
    FakeChatClient.Reply reply = FakeChatClient.answer("first");
    model.enqueue(reply);
    reply.text(1, "added later");

    assertThat(model.complete(ask("x"), listener).choices()).hasSize(1);
  }

  // --- matching and recording -------------------------------------------------------------------

  @Test
  void aRequestTakesTheFirstReplyWhoseConditionItMeets() {
    model.enqueue(FakeChatClient.answer("Revised.").whenAsked("<instruction>"));
    model.enqueue(FakeChatClient.answer("Judged.").when("not streamed", r -> !r.stream()));
    model.enqueue(FakeChatClient.answer("Anything."));

    String judged = model.complete(ask("Rank these", 1, false), listener).choices().get(0).text();
    String revised =
        model.complete(ask("<instruction>tighter</instruction>"), listener).choices().get(0).text();
    String other = model.complete(ask("Hello"), listener).choices().get(0).text();

    assertThat(List.of(judged, revised, other)).containsExactly("Judged.", "Revised.", "Anything.");
    assertThat(model.requests())
        .extracting(r -> r.messages().get(0).content())
        .containsExactly("Rank these", "<instruction>tighter</instruction>", "Hello");
  }

  @Test
  void aRequestNothingWasQueuedForFailsLoudlyThenAndAtTheCheck() {
    model.enqueue(FakeChatClient.answer("Revised.").whenAsked("<instruction>"));

    assertThatThrownBy(() -> model.complete(ask("Name three colours", 3, true), listener))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("nothing was queued for")
        .hasMessageContaining("n=3")
        .hasMessageContaining("Name three colours")
        .hasMessageContaining("a request asking '<instruction>'");
    // The code under test may have swallowed it; the check at the end still fails.
    assertThatThrownBy(model::assertAllConsumed).hasMessageContaining("nothing was queued for");
    assertThat(model.requests()).hasSize(1);
  }

  @Test
  void repliesNeverAskedForFailTheCheck() {
    model.enqueue(FakeChatClient.answer("one"));
    model.enqueue(FakeChatClient.answer("two").whenAsked("refine"));
    model.enqueueModels("m1");
    model.complete(ask("x"), listener);

    assertThatThrownBy(model::assertAllConsumed)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never asked for")
        .hasMessageContaining("a request asking 'refine'")
        .hasMessageContaining("a model list of [m1]");
  }

  @Test
  void modelListsAreAnsweredInTurnAndCounted() {
    model.enqueueModels("m1", "m2");
    model.enqueueModels(List.of(new ModelInfo("big", "org", 131072)));
    model.enqueueModelsFailure(
        new EndpointException(EndpointException.Kind.UNREACHABLE, 0, "nobody there"));

    assertThat(model.listModels()).extracting(ModelInfo::id).containsExactly("m1", "m2");
    assertThat(model.listModels()).containsExactly(new ModelInfo("big", "org", 131072));
    assertThatThrownBy(model::listModels).hasMessage("nobody there");
    assertThatThrownBy(model::listModels).isInstanceOf(AssertionError.class);
    assertThat(model.modelListRequests()).isEqualTo(4);
  }

  // --- holds, Ctrl-C ----------------------------------------------------------------------------

  private CompletableFuture<ChatResult> inBackground(ChatRequest request) {
    return CompletableFuture.supplyAsync(() -> model.complete(request, listener));
  }

  @Test
  void tokensAreCountedOnlyWhenAServerTokenizerIsScripted() {
    assertThat(model.countTokens("m1", "four words of text")).isEmpty();

    model.tokenizer(text -> text.split(" ").length);

    assertThat(model.countTokens("m1", "four words of text")).hasValue(4);
    assertThat(model.tokenCountRequests()).isEqualTo(2);
    model.cancel();
    assertThatThrownBy(() -> model.countTokens("m1", "text"))
        .isInstanceOfSatisfying(
            EndpointException.class,
            e -> assertThat(e.kind()).isEqualTo(EndpointException.Kind.INTERRUPTED));
  }

  @Test
  void cancelEndsABlockedStreamKeepingTheTextSoFarAsTheRealClientDoes() throws Exception {
    model.enqueue(
        FakeChatClient.reply()
            .text(0, "Red is")
            .text(1, "Green")
            .finish(1, "stop")
            .text(2, "Blue")
            .untilCancelled());
    CompletableFuture<ChatResult> running = inBackground(ask("Colours", 3, true));

    model.awaitHeld();
    assertThat(running).isNotDone();
    assertThat(listener.events).containsExactly("0:Red is", "1:Green", "1!stop", "2:Blue");
    model.cancel();
    List<Choice> choices = running.get(5, TimeUnit.SECONDS).choices();

    assertThat(choices)
        .extracting(Choice::text, Choice::outcome, Choice::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Red is", Outcome.INTERRUPTED, "stopped by the user"),
            org.assertj.core.groups.Tuple.tuple("Green", Outcome.COMPLETE, null),
            org.assertj.core.groups.Tuple.tuple(
                "Blue", Outcome.INTERRUPTED, "stopped by the user"));
  }

  @Test
  void cancelBeforeAnythingStreamedThrowsInterrupted() throws Exception {
    model.enqueue(FakeChatClient.reply().untilCancelled());
    CompletableFuture<ChatResult> running = inBackground(ask("x"));

    model.awaitHeld();
    model.cancel();

    assertThat(running)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(
            EndpointException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(EndpointException.Kind.INTERRUPTED);
              assertThat(e.getMessage()).isEqualTo("stopped by the user");
            });
  }

  @Test
  void afterCancelRequestsSayStoppedAndConsumeNothingUntilResume() {
    model.enqueue(FakeChatClient.answer("after the stop"));
    model.cancel();

    EndpointException stopped =
        catchThrowableOfType(EndpointException.class, () -> model.complete(ask("x"), listener));
    model.resume();
    String text = model.complete(ask("y"), listener).choices().get(0).text();

    assertThat(stopped.kind()).isEqualTo(EndpointException.Kind.INTERRUPTED);
    assertThat(stopped.getMessage()).isEqualTo("stopped by the user");
    assertThat(text).isEqualTo("after the stop");
    assertThat(model.requests()).hasSize(2);
    model.assertAllConsumed();
  }

  @Test
  void aHeldStreamGoesOnWhenReleased() throws Exception {
    model.enqueue(FakeChatClient.reply().text(0, "Gre").hold().text(0, "en").finish(0, "stop"));
    CompletableFuture<ChatResult> running = inBackground(ask("x"));

    model.awaitHeld();
    assertThat(listener.events).containsExactly("0:Gre");
    assertThat(running).isNotDone();
    model.release();

    Choice choice = running.get(5, TimeUnit.SECONDS).choices().get(0);
    assertThat(choice.text()).isEqualTo("Green");
    assertThat(choice.outcome()).isEqualTo(Outcome.COMPLETE);
  }

  @Test
  void aHeldStreamEndsStoppedWhenCancelled() throws Exception {
    model.enqueue(FakeChatClient.reply().text(0, "Gre").hold().text(0, "en").finish(0, "stop"));
    CompletableFuture<ChatResult> running = inBackground(ask("x"));

    model.awaitHeld();
    model.cancel();

    Choice choice = running.get(5, TimeUnit.SECONDS).choices().get(0);
    assertThat(choice.text()).isEqualTo("Gre");
    assertThat(choice.error()).isEqualTo("stopped by the user");
    assertThat(listener.events).containsExactly("0:Gre");
  }

  @Test
  void aHoldNobodyEndsFailsTheTestInsteadOfHangingIt() {
    FakeChatClient impatient = new FakeChatClient(Duration.ofMillis(200));
    impatient.enqueue(FakeChatClient.reply().text(0, "Gre").untilCancelled());

    assertThatThrownBy(() -> impatient.complete(ask("x"), listener))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("nobody called cancel()");
    assertThatThrownBy(impatient::assertAllConsumed).hasMessageContaining("nobody called");
    assertThatThrownBy(impatient::awaitHeld).hasMessageContaining("no request reached");
  }
}
