package dev.draft.draft;

import dev.draft.client.Capabilities;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.IntFunction;

/**
 * Produces N drafts for one request: with the API's {@code n} where the endpoint supports it,
 * otherwise as parallel single requests on a bounded pool. An endpoint that rejects {@code n} or
 * returns fewer choices than asked (Ollama ignores it) gets the rest as single requests, and is
 * remembered as not supporting {@code n}. An endpoint that takes {@code n} only up to a limit it
 * names (llama.cpp: its slots) gets native requests of at most that many, in parallel, and the
 * limit is remembered. One failed draft never discards the others.
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
    Capabilities known = capabilities.get(endpointKey);
    if (n == 1 || Boolean.FALSE.equals(known.nativeN())) {
      return fanOut(
          seeded(request),
          positions(0, n),
          n == 1 ? "single" : "fan-out",
          listener,
          List.of(),
          Usage.NONE);
    }
    if (known.maxN() != null && n > known.maxN()) {
      return batched(request, n, known.maxN(), listener);
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
      Integer limit = usableLimit(e, n);
      if (limit != null) {
        // llama.cpp takes n up to its number of slots and says so: ask in requests of that size.
        capabilities.update(endpointKey, c -> c.withMaxN(limit));
        return batched(request, n, limit, listener);
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
    return fanOut(seeded(request), missing(got, n), "mixed", listener, got, result.usage());
  }

  /** The largest n the server named when it refused {@code n}, if it can split this run. */
  private static Integer usableLimit(EndpointException e, int n) {
    Integer limit = e.limit();
    return limit != null && limit >= 2 && limit < n ? limit : null;
  }

  /**
   * {@code n} drafts as native requests of at most {@code limit} each, sent in parallel (at most
   * {@code concurrency} at once). Each request carries the seed plus the position of its first
   * draft, as a single request of a fan-out would. Drafts a request did not return are then asked
   * for one by one.
   */
  private DraftSet batched(ChatRequest request, int n, int limit, DraftListener listener) {
    List<Batch> batches = new ArrayList<>();
    for (int first = 0; first < n; first += limit) {
      int count = Math.min(limit, n - first);
      ChatRequest one = request.withN(count);
      batches.add(
          new Batch(
              first, count, request.seed() == null ? one : one.withSeed(request.seed() + first)));
    }
    DraftSet set = send(batches, "native", listener, List.of(), Usage.NONE);
    List<Draft> got = set.drafts();
    if (got.size() == n) {
      return set;
    }
    return fanOut(seeded(request), missing(got, n), "mixed", listener, got, set.usage());
  }

  private static List<Integer> missing(List<Draft> got, int n) {
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int position = i + 1;
      if (got.stream().noneMatch(d -> d.index() == position)) {
        missing.add(i);
      }
    }
    return missing;
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
   * One request of a run: drafts {@code first + 1} to {@code first + count}, asked with {@code n =
   * count} (a single request when the count is 1).
   */
  private record Batch(int first, int count, ChatRequest request) {}

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
    List<Batch> batches = new ArrayList<>();
    for (int position : zeroBasedPositions) {
      batches.add(new Batch(position, 1, requestFor.apply(position)));
    }
    return send(batches, method, listener, already, usageSoFar);
  }

  /**
   * Sends {@code batches}, at most {@code concurrency} at once, and collects their drafts in order.
   * A request that fails as a whole fails its own drafts and no others. A native request that
   * returns fewer choices than asked leaves the rest out, for the caller to ask again; so does one
   * whose {@code n} is refused after all.
   */
  private DraftSet send(
      List<Batch> batches,
      String method,
      DraftListener listener,
      List<Draft> already,
      Usage usageSoFar) {
    List<Draft> drafts = new ArrayList<>(already);
    Usage usage = usageSoFar;
    EndpointException firstFailure = null;
    int threads = Math.min(concurrency, batches.size());
    // One request is sent from this thread: a thread of its own per request cost a batch of
    // thousands of single requests as many thread starts.
    ExecutorService pool =
        batches.size() == 1
            ? null
            : Executors.newFixedThreadPool(Math.max(1, threads), daemonThreads());
    try {
      List<Future<ChatResult>> futures = new ArrayList<>();
      for (Batch batch : batches) {
        Callable<ChatResult> call =
            () ->
                batch.count() == 1
                    ? completeOne(batch.request(), batch.first(), listener)
                    : completeNative(batch, listener);
        if (pool == null) {
          FutureTask<ChatResult> here = new FutureTask<>(call);
          here.run();
          futures.add(here);
        } else {
          futures.add(pool.submit(call));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        Batch batch = batches.get(i);
        try {
          ChatResult result = futures.get(i).get();
          usage = usage.plus(result.usage());
          if (batch.count() == 1) {
            Choice choice =
                result.choices().isEmpty()
                    ? Choice.failed(0, "the endpoint returned no candidate")
                    : result.choices().get(0);
            drafts.add(Draft.from(batch.first() + 1, choice));
            continue;
          }
          for (Choice choice : result.choices()) {
            if (choice.index() >= 0 && choice.index() < batch.count()) {
              drafts.add(Draft.from(batch.first() + choice.index() + 1, choice));
            }
          }
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof EndpointException failure)) {
            // Not the endpoint's fault but a bug of ours: let it surface as one (exit 1).
            throw e.getCause() instanceof RuntimeException bug
                ? bug
                : new IllegalStateException(e.getCause());
          }
          if (batch.count() > 1 && "n".equals(failure.rejectedParameter())) {
            Integer limit = usableLimit(failure, batch.count());
            capabilities.update(
                endpointKey, c -> limit != null ? c.withMaxN(limit) : c.withNativeN(false));
            continue; // its drafts are asked for again one by one
          }
          boolean stopped = failure.kind() == EndpointException.Kind.INTERRUPTED;
          if (!stopped && firstFailure == null) {
            firstFailure = failure;
          }
          for (int k = 0; k < batch.count(); k++) {
            drafts.add(
                Draft.from(
                    batch.first() + k + 1,
                    stopped
                        ? Choice.interrupted(0, failure.getMessage())
                        : Choice.failed(0, failure.getMessage())));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          for (int k = 0; k < batch.count(); k++) {
            drafts.add(
                Draft.from(batch.first() + k + 1, Choice.interrupted(0, "stopped by the user")));
          }
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new DraftSet(drafts, usage, method, firstFailure);
  }

  /**
   * One native request of a split run; its choices report their own ends, and a request that fails
   * as a whole ends all its drafts.
   */
  private ChatResult completeNative(Batch batch, DraftListener listener) {
    try {
      return client.complete(batch.request(), forward(listener, batch.first(), true));
    } catch (EndpointException e) {
      if (!"n".equals(e.rejectedParameter())) {
        Status outcome =
            e.kind() == EndpointException.Kind.INTERRUPTED ? Status.INTERRUPTED : Status.FAILED;
        for (int k = 0; k < batch.count(); k++) {
          listener.onFinished(batch.first() + k + 1, outcome);
        }
      }
      throw e;
    }
  }

  /** One single request of a fan-out; tells the listener when it ends, however it ends. */
  private ChatResult completeOne(ChatRequest request, int position, DraftListener listener) {
    try {
      ChatResult result = client.complete(request, forward(listener, position));
      listener.onFinished(
          position + 1,
          result.choices().isEmpty()
              ? Status.FAILED
              : Status.of(result.choices().get(0).outcome()));
      return result;
    } catch (EndpointException e) {
      listener.onFinished(
          position + 1,
          e.kind() == EndpointException.Kind.INTERRUPTED ? Status.INTERRUPTED : Status.FAILED);
      throw e;
    }
  }

  /** Maps the endpoint's choice index (or, for a single request, {@code position}) to a draft. */
  private static StreamListener forward(DraftListener listener, Integer position) {
    return position == null ? forward(listener, 0, true) : forward(listener, position, false);
  }

  /**
   * Maps choice {@code index} to draft {@code first + index + 1} for a native request ({@code
   * perChoice}); for a single request every text is draft {@code first + 1}'s.
   */
  private static StreamListener forward(DraftListener listener, int first, boolean perChoice) {
    return new StreamListener() {
      private int draft(int index) {
        return first + (perChoice ? index : 0) + 1;
      }

      @Override
      public void onText(int index, String delta) {
        listener.onText(draft(index), delta);
      }

      @Override
      public void onReasoning(int index, String delta) {
        listener.onReasoning(draft(index), delta);
      }

      @Override
      public void onFinishReason(int index, String finishReason) {
        // A single request reports its end itself, with the outcome the client settled on.
        if (perChoice) {
          listener.onFinished(draft(index), Status.of(Outcome.fromFinishReason(finishReason)));
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
