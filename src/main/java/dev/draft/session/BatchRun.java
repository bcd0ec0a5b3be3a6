package dev.draft.session;

import dev.draft.batch.BatchItem;
import dev.draft.batch.BatchResult;
import dev.draft.batch.BatchSink;
import dev.draft.batch.BatchSource;
import dev.draft.batch.RateLimiter;
import dev.draft.batch.RequestsWriter;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.ModelInfo;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import dev.draft.client.openai.OpenAiChatClient;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftGenerator;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.Judgement;
import dev.draft.draft.NumberedText;
import dev.draft.draft.RunId;
import dev.draft.draft.Status;
import dev.draft.history.BatchItemRow;
import dev.draft.history.HistoryException;
import dev.draft.history.HistoryStore;
import dev.draft.history.NewRun;
import dev.draft.history.RunParams;
import dev.draft.longdoc.ContextWindow;
import dev.draft.longdoc.PromptFit;
import dev.draft.longdoc.Strategy;
import dev.draft.template.Template;
import dev.draft.template.TemplateException;
import dev.draft.template.TemplateRenderer;
import dev.draft.template.TemplateUsageException;
import dev.draft.template.TemplateValues;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One batch: every item of a source through one template, many at once in one process, each
 * finished item written to the destination as it ends, so that a crash, Ctrl-C or kill loses only
 * the items in flight and running the batch again resumes it. Items already complete in the
 * destination are skipped; an item that fails (a bad line, a missing variable, an endpoint error
 * after the client's retries) is recorded as failed and the batch goes on.
 *
 * <p>At most {@code concurrency} requests are in flight, and {@code --rpm} / {@code --tpm} and the
 * server's {@code x-ratelimit-*} headers pace them ({@link RateLimiter}). Items are read and
 * written as streams: memory does not grow with the number of items. An input longer than the
 * model's window is read in parts as the template's {@code long_input} says ({@link LongDocument}),
 * else the item fails with the numbers. In the history the batch is one run, its items rows of it.
 */
public final class BatchRun {
  /** How the draft written for an item is chosen among its candidates. */
  public enum Select {
    FIRST,
    LONGEST,
    SHORTEST,
    JUDGE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What a batch does with each item.
   *
   * @param values the template variables given for every item (an item's own fields win)
   * @param n candidates per item
   * @param keepAll whether every candidate is written, not only the one selected
   * @param concurrency the most requests in flight at once
   * @param rpm the most requests a minute, or null for no limit
   * @param tpm the most tokens a minute (prompt and answer room), or null for no limit
   * @param longInput what to do with an item longer than the window
   * @param record whether the batch is recorded in the history
   */
  public record Options(
      Template template,
      Map<String, String> values,
      Sampling sampling,
      int n,
      Select select,
      boolean keepAll,
      int concurrency,
      Integer rpm,
      Integer tpm,
      Strategy longInput,
      boolean record,
      String in,
      String out) {
    public Options {
      values = Map.copyOf(values);
    }
  }

  /**
   * How far the batch has got, after every item.
   *
   * @param total the items in the source, or null when unknown (stdin)
   * @param skipped items already complete in the destination
   */
  public record Progress(
      long done,
      long failed,
      long skipped,
      Long total,
      Usage usage,
      Double cost,
      Duration elapsed) {
    /** Items finished this run, failed or not. */
    public long finished() {
      return done + failed;
    }
  }

  /**
   * How the batch ended.
   *
   * @param runId the run in the history, or null when not recorded
   * @param waited how long the rate limits held requests back
   * @param firstFailure the first failed item's error, with its place, or null
   */
  public record Summary(
      String runId,
      long complete,
      long failed,
      long skipped,
      Usage usage,
      Double cost,
      Duration elapsed,
      Duration waited,
      boolean interrupted,
      String firstFailure) {}

  private final Context context;
  private final EndpointSession session;
  private final Options options;

  private final java.util.function.Supplier<RateLimiter> limiters;

  public BatchRun(Context context, EndpointSession session, Options options) {
    this(context, session, options, () -> new RateLimiter(options.rpm(), options.tpm()));
  }

  /** With the rate limiter {@code limiters} makes: one on a test's clock, say. */
  BatchRun(
      Context context,
      EndpointSession session,
      Options options,
      java.util.function.Supplier<RateLimiter> limiters) {
    this.context = context;
    this.session = session;
    this.options = options;
    this.limiters = limiters;
  }

  /**
   * Runs every item of {@code source} not yet complete in {@code sink}.
   *
   * @param total the items in the source, for progress, or null when unknown
   * @param progress told after every finished item, from the worker threads (one at a time)
   * @throws IOException when the source can no longer be read (items finished so far are kept)
   */
  public Summary run(BatchSource source, BatchSink sink, Long total, Consumer<Progress> progress)
      throws IOException {
    long started = System.nanoTime();
    RateLimiter limiter = limiters.get();
    Semaphore inFlight = new Semaphore(Math.max(1, options.concurrency()));
    Gate gate = new Gate(session.client(), inFlight, limiter);
    EndpointSession gated = session.withClient(gate);
    String model = session.model();
    Tally tally = new Tally(total, started, progress);
    ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, options.concurrency()));
    // One slot per worker: the reader waits for a free one, so items are read as they are run.
    Semaphore slots = new Semaphore(Math.max(1, options.concurrency()));
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicReference<IOException> writeFailure = new AtomicReference<>();
    try (BatchHistory history = BatchHistory.open(context, session, options, model);
        Interrupts.Scope scope =
            context
                .interrupts()
                .during(
                    () -> {
                      stopped.set(true);
                      gate.cancel();
                    })) {
      try {
        BatchItem item;
        while (!stopped.get() && writeFailure.get() == null && (item = source.next()) != null) {
          if (sink.done(item.id())) {
            tally.skip();
            continue;
          }
          slots.acquire();
          BatchItem next = item;
          workers.execute(
              () -> {
                try {
                  Outcome outcome;
                  try {
                    outcome = process(next, gated, model);
                  } catch (RuntimeException bug) {
                    // Never an item lost without a word: it is recorded failed, with the reason.
                    outcome = failed(next, next.where() + ": " + bug, null, Usage.NONE);
                  }
                  if (outcome == null || stopped.get()) {
                    return; // stopped in flight: not written, so the next run does it again
                  }
                  BatchResult recorded = sink.write(outcome.result());
                  history.add(recorded == outcome.result() ? outcome.row() : row(recorded, null));
                  tally.add(recorded, session.cost(recorded.usage()));
                } catch (IOException e) {
                  writeFailure.compareAndSet(null, e);
                } finally {
                  slots.release();
                }
              });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped.set(true);
        gate.cancel();
      } finally {
        workers.shutdown();
        awaitQuietly(workers);
      }
      if (writeFailure.get() != null) {
        throw writeFailure.get();
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      Summary summary =
          new Summary(
              history.runId(),
              tally.done.get(),
              tally.failed.get(),
              tally.skipped.get(),
              tally.usage(),
              session.cost(tally.usage()),
              elapsed,
              limiter.waited(),
              stopped.get() || scope.fired(),
              tally.firstFailure.get());
      history.finish(summary, options.in(), options.out(), sink.failuresWhere());
      return summary;
    }
  }

  /**
   * What a batch would send, sending nothing ({@code --dry-run}).
   *
   * @param items the items in the source
   * @param failing items that cannot run (a bad line, a missing variable), the first's reason in
   *     {@code firstFailure}
   * @param tooLong items longer than the window, read in parts or failed as {@code long_input} says
   * @param promptTokens every runnable item's prompt, counted as draft counts before sending
   * @param answerTokens the most the answers may take ({@code --max-tokens} or the template's,
   *     times the candidates), or null when no limit is set
   */
  public record DryRun(
      long items,
      long failing,
      long tooLong,
      long promptTokens,
      Long answerTokens,
      String firstFailure,
      ContextWindow window,
      String model) {}

  /**
   * Renders every item of {@code source} and counts its prompt, sending nothing; the first three
   * runnable items' prompts go to {@code shown}, each after a {@code === item ID ===} line.
   */
  public DryRun dryRun(BatchSource source, Consumer<String> shown) throws IOException {
    String model = session.model();
    long items = 0;
    long failing = 0;
    long tooLong = 0;
    long prompt = 0;
    int printed = 0;
    String firstFailure = null;
    ContextWindow window = ContextWindow.UNKNOWN;
    Integer maxTokens =
        options.sampling().maxTokens() != null
            ? options.sampling().maxTokens()
            : options.template().maxTokens();
    BatchItem item;
    while ((item = source.next()) != null) {
      items++;
      Prepared prepared = prepare(item, model);
      if (prepared.failure() != null) {
        failing++;
        firstFailure = firstFailure == null ? prepared.failure() : firstFailure;
        continue;
      }
      window = prepared.measured().window();
      prompt += prepared.measured().tokens();
      if (prepared.measured().problem() != null) {
        tooLong++;
      }
      if (printed < 3) {
        printed++;
        shown.accept("=== item " + item.id() + " (" + item.where() + ") ===");
        for (ChatMessage message : prepared.request().messages()) {
          shown.accept("[" + message.role() + "]");
          shown.accept(message.content().strip());
        }
      }
    }
    Long answers = maxTokens == null ? null : (long) maxTokens * options.n() * (items - failing);
    return new DryRun(items, failing, tooLong, prompt, answers, firstFailure, window, model);
  }

  /**
   * How an export went: the items written as requests, those already complete in the destination
   * and left out, and those that could not be (the first's reason in {@code firstFailure}).
   */
  public record Exported(long written, long skipped, long failed, String firstFailure) {}

  /**
   * Writes each item's request, as draft would send it but unstreamed, to {@code file} in the JSONL
   * format of the OpenAI Batch API and vLLM's {@code run-batch} ({@code custom_id} is the item's
   * id), sending nothing. Items complete in {@code sink} (when given) are left out; an item longer
   * than the window cannot be read in parts by an engine, so it is not written, and counted failed.
   */
  public Exported export(BatchSource source, BatchSink sink, java.nio.file.Path file)
      throws IOException {
    String model = session.model();
    long written = 0;
    long skipped = 0;
    long failed = 0;
    String firstFailure = null;
    try (RequestsWriter writer = new RequestsWriter(file)) {
      BatchItem item;
      while ((item = source.next()) != null) {
        if (sink != null && sink.done(item.id())) {
          skipped++;
          continue;
        }
        Prepared prepared = prepare(item, model);
        String failure =
            prepared.failure() != null
                ? prepared.failure()
                : prepared.measured().problem() != null
                    ? item.where() + ": " + prepared.measured().problem()
                    : null;
        if (failure != null) {
          failed++;
          firstFailure = firstFailure == null ? failure : firstFailure;
          continue;
        }
        ChatRequest request = prepared.request().withModel(model);
        if (options.n() > 1) {
          request = request.withN(options.n());
        }
        writer.add(item.id(), OpenAiChatClient.batchBody(request));
        written++;
      }
    }
    return new Exported(written, skipped, failed, firstFailure);
  }

  /** An item rendered and measured, or why it cannot be. */
  private record Prepared(ChatRequest request, PromptCheck.Measured measured, String failure) {}

  private Prepared prepare(BatchItem item, String model) {
    if (!item.runnable()) {
      return new Prepared(null, null, item.problem());
    }
    try {
      Map<String, String> values = values(item);
      List<ChatMessage> messages =
          Prompts.messages(TemplateRenderer.render(options.template(), values, input(item)));
      ChatRequest request =
          Requests.of(messages).flags(options.sampling()).template(options.template()).build();
      return new Prepared(
          request,
          PromptCheck.measure(session, request.withModel(model), "the item's input"),
          null);
    } catch (TemplateException | TemplateUsageException | UsageException e) {
      return new Prepared(null, null, item.where() + ": " + e.getMessage());
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        // Items still in flight: their requests end, or time out, on their own.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  /** An item's result, and what the history keeps of it. */
  private record Outcome(BatchResult result, BatchItemRow row) {}

  /** Runs one item; null when it was stopped by Ctrl-C before it ended. */
  private Outcome process(BatchItem item, EndpointSession gated, String model) {
    if (!item.runnable()) {
      return failed(item, item.problem(), null, Usage.NONE);
    }
    List<ChatMessage> messages = null;
    try {
      Map<String, String> values = values(item);
      Template template = options.template();
      String input = input(item);
      messages = Prompts.messages(TemplateRenderer.render(template, values, input));
      ChatRequest request =
          Requests.of(messages).flags(options.sampling()).template(template).build();
      PromptCheck.Measured measured =
          PromptCheck.measure(gated, request.withModel(model), "the item's input");
      Usage spent = Usage.NONE;
      if (measured.problem() != null) {
        Read read = readLong(item, gated, values, input, measured);
        if (read.failure() != null) {
          return failed(item, read.failure(), messages, read.usage());
        }
        request = read.request();
        messages = request.messages();
        spent = read.usage();
      }
      DraftSet set =
          new DraftGenerator(
                  gated.client(),
                  gated.capabilities(),
                  gated.settings().capabilityKey(),
                  Math.max(1, options.n()))
              .generate(request.withModel(model), options.n(), DraftListener.NONE);
      Usage usage = spent.plus(set.usage());
      if (set.drafts().stream().anyMatch(d -> d.status() == Status.INTERRUPTED)) {
        return null;
      }
      Usage[] judged = {Usage.NONE};
      Draft chosen = choose(set, request, gated, judged);
      usage = usage.plus(judged[0]);
      if (chosen == null) {
        // What came back is kept with the failure, cut short or not: it was paid for.
        Draft partial =
            set.drafts().stream().filter(d -> !d.text().isBlank()).findFirst().orElse(null);
        BatchResult result =
            new BatchResult(
                item,
                partial,
                List.of(),
                BatchResult.FAILED,
                item.where() + ": " + whyNone(set),
                usage);
        return new Outcome(result, row(result, messages));
      }
      BatchResult result =
          new BatchResult(
              item,
              chosen,
              options.keepAll() ? set.drafts() : List.of(),
              BatchResult.COMPLETE,
              null,
              usage);
      return new Outcome(result, row(result, messages));
    } catch (EndpointException e) {
      if (e.kind() == EndpointException.Kind.INTERRUPTED) {
        return null;
      }
      return failed(item, item.where() + ": " + e.getMessage(), messages, Usage.NONE);
    } catch (TemplateException | TemplateUsageException | UsageException e) {
      return failed(item, item.where() + ": " + e.getMessage(), messages, Usage.NONE);
    }
  }

  /** The template's variables for {@code item}: the flags', then the item's own declared fields. */
  private Map<String, String> values(BatchItem item) {
    Map<String, String> given = new LinkedHashMap<>(options.values());
    for (Map.Entry<String, String> field : item.variables().entrySet()) {
      String name = field.getKey().replace('-', '_');
      // A source holds more columns than a template uses (ids, prices): only declared ones count;
      // an empty cell leaves the flag's value or the template's default.
      if (options.template().variables().containsKey(name)
          && field.getValue() != null
          && !field.getValue().isBlank()) {
        given.put(name, field.getValue());
      }
    }
    return TemplateValues.resolve(options.template(), given);
  }

  /** The item's input, as its template wants it. */
  private String input(BatchItem item) {
    return switch (options.template().input()) {
      case NONE -> null;
      case OPTIONAL -> item.input();
      case REQUIRED -> {
        if (item.input() == null || item.input().isBlank()) {
          throw new UsageException(
              "no input: template "
                  + options.template().name()
                  + " needs one (an 'input' field or column, or --input-field / --input-column)");
        }
        yield item.input();
      }
    };
  }

  /** An item too long for the window, read as {@code long_input} says. */
  private record Read(ChatRequest request, Usage usage, String failure) {}

  private Read readLong(
      BatchItem item,
      EndpointSession gated,
      Map<String, String> values,
      String input,
      PromptCheck.Measured measured) {
    boolean inputTooLong = measured.tokens() >= measured.window().tokens();
    if (input == null || options.longInput() == Strategy.ERROR || !inputTooLong) {
      return new Read(
          null,
          Usage.NONE,
          item.where()
              + ": "
              + measured.problem()
              + (input != null && inputTooLong && options.longInput() == Strategy.ERROR
                  ? "; or read long items in parts with --long-input map-reduce"
                  : ""));
    }
    LongDocument document =
        new LongDocument(
            context,
            gated,
            options.template(),
            values,
            input,
            options.sampling(),
            TokenCounting.forDocument(gated, input),
            p -> {});
    ContextWindow window = measured.window();
    LongDocument.Plan plan =
        document.plan(options.longInput(), window, dev.draft.draft.Vary.samples);
    if (options.longInput() == Strategy.TRUNCATE) {
      List<ChatMessage> kept =
          Prompts.messages(
              TemplateRenderer.render(options.template(), values, document.truncated(plan)));
      return new Read(
          Requests.of(kept).flags(options.sampling()).template(options.template()).build(),
          Usage.NONE,
          null);
    }
    LongDocument.Read read = document.read(plan);
    if (!read.missing().isEmpty()) {
      return new Read(
          null,
          read.usage(),
          item.where()
              + ": "
              + read.missing().get(0).label()
              + " failed: "
              + read.missing().get(0).error());
    }
    return new Read(read.request(), read.usage(), null);
  }

  /** The draft written for the item, by {@code --select}; null when none came back whole. */
  private Draft choose(DraftSet set, ChatRequest request, EndpointSession gated, Usage[] judged) {
    List<Draft> whole =
        set.drafts().stream()
            .filter(d -> d.status() == Status.COMPLETE && !d.text().isBlank())
            .toList();
    if (whole.isEmpty()) {
      return null;
    }
    return switch (options.select()) {
      case FIRST -> whole.get(0);
      case LONGEST -> whole.stream().max(Comparator.comparingInt(d -> d.text().length())).get();
      case SHORTEST -> whole.stream().min(Comparator.comparingInt(d -> d.text().length())).get();
      case JUDGE -> {
        if (whole.size() == 1) {
          yield whole.get(0);
        }
        Judgement judgement;
        Revisions revisions = new Revisions(context, gated);
        try {
          judgement =
              revisions.judge(
                  Revisions.brief(request.messages()),
                  whole.stream().map(d -> new NumberedText(d.index(), d.text())).toList());
          judged[0] = revisions.judgeUsage();
        } catch (EndpointException e) {
          judged[0] = revisions.judgeUsage();
          if (e.kind() == EndpointException.Kind.INTERRUPTED) {
            throw e;
          }
          // The candidates are paid for: a judge that fails leaves the first, not nothing.
          yield whole.get(0);
        }
        int first = judgement.first();
        yield whole.stream().filter(d -> d.index() == first).findFirst().orElse(whole.get(0));
      }
    };
  }

  /** Why no candidate came back whole: the first one's error or status. */
  private static String whyNone(DraftSet set) {
    if (set.firstFailure() != null) {
      return set.firstFailure().getMessage();
    }
    Draft first = set.drafts().get(0);
    return switch (first.status()) {
      case TRUNCATED -> "the draft was cut at the token limit (raise --max-tokens)";
      case FILTERED -> "the draft was stopped by the endpoint's content filter";
      default -> first.error() != null ? first.error() : "the model returned no text";
    };
  }

  private Outcome failed(BatchItem item, String error, List<ChatMessage> messages, Usage usage) {
    BatchResult result = BatchResult.failed(item, error, usage);
    return new Outcome(result, row(result, messages));
  }

  private BatchItemRow row(BatchResult result, List<ChatMessage> messages) {
    return new BatchItemRow(
        result.item().id(),
        result.status(),
        result.item().variables(),
        messages,
        result.chosen() == null ? null : result.chosen().text(),
        result.error(),
        result.usage(),
        context.clock().instant());
  }

  /** Counts of the items as they finish, and the progress reported from them. */
  private static final class Tally {
    final AtomicLong done = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final AtomicLong skipped = new AtomicLong();
    final Long total;
    final long started;
    final Consumer<Progress> progress;
    private Usage usage = Usage.NONE;
    private Double cost;

    Tally(Long total, long started, Consumer<Progress> progress) {
      this.total = total;
      this.started = started;
      this.progress = progress;
    }

    /** An item of the source already complete in the destination. */
    void skip() {
      skipped.incrementAndGet();
    }

    synchronized void add(BatchResult result, Double itemCost) {
      (result.complete() ? done : failed).incrementAndGet();
      if (!result.complete()) {
        firstFailure.compareAndSet(null, result.error());
      }
      usage = usage.plus(result.usage());
      if (itemCost != null) {
        cost = (cost == null ? 0 : cost) + itemCost;
      }
      progress.accept(
          new Progress(
              done.get(),
              failed.get(),
              skipped.get(),
              total,
              usage,
              cost,
              Duration.ofNanos(System.nanoTime() - started)));
    }

    synchronized Usage usage() {
      return usage;
    }
  }

  /**
   * The client every request of the batch goes through: at most {@code concurrency} in flight, each
   * let through by the rate limiter, whose pace the server's rate-limit headers adjust.
   */
  private static final class Gate implements ChatClient {
    /** How long every request waits after one is still refused as rate limited. */
    static final Duration RATE_LIMITED_PAUSE = Duration.ofSeconds(10);

    private final ChatClient inner;
    private final Semaphore inFlight;
    private final RateLimiter limiter;
    private final java.util.Set<Thread> waiting =
        java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    Gate(ChatClient inner, Semaphore inFlight, RateLimiter limiter) {
      this.inner = inner;
      this.inFlight = inFlight;
      this.limiter = limiter;
    }

    @Override
    public ChatResult complete(ChatRequest request, StreamListener listener) {
      long tokens =
          PromptFit.tokens(request.messages().stream().map(ChatMessage::content).toList())
              + (request.maxTokens() == null ? 0 : request.maxTokens());
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EndpointException(EndpointException.Kind.INTERRUPTED, 0, "interrupted");
      }
      try {
        waiting.add(Thread.currentThread());
        try {
          if (cancelled) {
            throw new InterruptedException();
          }
          limiter.acquire(tokens * request.n());
        } finally {
          waiting.remove(Thread.currentThread());
        }
        ChatResult result = inner.complete(request, listener);
        limiter.observe(result.rateLimits());
        return result;
      } catch (EndpointException e) {
        if (e.kind() == EndpointException.Kind.RATE_LIMITED) {
          // Still refused after the client's retries: the others hold back a while too.
          limiter.pauseFor(RATE_LIMITED_PAUSE);
        }
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EndpointException(EndpointException.Kind.INTERRUPTED, 0, "interrupted");
      } finally {
        inFlight.release();
      }
    }

    @Override
    public List<ModelInfo> listModels() {
      return inner.listModels();
    }

    @Override
    public OptionalInt countTokens(String model, String text) {
      return inner.countTokens(model, text);
    }

    @Override
    public void cancel() {
      cancelled = true;
      inner.cancel();
      // Wakes the workers the rate limits hold back: only they, never one writing a result.
      waiting.forEach(Thread::interrupt);
    }

    @Override
    public void resume() {
      inner.resume();
    }
  }

  /**
   * The batch as one run of the history, its items written by one background thread a few dozen at
   * a time: a transaction per item from the workers would cap a batch at the disk's sync rate. A
   * history that cannot be written never stops the batch; it is reported once.
   */
  private static final class BatchHistory implements AutoCloseable {
    private static final long FLUSH_EVERY_MS = 250;

    private final Context context;
    private final HistoryStore store;
    private final String runId;
    private final java.util.concurrent.ConcurrentLinkedQueue<BatchItemRow> pending =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ScheduledExecutorService flusher;
    private volatile boolean broken;

    private BatchHistory(Context context, HistoryStore store, String runId) {
      this.context = context;
      this.store = store;
      this.runId = runId;
      if (store == null) {
        flusher = null;
        return;
      }
      flusher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "draft-batch-history");
                thread.setDaemon(true);
                return thread;
              });
      flusher.scheduleWithFixedDelay(
          this::flush, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    static BatchHistory open(
        Context context, EndpointSession session, Options options, String model) {
      if (!options.record()) {
        return new BatchHistory(context, null, null);
      }
      String runId = RunId.next(context.clock().instant());
      try {
        HistoryStore store = HistoryStore.open(context.dirs().historyDb());
        Template template = options.template();
        store.startRun(
            NewRun.builder(runId)
                .createdAt(context.clock().instant())
                .template(template.name(), template.text())
                .variables(options.values())
                .messages(List.of())
                .profile(session.profileName())
                .baseUrl(session.settings().baseUrl())
                .model(model)
                .params(
                    new RunParams(
                        options.n(),
                        options.sampling().temperature(),
                        options.sampling().maxTokens(),
                        options.sampling().seed(),
                        null))
                .kind("batch")
                .method("batch")
                .build());
        return new BatchHistory(context, store, runId);
      } catch (HistoryException | TemplateException e) {
        context.err().println("draft: the batch is not recorded in the history: " + e.getMessage());
        return new BatchHistory(context, null, null);
      }
    }

    String runId() {
      return store == null ? null : runId;
    }

    void add(BatchItemRow row) {
      if (store != null && !broken) {
        pending.add(row);
      }
    }

    /** Writes what the workers have queued, in one transaction. */
    private synchronized void flush() {
      List<BatchItemRow> rows = new ArrayList<>();
      BatchItemRow row;
      while ((row = pending.poll()) != null) {
        rows.add(row);
      }
      if (rows.isEmpty() || broken) {
        return;
      }
      try {
        store.addBatchItems(runId, rows);
      } catch (HistoryException e) {
        broken = true;
        context.err().println("draft: the batch's items are no longer recorded: " + e.getMessage());
      }
    }

    synchronized void finish(Summary summary, String in, String out, String failuresWhere) {
      if (store == null) {
        return;
      }
      flusher.shutdown();
      awaitQuietly(flusher);
      flush();
      try {
        store.addEvent(
            runId,
            null,
            "batch",
            JsonText.write(
                JsonText.MAPPER
                    .createObjectNode()
                    .put("in", in)
                    .put("out", out)
                    .put("complete", summary.complete())
                    .put("failed", summary.failed())
                    .put("skipped", summary.skipped())
                    .put("interrupted", summary.interrupted())
                    .put("failures", failuresWhere)));
        store.finishRun(runId, summary.usage(), summary.cost(), null);
      } catch (HistoryException e) {
        context.err().println("draft: the batch's end is not recorded: " + e.getMessage());
      }
    }

    @Override
    public void close() {
      if (store != null) {
        flusher.shutdownNow();
        awaitQuietly(flusher);
        // Items finished before a failure that ended the batch early are kept too.
        flush();
        store.close();
      }
    }
  }
}
