package dev.draft.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.batch.BatchSink;
import dev.draft.batch.BatchSinks;
import dev.draft.batch.BatchSource;
import dev.draft.batch.BatchSources;
import dev.draft.batch.RateLimiter;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.EndpointException;
import dev.draft.client.ModelInfo;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import dev.draft.config.EndpointFlags;
import dev.draft.longdoc.Strategy;
import dev.draft.template.Source;
import dev.draft.template.Template;
import dev.draft.template.TemplateLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch runner without a command line: a scripted endpoint that fails some items for good,
 * rate-limits or breaks others, and a rate limiter on a simulated clock, so a long batch's pace can
 * be checked without waiting for it.
 */
class BatchRunTest {
  @TempDir Path home;

  private final SimulatedClock clock = new SimulatedClock();
  private final Endpoint endpoint = new Endpoint();
  private Context context;
  private EndpointSession session;
  private Template template;

  @BeforeEach
  void setUp() {
    context =
        Context.builder(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
            .env(
                Map.of(
                    "DRAFT_HOME", home.toString(),
                    "OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
                    "DRAFT_MODEL", "m1",
                    "DRAFT_HISTORY", "off"))
            .clients((settings, capabilities) -> endpoint)
            .clock(Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC))
            .random(new Random(1))
            .build();
    session = EndpointSession.open(context, EndpointFlags.none());
    template =
        TemplateLoader.load(
            "again",
            Source.USER,
            "again.md",
            "---\ndescription: Again\ninput: required\n---\n" + "Again: {{input}}\n");
  }

  private BatchRun.Options options(int concurrency, Integer rpm, Integer tpm) {
    return new BatchRun.Options(
        template,
        Map.of(),
        Sampling.NONE,
        1,
        BatchRun.Select.FIRST,
        false,
        concurrency,
        rpm,
        tpm,
        Strategy.ERROR,
        false,
        "in.jsonl",
        "out.jsonl");
  }

  private Path items(int count) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      String kind = i % 7 == 0 ? "refused" : i % 5 == 0 ? "limited" : "fine";
      lines.append("{\"id\": \"").append(i).append("\", \"input\": \"").append(kind);
      lines.append(" item ").append(i).append("\"}\n");
    }
    Path file = home.resolve("in.jsonl");
    Files.writeString(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private BatchRun.Summary run(BatchRun.Options options, RateLimiter limiter) throws IOException {
    try (BatchSource source = BatchSources.open("in.jsonl", null, home, System.in);
        BatchSink sink = BatchSinks.open(home.resolve("out.jsonl"), false, null)) {
      return new BatchRun(context, session, options, () -> limiter)
          .run(source, sink, null, p -> {});
    }
  }

  private Map<String, String> statusById() throws IOException {
    Map<String, String> status = new HashMap<>();
    for (String line : Files.readAllLines(home.resolve("out.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode node = JsonText.MAPPER.readTree(line);
      assertThat(status.put(node.get("id").asText(), node.get("status").asText()))
          .as("item %s written twice", node.get("id").asText())
          .isNull();
    }
    return status;
  }

  @Test
  void everyItemEndsDoneOrFailedOnceAndNoMoreThanKAreInFlight() throws IOException {
    items(60);
    endpoint.latency = Duration.ofMillis(5);

    BatchRun.Summary summary = run(options(4, null, null), new RateLimiter(null, null));

    Map<String, String> status = statusById();
    assertThat(status).hasSize(60);
    // Items 7, 14, … are refused; 5, 10, … rate-limited for good; 35 is both.
    long refused = status.entrySet().stream().filter(e -> e.getValue().equals("failed")).count();
    assertThat(refused).isEqualTo(8 + 12 - 1);
    assertThat(summary.complete()).isEqualTo(60 - refused);
    assertThat(summary.failed()).isEqualTo(refused);
    assertThat(endpoint.calls.get()).isEqualTo(60);
    assertThat(endpoint.mostInFlight.get()).isBetween(2, 4);
  }

  @Test
  void requestsPerMinuteNeverExceedRpmInAnyMinute() throws IOException {
    items(35);
    RateLimiter limiter = new RateLimiter(10, null, clock, clock::advance);

    BatchRun.Summary summary = run(options(3, 10, null), limiter);

    assertThat(summary.complete() + summary.failed()).isEqualTo(35);
    List<Instant> sent = endpoint.sentAt;
    assertThat(sent).hasSize(35);
    List<Instant> sorted = new ArrayList<>(sent);
    Collections.sort(sorted);
    for (Instant start : sorted) {
      Instant end = start.plusSeconds(60);
      long inWindow = sorted.stream().filter(t -> !t.isBefore(start) && t.isBefore(end)).count();
      assertThat(inWindow).as("requests in the minute from %s", start).isLessThanOrEqualTo(10);
    }
    // 35 requests at 10 a minute: the last went out three minutes after the first, not sooner.
    assertThat(Duration.between(sorted.get(0), sorted.get(34)))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(3));
    assertThat(summary.waited()).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
  }

  /** A scripted endpoint: refuses "refused" items, rate-limits "limited" ones, echoes the rest. */
  private final class Endpoint implements ChatClient {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    final List<Instant> sentAt = Collections.synchronizedList(new ArrayList<>());
    volatile Duration latency = Duration.ZERO;

    @Override
    public ChatResult complete(ChatRequest request, StreamListener listener) {
      calls.incrementAndGet();
      sentAt.add(clock.instant());
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(latency.toMillis());
        String prompt = request.messages().get(request.messages().size() - 1).content();
        if (prompt.contains("refused")) {
          throw new EndpointException(EndpointException.Kind.BAD_REQUEST, 400, "refused");
        }
        if (prompt.contains("limited")) {
          throw new EndpointException(
              EndpointException.Kind.RATE_LIMITED, 429, "rate limited after 3 attempts");
        }
        return new ChatResult(
            List.of(
                new Choice(
                    0, "ok: " + prompt, null, "stop", Outcome.COMPLETE, null, new Usage(5, 2))),
            new Usage(5, 2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EndpointException(EndpointException.Kind.INTERRUPTED, 0, "interrupted");
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public List<ModelInfo> listModels() {
      return List.of(new ModelInfo("m1", null));
    }
  }

  /** A clock that moves only when the rate limiter sleeps on it. */
  private static final class SimulatedClock extends Clock {
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");

    synchronized void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
