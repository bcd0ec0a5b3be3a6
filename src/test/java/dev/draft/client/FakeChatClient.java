package dev.draft.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A chat client that plays the model from a script, for tests of the commands, the session and the
 * views (llm's {@code MockModel.enqueue}). Each request takes the first queued {@link Reply} whose
 * condition it meets; a request that finds none fails the test. Replies stream their deltas to the
 * listener on the calling thread, in script order, and come back as the real client builds them:
 * {@link FakeChatClientParityTest} holds the two to the same results.
 *
 * <p>Register it as an instance field ({@code @RegisterExtension final FakeChatClient model = new
 * FakeChatClient();}) and every test ends with {@link #assertAllConsumed()}; hand it to the CLI
 * with {@code cli.clients((settings, capabilities) -> model)}. Thread-safe.
 */
public final class FakeChatClient implements ChatClient, AfterEachCallback {
  /** What the real client says of a stream the user stopped, and of a request after the stop. */
  static final String STOPPED = "stopped by the user";

  /** What the real client says of a stream that ended before a choice's finish reason. */
  static final String ENDED = "the stream ended before the model finished";

  private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

  private final Duration holdLimit;
  private final Object lock = new Object();
  private final List<Reply> replies = new ArrayList<>();
  private final Deque<ModelsReply> modelLists = new ArrayDeque<>();
  private final List<ChatRequest> requests = new ArrayList<>();
  private final List<AssertionError> failures = new ArrayList<>();
  private int modelListRequests;
  private ToIntFunction<String> tokenizer;
  private int tokenCountRequests;
  private boolean cancelled;
  private int holding;
  private int releasableHolding;
  private int releases;

  public FakeChatClient() {
    this(HOLD_LIMIT);
  }

  /**
   * @param holdLimit how long a held reply waits for {@link #release()} or {@link #cancel()} before
   *     it fails the test: a safety net, never a timing the test relies on
   */
  FakeChatClient(Duration holdLimit) {
    this.holdLimit = holdLimit;
  }

  // --- scripting ----------------------------------------------------------------------------

  /**
   * A reply with one choice per text, in index order, each finished with {@code stop}: each text in
   * one delta followed by its finish reason, as a whole answer not streamed reaches the listener.
   */
  public static Reply answer(String... texts) {
    Reply reply = reply();
    for (int i = 0; i < texts.length; i++) {
      reply.text(i, texts[i]).finish(i, "stop");
    }
    return reply;
  }

  /** An empty reply, to script delta by delta. */
  public static Reply reply() {
    return new Reply(null);
  }

  /** A reply that throws {@code failure}: the request failed as a whole. */
  public static Reply failure(EndpointException failure) {
    return new Reply(failure);
  }

  /** A reply that throws an {@link EndpointException} of {@code kind} with no HTTP status. */
  public static Reply failure(EndpointException.Kind kind, String message) {
    return failure(new EndpointException(kind, 0, message));
  }

  /**
   * Queues {@code reply} for the next request that meets its condition. The reply is copied: later
   * changes to it do not reach the queue.
   *
   * @throws IllegalArgumentException when the reply could never produce a candidate nor a failure
   */
  public FakeChatClient enqueue(Reply reply) {
    Reply copy = reply.copy();
    if (copy.failure == null && !copy.producesSomething() && !copy.blocksUntilCancelled()) {
      throw new IllegalArgumentException(
          "a reply without text, reasoning, finish reason or stream error: the real client never"
              + " returns one (script a failure instead)");
    }
    synchronized (lock) {
      replies.add(copy);
    }
    return this;
  }

  /** Queues the answer to the next {@link #listModels()}: models with these ids. */
  public FakeChatClient enqueueModels(String... ids) {
    List<ModelInfo> models = new ArrayList<>();
    for (String id : ids) {
      models.add(new ModelInfo(id, "fake"));
    }
    return enqueueModels(models);
  }

  public FakeChatClient enqueueModels(List<ModelInfo> models) {
    synchronized (lock) {
      modelLists.add(new ModelsReply(List.copyOf(models), null));
    }
    return this;
  }

  /** Queues a failure for the next {@link #listModels()}. */
  public FakeChatClient enqueueModelsFailure(EndpointException failure) {
    synchronized (lock) {
      modelLists.add(new ModelsReply(null, failure));
    }
    return this;
  }

  /**
   * Makes {@link #countTokens} count with {@code counter}, as a server with its own tokenizer
   * (llama.cpp, vLLM) does; without it the fake has none, as most endpoints.
   */
  public FakeChatClient tokenizer(ToIntFunction<String> counter) {
    synchronized (lock) {
      tokenizer = counter;
    }
    return this;
  }

  // --- what happened ------------------------------------------------------------------------

  /**
   * Every chat request received, oldest first; those refused because of {@link #cancel()} and those
   * nothing was queued for included.
   */
  public List<ChatRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** How many times {@link #listModels()} was called. */
  public int modelListRequests() {
    synchronized (lock) {
      return modelListRequests;
    }
  }

  /** How many times {@link #countTokens} was called. */
  public int tokenCountRequests() {
    synchronized (lock) {
      return tokenCountRequests;
    }
  }

  /**
   * Fails when a reply or model list is still queued, or when a request came that nothing was
   * queued for (the request threw too, but the code under test may have turned that into an exit
   * code), or a held reply waited in vain.
   */
  public void assertAllConsumed() {
    synchronized (lock) {
      if (!failures.isEmpty()) {
        AssertionError first = failures.get(0);
        AssertionError error =
            new AssertionError(
                first.getMessage()
                    + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""));
        failures.stream().skip(1).forEach(error::addSuppressed);
        throw error;
      }
      if (!replies.isEmpty() || !modelLists.isEmpty()) {
        List<String> left = new ArrayList<>();
        replies.forEach(r -> left.add(r.toString()));
        modelLists.forEach(m -> left.add(m.toString()));
        throw new AssertionError("the fake model was never asked for: " + left);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    assertAllConsumed();
  }

  // --- holds --------------------------------------------------------------------------------

  /** Waits until a request is held at a {@link Reply#hold()} or {@link Reply#untilCancelled()}. */
  public void awaitHeld() {
    awaitHolding(false);
  }

  /**
   * Lets a request held at {@link Reply#hold()} go on with the rest of its script; first waits for
   * one to get there.
   */
  public void release() {
    synchronized (lock) {
      awaitHolding(true);
      releases++;
      lock.notifyAll();
    }
  }

  private void awaitHolding(boolean releasable) {
    synchronized (lock) {
      long deadline = System.nanoTime() + holdLimit.toNanos();
      while ((releasable ? releasableHolding : holding) - (releasable ? releases : 0) <= 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no request reached a "
                  + (releasable ? "hold()" : "hold() or untilCancelled()")
                  + " of the fake model within "
                  + holdLimit.toSeconds()
                  + " s");
        }
        try {
          lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for the fake model to hold", e);
        }
      }
    }
  }

  /**
   * Holds the calling request until {@link #release()} (when {@code releasable}) or {@link
   * #cancel()}.
   *
   * @return true when cancel() ended the hold
   */
  private boolean hold(boolean releasable) {
    synchronized (lock) {
      holding++;
      if (releasable) {
        releasableHolding++;
      }
      lock.notifyAll();
      try {
        long deadline = System.nanoTime() + holdLimit.toNanos();
        while (!cancelled && !(releasable && releases > 0)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            AssertionError error =
                new AssertionError(
                    "a reply of the fake model was held for "
                        + holdLimit.toSeconds()
                        + " s and nobody called "
                        + (releasable ? "release() or cancel()" : "cancel()"));
            failures.add(error);
            throw error;
          }
          lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        if (cancelled) {
          return true;
        }
        releases--;
        return false;
      } catch (InterruptedException e) {
        // The caller gave up on the request: it ends as a stopped stream.
        Thread.currentThread().interrupt();
        return true;
      } finally {
        holding--;
        if (releasable) {
          releasableHolding--;
        }
      }
    }
  }

  // --- ChatClient ---------------------------------------------------------------------------

  @Override
  public ChatResult complete(ChatRequest request, StreamListener listener) {
    Reply reply;
    synchronized (lock) {
      requests.add(request);
      if (cancelled) {
        // As the real client: nothing is sent after a stop until resume().
        throw stopped();
      }
      reply = take(request);
    }
    if (reply.failure != null) {
      throw reply.failure;
    }
    return play(reply, request, listener);
  }

  @Override
  public List<ModelInfo> listModels() {
    ModelsReply next;
    synchronized (lock) {
      modelListRequests++;
      next = modelLists.poll();
      if (next == null) {
        AssertionError error =
            new AssertionError("the fake model was asked for its models, and none were queued");
        failures.add(error);
        throw error;
      }
    }
    if (next.failure != null) {
      throw next.failure;
    }
    return next.models;
  }

  @Override
  public OptionalInt countTokens(String model, String text) {
    ToIntFunction<String> counter;
    synchronized (lock) {
      tokenCountRequests++;
      if (cancelled) {
        throw stopped();
      }
      counter = tokenizer;
    }
    return counter == null ? OptionalInt.empty() : OptionalInt.of(counter.applyAsInt(text));
  }

  @Override
  public void cancel() {
    synchronized (lock) {
      cancelled = true;
      lock.notifyAll();
    }
  }

  @Override
  public void resume() {
    synchronized (lock) {
      cancelled = false;
    }
  }

  private static EndpointException stopped() {
    return new EndpointException(EndpointException.Kind.INTERRUPTED, 0, STOPPED, null, null);
  }

  /** The first queued reply whose condition {@code request} meets; fails the test if none. */
  private Reply take(ChatRequest request) {
    for (int i = 0; i < replies.size(); i++) {
      if (replies.get(i).condition.test(request)) {
        return replies.remove(i);
      }
    }
    AssertionError error =
        new AssertionError(
            "the fake model got a request nothing was queued for: "
                + describe(request)
                + "; still queued: "
                + replies);
    failures.add(error);
    throw error;
  }

  private static String describe(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    String last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
    if (last.length() > 120) {
      last = last.substring(0, 120) + "…";
    }
    return "model "
        + request.model()
        + ", n="
        + request.n()
        + ", stream="
        + request.stream()
        + ", last message \""
        + last
        + "\"";
  }

  /** Plays {@code reply}'s script and builds the result as the real client's accumulator does. */
  private ChatResult play(Reply reply, ChatRequest request, StreamListener listener) {
    Map<Integer, Candidate> candidates = new TreeMap<>();
    String streamError = null;
    String endedEarly = null;
    for (Step step : reply.steps) {
      switch (step.kind) {
        case TEXT -> {
          candidates.computeIfAbsent(step.index, i -> new Candidate()).text.append(step.value);
          listener.onText(step.index, step.value);
        }
        case REASONING -> {
          Candidate candidate = candidates.computeIfAbsent(step.index, i -> new Candidate());
          if (candidate.reasoning == null) {
            candidate.reasoning = new StringBuilder();
          }
          candidate.reasoning.append(step.value);
          listener.onReasoning(step.index, step.value);
        }
        case FINISH -> {
          Candidate candidate = candidates.computeIfAbsent(step.index, i -> new Candidate());
          if (candidate.finishReason == null) {
            candidate.finishReason = step.value;
            listener.onFinishReason(step.index, step.value);
          }
        }
        case STREAM_ERROR -> streamError = step.value;
        case HOLD, UNTIL_CANCELLED -> {
          if (hold(step.kind == StepKind.HOLD)) {
            endedEarly = STOPPED;
          }
        }
      }
      if (endedEarly != null) {
        break;
      }
    }
    if (candidates.isEmpty() && streamError == null) {
      // Only a stop leaves a reply with nothing: the real client then throws, as here.
      throw stopped();
    }
    if (candidates.isEmpty()) {
      for (int i = 0; i < request.n(); i++) {
        candidates.put(i, new Candidate());
      }
    }
    Usage total = reply.total();
    List<Choice> choices = new ArrayList<>();
    for (Map.Entry<Integer, Candidate> entry : candidates.entrySet()) {
      Candidate c = entry.getValue();
      Outcome outcome;
      String error = null;
      if (c.finishReason != null) {
        outcome = Outcome.fromFinishReason(c.finishReason);
        if (outcome == Outcome.FAILED && streamError == null) {
          error = "the server ended this draft with finish reason '" + c.finishReason + "'";
        }
      } else if (streamError != null) {
        outcome = Outcome.FAILED;
        error = streamError;
      } else {
        outcome = Outcome.INTERRUPTED;
        error = endedEarly != null ? endedEarly : ENDED;
      }
      choices.add(
          new Choice(
              entry.getKey(),
              c.text.toString(),
              c.reasoning == null ? null : c.reasoning.toString(),
              c.finishReason,
              outcome,
              error,
              candidates.size() == 1
                  ? total
                  : reply.choiceUsage.getOrDefault(entry.getKey(), Usage.NONE)));
    }
    return new ChatResult(choices, total);
  }

  private static final class Candidate {
    final StringBuilder text = new StringBuilder();
    StringBuilder reasoning;
    String finishReason;
  }

  private enum StepKind {
    TEXT,
    REASONING,
    FINISH,
    STREAM_ERROR,
    HOLD,
    UNTIL_CANCELLED
  }

  private record Step(StepKind kind, int index, String value) {}

  private record ModelsReply(List<ModelInfo> models, EndpointException failure) {
    @Override
    public String toString() {
      return failure != null
          ? "a model list failing with " + failure.kind()
          : "a model list of " + models.stream().map(ModelInfo::id).toList();
    }
  }

  /**
   * One scripted answer to one request: deltas per choice index, finish reasons, usage, holds, or a
   * failure of the whole request; and which request it answers ({@link #when}).
   */
  public static final class Reply {
    private final EndpointException failure;
    private final List<Step> steps = new ArrayList<>();
    private final Map<Integer, Usage> choiceUsage = new TreeMap<>();
    private Usage usage;
    private Predicate<ChatRequest> condition = request -> true;
    private String conditionText = "any request";

    private Reply(EndpointException failure) {
      this.failure = failure;
    }

    /** Streams {@code delta} as text of choice {@code index}. */
    public Reply text(int index, String delta) {
      return step(StepKind.TEXT, index, delta);
    }

    /** Streams {@code delta} as reasoning of choice {@code index}. */
    public Reply reasoning(int index, String delta) {
      return step(StepKind.REASONING, index, delta);
    }

    /** Ends choice {@code index} with {@code reason}; a second finish of one choice is ignored. */
    public Reply finish(int index, String reason) {
      return step(StepKind.FINISH, index, reason);
    }

    /** An error event in the stream: every choice without a finish reason fails with it. */
    public Reply streamError(String message) {
      return step(StepKind.STREAM_ERROR, 0, message);
    }

    /**
     * Waits here until the test calls {@link FakeChatClient#release()}, then goes on; or until
     * {@link FakeChatClient#cancel()}, and then ends as a stopped stream does.
     */
    public Reply hold() {
      return step(StepKind.HOLD, 0, null);
    }

    /**
     * Waits here until {@link FakeChatClient#cancel()}, as a stream the model is still writing when
     * the user presses Ctrl-C: choices without a finish reason come back interrupted with their
     * text so far, and with no choice at all the request throws {@link
     * EndpointException.Kind#INTERRUPTED}. Nothing may follow.
     */
    public Reply untilCancelled() {
      return step(StepKind.UNTIL_CANCELLED, 0, null);
    }

    /** The usage of the whole request; a single choice carries it too. */
    public Reply usage(long promptTokens, long completionTokens) {
      usage = new Usage(promptTokens, completionTokens);
      return this;
    }

    /**
     * The usage of one choice of several, as llama.cpp reports it. Without {@link #usage(long,
     * long)}, the request's usage is the largest prompt count and the sum of the completions.
     */
    public Reply usage(int index, long promptTokens, long completionTokens) {
      choiceUsage.put(index, new Usage(promptTokens, completionTokens));
      return this;
    }

    /** Answers only a request that meets {@code condition}, described for failure messages. */
    public Reply when(String description, Predicate<ChatRequest> condition) {
      this.conditionText = description;
      this.condition = condition;
      return this;
    }

    /** Answers only a request one of whose messages contains {@code fragment}. */
    public Reply whenAsked(String fragment) {
      return when(
          "a request asking '" + fragment + "'",
          request -> request.messages().stream().anyMatch(m -> m.content().contains(fragment)));
    }

    private Reply step(StepKind kind, int index, String value) {
      if (failure != null) {
        throw new IllegalStateException("a failure reply has no stream");
      }
      if (blocksUntilCancelled()) {
        throw new IllegalStateException("nothing can follow untilCancelled()");
      }
      steps.add(new Step(kind, index, value));
      return this;
    }

    private boolean blocksUntilCancelled() {
      return !steps.isEmpty() && steps.get(steps.size() - 1).kind == StepKind.UNTIL_CANCELLED;
    }

    private boolean producesSomething() {
      return steps.stream()
          .anyMatch(s -> s.kind != StepKind.HOLD && s.kind != StepKind.UNTIL_CANCELLED);
    }

    private Usage total() {
      if (usage != null) {
        return usage;
      }
      long prompt = 0;
      long completion = 0;
      for (Usage own : choiceUsage.values()) {
        prompt = Math.max(prompt, own.promptTokens());
        completion += own.completionTokens();
      }
      return new Usage(prompt, completion);
    }

    private Reply copy() {
      Reply copy = new Reply(failure);
      copy.steps.addAll(steps);
      copy.choiceUsage.putAll(choiceUsage);
      copy.usage = usage;
      copy.condition = condition;
      copy.conditionText = conditionText;
      return copy;
    }

    @Override
    public String toString() {
      String what =
          failure != null
              ? "a failure (" + failure.kind() + ")"
              : "a reply of " + steps.size() + " steps";
      return what + " for " + conditionText;
    }
  }
}
