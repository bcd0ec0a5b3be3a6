package dev.draft.draft;

import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.EndpointException;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Produces N drafts for one request: with the API's {@code n} where the endpoint supports it,
 * otherwise as parallel single requests on a bounded pool. An endpoint that rejects {@code n} or
 * returns fewer choices than asked (Ollama ignores it) gets the rest as single requests, and is
 * remembered as not supporting {@code n}. One failed draft never discards the others.
 */
public final class DraftGenerator {
  private final ChatClient client;
  private final CapabilityStore capabilities;
  private final String endpointKey;
  private final int concurrency;

  public DraftGenerator(
      ChatClient client, CapabilityStore capabilities, String endpointKey, int concurrency) {
    this.client = client;
    this.capabilities = capabilities;
    this.endpointKey = endpointKey;
    this.concurrency = Math.max(1, concurrency);
  }

  /**
   * @throws EndpointException when the first request fails as a whole (nothing was produced), so
   *     the caller can report one clear error
   */
  public DraftSet generate(ChatRequest request, int n, DraftListener listener) {
    if (n == 1 || Boolean.FALSE.equals(capabilities.get(endpointKey).nativeN())) {
      return fanOut(
          seeded(request),
          positions(0, n),
          n == 1 ? "single" : "fan-out",
          listener,
          List.of(),
          Usage.NONE);
    }
    ChatResult result;
    try {
      result = client.complete(request.withN(n), forward(listener, null));
    } catch (EndpointException e) {
      if (e.kind() == EndpointException.Kind.INTERRUPTED) {
        List<Draft> stopped = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          stopped.add(Draft.from(i, Choice.interrupted(0, e.getMessage())));
        }
        return new DraftSet(stopped, Usage.NONE, "native", null);
      }
      if (!"n".equals(e.rejectedParameter())) {
        throw e;
      }
      capabilities.update(endpointKey, c -> c.withNativeN(false));
      return fanOut(seeded(request), positions(0, n), "fan-out", listener, List.of(), Usage.NONE);
    }
    List<Draft> got = new ArrayList<>();
    for (Choice choice : result.choices()) {
      if (choice.index() >= 0 && choice.index() < n) {
        got.add(Draft.from(choice.index() + 1, choice));
      }
    }
    if (got.size() == n) {
      capabilities.update(endpointKey, c -> c.withNativeN(true));
      return new DraftSet(got, result.usage(), "native", null);
    }
    // Fewer choices than asked. Get the missing ones one by one. Only when every choice that came
    // finished does the server ignore n (Ollama); a stream cut short proves nothing about n, and
    // remembering it would turn a network hiccup into fan-out for good.
    if (got.stream().allMatch(d -> d.finishReason() != null)) {
      capabilities.update(endpointKey, c -> c.withNativeN(false));
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int position = i + 1;
      if (got.stream().noneMatch(d -> d.index() == position)) {
        missing.add(i);
      }
    }
    return fanOut(seeded(request), missing, "mixed", listener, got, result.usage());
  }

  /**
   * One draft per request, each sent on its own: for candidates that differ in their prompt or
   * sampling ({@code --vary}). Draft K answers {@code requests.get(K - 1)}.
   */
  public DraftSet generateEach(List<ChatRequest> requests, DraftListener listener) {
    return fanOut(
        position -> requests.get(position).withN(1),
        positions(0, requests.size()),
        "fan-out",
        listener,
        List.of(),
        Usage.NONE);
  }

  /** The single request for each position; equal seeds would give equal drafts, so each differs. */
  private static IntFunction<ChatRequest> seeded(ChatRequest request) {
    return position ->
        request.seed() == null
            ? request.withN(1)
            : request.withN(1).withSeed(request.seed() + position);
  }

  private static List<Integer> positions(int from, int to) {
    List<Integer> all = new ArrayList<>();
    for (int i = from; i < to; i++) {
      all.add(i);
    }
    return all;
  }

  /**
   * Requests one draft for each of {@code zeroBasedPositions}, at most {@code concurrency} at once.
   */
  private DraftSet fanOut(
      IntFunction<ChatRequest> requestFor,
      List<Integer> zeroBasedPositions,
      String method,
      DraftListener listener,
      List<Draft> already,
      Usage usageSoFar) {
    List<Draft> drafts = new ArrayList<>(already);
    Usage usage = usageSoFar;
    EndpointException firstFailure = null;
    int threads = Math.min(concurrency, zeroBasedPositions.size());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), daemonThreads());
    try {
      List<Future<ChatResult>> futures = new ArrayList<>();
      for (int position : zeroBasedPositions) {
        ChatRequest toSend = requestFor.apply(position);
        futures.add(pool.submit(() -> completeOne(toSend, position, listener)));
      }
      for (int i = 0; i < futures.size(); i++) {
        int position = zeroBasedPositions.get(i);
        try {
          ChatResult result = futures.get(i).get();
          usage = usage.plus(result.usage());
          Choice choice =
              result.choices().isEmpty()
                  ? Choice.failed(0, "the endpoint returned no candidate")
                  : result.choices().get(0);
          drafts.add(Draft.from(position + 1, choice));
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof EndpointException failure)) {
            // Not the endpoint's fault but a bug of ours: let it surface as one (exit 1).
            throw e.getCause() instanceof RuntimeException bug
                ? bug
                : new IllegalStateException(e.getCause());
          }
          if (failure.kind() == EndpointException.Kind.INTERRUPTED) {
            drafts.add(Draft.from(position + 1, Choice.interrupted(0, failure.getMessage())));
            continue;
          }
          if (firstFailure == null) {
            firstFailure = failure;
          }
          drafts.add(Draft.from(position + 1, Choice.failed(0, failure.getMessage())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          drafts.add(Draft.from(position + 1, Choice.interrupted(0, "stopped by the user")));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    drafts.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return new DraftSet(drafts, usage, method, firstFailure);
  }

  /** One single request of a fan-out; tells the listener when it ends, however it ends. */
  private ChatResult completeOne(ChatRequest request, int position, DraftListener listener) {
    try {
      ChatResult result = client.complete(request, forward(listener, position));
      listener.onFinished(
          position + 1,
          result.choices().isEmpty() ? Outcome.FAILED : result.choices().get(0).outcome());
      return result;
    } catch (EndpointException e) {
      listener.onFinished(
          position + 1,
          e.kind() == EndpointException.Kind.INTERRUPTED ? Outcome.INTERRUPTED : Outcome.FAILED);
      throw e;
    }
  }

  /** Maps the endpoint's choice index (or, for a single request, {@code position}) to a draft. */
  private static StreamListener forward(DraftListener listener, Integer position) {
    return new StreamListener() {
      @Override
      public void onText(int index, String delta) {
        listener.onText((position == null ? index : position) + 1, delta);
      }

      @Override
      public void onReasoning(int index, String delta) {
        listener.onReasoning((position == null ? index : position) + 1, delta);
      }

      @Override
      public void onFinishReason(int index, String finishReason) {
        // A fan-out request reports its end itself, with the outcome the client settled on.
        if (position == null) {
          listener.onFinished(index + 1, Outcome.fromFinishReason(finishReason));
        }
      }
    };
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "draft-request");
      thread.setDaemon(true);
      return thread;
    };
  }
}
