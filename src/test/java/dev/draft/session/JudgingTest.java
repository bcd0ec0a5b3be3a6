package dev.draft.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.client.FakeChatClient;
import dev.draft.config.EndpointFlags;
import dev.draft.history.HistoryStore;
import dev.draft.history.StoredEvent;
import dev.draft.history.StoredRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session layer without a command line: a generation recorded in a real history, then judged,
 * with the model played by {@link FakeChatClient}.
 */
class JudgingTest {
  @RegisterExtension final FakeChatClient model = new FakeChatClient();
  @TempDir Path home;

  private final List<String> notices = new ArrayList<>();
  private Context context;
  private EndpointSession endpoint;
  private final ChatRequest request =
      Requests.of(List.of(ChatMessage.user("Name a river in Africa"))).build();

  @BeforeEach
  void setUp() {
    context =
        Context.builder(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
            .env(
                Map.of(
                    "DRAFT_HOME", home.toString(),
                    "OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
                    "DRAFT_MODEL", "m1"))
            .clients((settings, capabilities) -> model)
            .clock(Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC))
            .random(new Random(1))
            .build();
    endpoint = EndpointSession.open(context, EndpointFlags.none());
  }

  private Generation.Generated generate(FakeChatClient.Reply reply) {
    model.enqueue(reply);
    return new Generation(context, endpoint, true)
        .run(
            RunOrigin.rawPrompt(), "samples", request, 3, null, dev.draft.draft.DraftListener.NONE);
  }

  private StoredRun stored(String run) {
    try (HistoryStore store = HistoryStore.open(context.dirs().historyDb())) {
      return store.run(run).orElseThrow();
    }
  }

  @Test
  void theJudgesFirstChoiceIsThePickAndItsRankingIsRecorded() {
    Generation.Generated generated = generate(FakeChatClient.answer("Nile", "Congo", "Niger"));
    // The drafts are shown blind as A, B, C in an order of the context's random.
    model.enqueue(
        FakeChatClient.answer(
                "{\"ranking\": [\"B\", \"A\", \"C\"], \"notes\": {\"B\": \"longest\"}}")
            .whenAsked("<draft label="));

    Judging.Verdict verdict =
        new Judging(context, endpoint, notices::add).judge(generated, request, 3);

    assertThat(verdict.failed()).isFalse();
    assertThat(verdict.judgement()).isNotNull();
    assertThat(verdict.chosen()).isEqualTo(verdict.judgement().first());
    ChatRequest asked = model.requests().get(1);
    assertThat(asked.stream()).isFalse();
    assertThat(asked.temperature()).isEqualTo(Revisions.JUDGE_TEMPERATURE);
    assertThat(asked.messages().get(asked.messages().size() - 1).content())
        .contains("Name a river in Africa", "Nile", "Congo", "Niger");
    StoredRun run = stored(generated.run());
    assertThat(run.picked()).isEqualTo(verdict.chosen());
    assertThat(run.events()).extracting(StoredEvent::kind).containsExactly("judge", "pick");
    assertThat(notices).containsExactly("draft: asking m1 to judge 3 drafts …");
  }

  @Test
  void withOneWholeDraftThereIsNothingToJudgeAndItIsThePick() {
    Generation.Generated generated =
        generate(
            FakeChatClient.reply()
                .text(0, "Nile")
                .finish(0, "stop")
                .text(1, "Con")
                .text(2, "Nig")
                .streamError("connection reset"));

    Judging.Verdict verdict =
        new Judging(context, endpoint, notices::add).judge(generated, request, 3);

    assertThat(verdict.chosen()).isEqualTo(1);
    assertThat(verdict.judgement()).isNull();
    assertThat(model.requests()).hasSize(1);
    assertThat(stored(generated.run()).picked()).isEqualTo(1);
    assertThat(notices)
        .containsExactly("draft: only draft 1 came back whole, so there is nothing to judge");
  }

  @Test
  void aJudgeThatFailsCostsNothingAndEveryDraftIsShown() {
    Generation.Generated generated = generate(FakeChatClient.answer("Nile", "Congo", "Niger"));
    model.enqueue(
        FakeChatClient.failure(EndpointException.Kind.SERVER_ERROR, "HTTP 503: overloaded"));

    Judging.Verdict verdict =
        new Judging(context, endpoint, notices::add).judge(generated, request, 3);

    assertThat(verdict.chosen()).isZero();
    assertThat(verdict.failed()).isTrue();
    assertThat(verdict.interrupted()).isFalse();
    assertThat(stored(generated.run()).picked()).isNull();
    assertThat(notices)
        .last()
        .asString()
        .isEqualTo("draft: HTTP 503: overloaded; every draft follows");
  }
}
